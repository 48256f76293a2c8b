// outbox_bench: the outbox's figures, printed (not a pass/fail test).
//   build/tests/outbox_bench [--count 2000]
// (1) durable enqueue: seal + one FULL-synchronous WAL commit, median and p99;
// (2) sync throughput: queued sealed submissions delivered to an in-process loopback sandbox.
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "running_sandbox.hpp"
#include "services/outbox.hpp"
#include "services/sync_worker.hpp"

using namespace kiosk;
using namespace kiosk::services;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

std::int64_t wallMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

int main(int argc, char** argv) {
    int count = 2000;
    for (int i = 1; i + 1 < argc; ++i)
        if (!std::strcmp(argv[i], "--count")) count = std::max(10, std::atoi(argv[i + 1]));
    testing::RunningSandbox sandbox({}, testing::seedWithWorkers(count));
    std::ifstream seedFile(KIOSK_SOURCE_DIR "/config/sandbox_seed.json");
    const auto key = parseSealPublicKey(nlohmann::json::parse(seedFile)["sealing"]["public_key_hex"].get<std::string>());
    const fs::path dir = fs::temp_directory_path() / ("kiosk_outbox_bench_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    {
        auto box = std::move(Outbox::open((dir / "outbox.db").string(), *key).value());
        std::vector<double> samples;
        for (int i = 1; i <= count; ++i) {
            const std::string body = R"({"nik":")" + testing::syntheticWorkerNik(i) +
                                     R"(","course_id":"BLK-OTO-01","phone":"081234567890"})";
            const auto t0 = Clock::now();
            if (!box->enqueue("blk", body, "3374 •••• •••• 0001", wallMs())) return 1;
            samples.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        }
        std::printf("durable enqueue (seal + WAL commit, synchronous=FULL): median %.3f ms, p99 %.3f ms (n=%d)\n",
                    percentile(samples, 0.5), percentile(samples, 0.99), count);

        HttpSettings http;
        http.baseUrl = sandbox.baseUrl();
        http.token = testing::kDemoToken;
        std::mutex lock, m;
        std::condition_variable cv;
        int delivered = 0;
        const auto t0 = Clock::now();
        {
            SyncWorker worker(*box, lock, makeCentralApiDeliverer(http), SyncSettings{}, [&](const SyncNotice&) {
                std::lock_guard l(m);
                ++delivered;
                cv.notify_all();
            }, wallMs);
            std::unique_lock l(m);
            cv.wait(l, [&] { return delivered == count; });
        }
        const double s = std::chrono::duration<double>(Clock::now() - t0).count();
        std::printf("sync to the loopback sandbox: %d submissions in %.2f s = %.0f submissions/s\n", count, s, count / s);
    }
    fs::remove_all(dir);
    return 0;
}
