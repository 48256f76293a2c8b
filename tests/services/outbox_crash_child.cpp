// The crash test's child: opens the outbox, says whether it is intact, syncs to the sandbox and
// commits sign-ups, printing "committed N" only after enqueue() returned. The test SIGKILLs it
// at random moments and starts it again.
//   outbox_crash_child DB SEAL_KEY_HEX BASE_URL FIRST LAST [--drain]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

#include "running_sandbox.hpp"
#include "services/outbox.hpp"
#include "services/sync_worker.hpp"

using namespace kiosk::services;

int main(int argc, char** argv) {
    if (argc < 6) return 2;
    const auto key = parseSealPublicKey(argv[2]);
    if (!key) return 2;
    auto opened = Outbox::open(argv[1], *key);
    if (!opened) {
        std::printf("open failed %s\n", opened.error().detail.c_str());
        return 3;
    }
    auto& box = *opened.value();
    std::printf("integrity %s\n", box.integrityOk() ? "ok" : "bad");
    std::fflush(stdout);
    const bool drain = argc > 6 && std::string(argv[6]) == "--drain";
    HttpSettings http;
    http.baseUrl = argv[3];
    http.token = kiosk::testing::kDemoToken;
    std::mutex lock;
    auto wall = [] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    };
    SyncWorker worker(box, lock, makeCentralApiDeliverer(http), SyncSettings{std::chrono::milliseconds(1), std::chrono::milliseconds(20)},
                      [](const SyncNotice&) {}, wall);
    for (int i = std::atoi(argv[4]); i <= std::atoi(argv[5]); ++i) {
        const std::string body = R"({"nik":")" + kiosk::testing::syntheticWorkerNik(i) +
                                 R"(","course_id":"BLK-OTO-01","phone":"081234567890"})";
        bool ok = false;
        {
            std::lock_guard l(lock);
            ok = box.enqueue("blk", body, "m", wall()).ok();
        }
        if (!ok) return 4;
        std::printf("committed %d\n", i);
        std::fflush(stdout);
        worker.wake();
    }
    while (true) {  // keep syncing until killed, or until the queue is empty when draining
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        if (!drain) continue;
        std::lock_guard l(lock);
        if (box.queuedCount().value() == 0) break;
    }
    std::printf("drained\n");
    return 0;
}
