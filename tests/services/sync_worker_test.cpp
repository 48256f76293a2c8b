// The sync worker: order, refusals, pause on bad credentials, backoff and wake — with a scripted
// deliverer — and, against the real sandbox over HTTP with sealed bodies, 1,000 submissions through
// injected failures and dropped answers ending as exactly 1,000 server records.
#include <doctest/doctest.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <fstream>
#include <csignal>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sodium.h>
#include <sys/wait.h>
#include <unistd.h>

#include "running_sandbox.hpp"
#include "services/outbox.hpp"
#include "services/sqlite.hpp"
#include "services/sync_worker.hpp"

using namespace kiosk;
using namespace kiosk::services;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

struct TempDb {
    fs::path dir = fs::temp_directory_path() / ("kiosk_sync_" + std::to_string(::getpid()) + "_" + std::to_string(next()));
    TempDb() { fs::create_directories(dir); }
    ~TempDb() { fs::remove_all(dir); }
    std::string path() const { return (dir / "outbox.db").string(); }
    static int next() {
        static int n = 0;
        return n++;
    }
};

SealPublicKey testKey() {
    REQUIRE(sodium_init() >= 0);
    SealPublicKey pk{};
    std::array<unsigned char, crypto_box_SECRETKEYBYTES> sk{};
    crypto_box_keypair(pk.data(), sk.data());
    return pk;
}

std::int64_t wallMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// What a scripted deliverer answers and saw; shared, so a test reads it after the worker is gone.
struct Script {
    std::deque<core::ServiceError> answers;  // one per call; success once empty
    std::vector<std::string> delivered;      // local references, in delivery order
    std::vector<std::string> keys;
    std::mutex m;
};

class ScriptedDeliverer final : public Deliverer {
public:
    explicit ScriptedDeliverer(std::shared_ptr<Script> s) : m_s(std::move(s)) {}
    core::Result<Created, core::ServiceError> deliver(const PendingDelivery& d, const std::atomic<bool>*) override {
        Script& s = *m_s;
        std::lock_guard l(s.m);
        auto& script = s.answers;
        auto& keys = s.keys;
        auto& delivered = s.delivered;
        keys.push_back(d.idempotencyKey);
        if (!script.empty()) {
            auto e = script.front();
            script.pop_front();
            return core::unexpected(e);
        }
        delivered.push_back(d.localRef);
        Created c;
        c.httpStatus = 201;
        c.reference = "PS-" + d.localRef.substr(2);
        return c;
    }

private:
    std::shared_ptr<Script> m_s;
};

struct Notices {
    std::mutex m;
    std::condition_variable cv;
    std::vector<SyncNotice> all;
    std::function<void(const SyncNotice&)> sink() {
        return [this](const SyncNotice& n) {
            std::lock_guard l(m);
            all.push_back(n);
            cv.notify_all();
        };
    }
    bool waitFor(std::size_t count, std::chrono::milliseconds limit) {
        std::unique_lock l(m);
        return cv.wait_for(l, limit, [&] { return all.size() >= count; });
    }
};

SyncSettings fast() { return SyncSettings{1ms, 20ms}; }

}  // namespace

TEST_CASE("sync delivers in order and marks each delivered") {
    TempDb db;
    auto box = std::move(Outbox::open(db.path(), testKey()).value());
    std::mutex lock;
    std::vector<std::string> refs;
    for (int i = 0; i < 5; ++i) refs.push_back(box->enqueue("blk", "{}", "m", i)->localRef);
    auto script = std::make_shared<Script>();
    auto deliverer = std::make_unique<ScriptedDeliverer>(script);
    Notices notices;
    {
        SyncWorker worker(*box, lock, std::move(deliverer), fast(), notices.sink(), wallMs);
        REQUIRE(notices.waitFor(5, 5s));
    }
    CHECK(script->delivered == refs);
    std::lock_guard l(lock);
    CHECK(box->queuedCount().value() == 0);
    CHECK(box->find(refs[0]).value()->serverRef == "PS-" + refs[0].substr(2));
}

TEST_CASE("sync keeps a business refusal for staff and goes on") {
    TempDb db;
    auto box = std::move(Outbox::open(db.path(), testKey()).value());
    std::mutex lock;
    const auto refused = box->enqueue("pijar_semar", "{}", "m", 1)->localRef;
    const auto fine = box->enqueue("pijar_semar", "{}", "m", 2)->localRef;
    auto script = std::make_shared<Script>();
    auto deliverer = std::make_unique<ScriptedDeliverer>(script);
    script->answers.push_back({core::ServiceErrorKind::Refused, "quota_full"});
    Notices notices;
    {
        SyncWorker worker(*box, lock, std::move(deliverer), fast(), notices.sink(), wallMs);
        REQUIRE(notices.waitFor(2, 5s));
    }
    CHECK(notices.all[0].kind == SyncNotice::Kind::Rejected);
    CHECK(notices.all[0].code == "quota_full");
    CHECK(box->find(refused).value()->state == SubmissionState::Rejected);
    CHECK(box->find(refused).value()->rejectCode == "quota_full");
    CHECK(box->find(fine).value()->state == SubmissionState::Delivered);
}

TEST_CASE("sync retries transient failures with the same key") {
    TempDb db;
    auto box = std::move(Outbox::open(db.path(), testKey()).value());
    std::mutex lock;
    const auto entry = box->enqueue("pijar_semar", "{}", "m", 1).value();
    auto script = std::make_shared<Script>();
    auto deliverer = std::make_unique<ScriptedDeliverer>(script);
    for (auto kind : {core::ServiceErrorKind::Offline, core::ServiceErrorKind::Timeout, core::ServiceErrorKind::ServerError})
        script->answers.push_back({kind, "x"});
    script->answers.push_back({core::ServiceErrorKind::Refused, "request_in_progress"});
    Notices notices;
    {
        SyncWorker worker(*box, lock, std::move(deliverer), fast(), notices.sink(), wallMs);
        REQUIRE(notices.waitFor(1, 5s));
    }
    CHECK(notices.all[0].kind == SyncNotice::Kind::Delivered);
    REQUIRE(script->keys.size() == 5);
    for (const auto& k : script->keys) CHECK(k == entry.idempotencyKey);
    CHECK(box->find(entry.localRef).value()->attempts == 5);
}

TEST_CASE("bad credentials pause sync until resumed and nothing is lost") {
    TempDb db;
    auto box = std::move(Outbox::open(db.path(), testKey()).value());
    std::mutex lock;
    const auto ref = box->enqueue("pijar_semar", "{}", "m", 1)->localRef;
    auto script = std::make_shared<Script>();
    auto deliverer = std::make_unique<ScriptedDeliverer>(script);
    script->answers.push_back({core::ServiceErrorKind::Unauthorized, "unauthorized"});
    Notices notices;
    SyncWorker worker(*box, lock, std::move(deliverer), fast(), notices.sink(), wallMs);
    REQUIRE(notices.waitFor(1, 5s));
    CHECK(notices.all[0].kind == SyncNotice::Kind::Paused);
    CHECK(worker.paused());
    worker.wake();  // a new submission does not undo a pause
    std::this_thread::sleep_for(200ms);
    {
        std::lock_guard l(script->m);
        CHECK(script->delivered.empty());
    }
    worker.resume();
    REQUIRE(notices.waitFor(2, 5s));
    CHECK(notices.all[1].kind == SyncNotice::Kind::Delivered);
    std::lock_guard l(lock);
    CHECK(box->find(ref).value()->state == SubmissionState::Delivered);
}

TEST_CASE("wake cuts a long backoff short when the network returns") {
    TempDb db;
    auto box = std::move(Outbox::open(db.path(), testKey()).value());
    std::mutex lock;
    box->enqueue("blk", "{}", "m", 1);
    auto script = std::make_shared<Script>();
    auto deliverer = std::make_unique<ScriptedDeliverer>(script);
    script->answers.push_back({core::ServiceErrorKind::Offline, "offline"});
    Notices notices;
    // A backoff of up to a minute after the first failure...
    SyncWorker worker(*box, lock, std::move(deliverer), SyncSettings{60s, 300s}, notices.sink(), wallMs);
    std::this_thread::sleep_for(100ms);
    CHECK(notices.all.empty());
    worker.wake();  // ...ends at once when the network is back.
    CHECK(notices.waitFor(1, 3s));
}

TEST_CASE("1000 sealed submissions through a flaky sandbox end as exactly 1000 server records") {
    constexpr int kCount = 1000;
    sandbox::SandboxOptions opt;
    opt.failRate = 0.3;
    opt.dropAfterCommitRate = 0.1;
    testing::RunningSandbox sb(opt, testing::seedWithWorkers(kCount));
    std::ifstream seedFile(KIOSK_SOURCE_DIR "/config/sandbox_seed.json");
    const auto key = parseSealPublicKey(nlohmann::json::parse(seedFile)["sealing"]["public_key_hex"].get<std::string>());
    REQUIRE(key.has_value());
    TempDb db;
    auto box = std::move(Outbox::open(db.path(), *key).value());
    std::mutex lock;
    for (int i = 1; i <= kCount; ++i) {
        const std::string nik = testing::syntheticWorkerNik(i);
        const std::string body = R"({"nik":")" + nik + R"(","course_id":"BLK-OTO-01","phone":"081234567890"})";
        REQUIRE(box->enqueue("blk", body, "m", i).ok());
    }
    HttpSettings http;
    http.baseUrl = sb.baseUrl();
    http.token = testing::kDemoToken;
    Notices notices;
    {
        SyncWorker worker(*box, lock, makeCentralApiDeliverer(http), fast(), notices.sink(), wallMs);
        REQUIRE(notices.waitFor(kCount, 120s));
    }
    std::size_t rejected = 0;
    for (const auto& n : notices.all) rejected += n.kind == SyncNotice::Kind::Rejected ? 1 : 0;
    CHECK(rejected == 0);
    CHECK(box->queuedCount().value() == 0);
    sql::Database server(sb.dbPath());
    auto total = server.prepare("SELECT COUNT(*), COUNT(DISTINCT nik) FROM submissions WHERE program = 'blk'");
    REQUIRE(total.step());
    CHECK(total.integer(0) == kCount);
    CHECK(total.integer(1) == kCount);
}

namespace {

struct Child {
    pid_t pid = -1;
    FILE* out = nullptr;
};

Child spawn(const std::vector<std::string>& args) {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    Child c;
    c.pid = ::fork();
    if (c.pid == 0) {
        ::dup2(fds[1], STDOUT_FILENO);
        ::close(fds[0]);
        ::close(fds[1]);
        std::vector<char*> argv{const_cast<char*>(CRASH_CHILD)};
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        ::execv(CRASH_CHILD, argv.data());
        ::_exit(127);
    }
    ::close(fds[1]);
    c.out = ::fdopen(fds[0], "r");
    return c;
}

}  // namespace

TEST_CASE("crash: SIGKILLed at random moments 20+ times and every committed sign-up reaches the server once") {
    constexpr int kTarget = 1000;
    testing::RunningSandbox sb({}, testing::seedWithWorkers(kTarget + 200));
    std::ifstream seedFile(KIOSK_SOURCE_DIR "/config/sandbox_seed.json");
    const std::string key = nlohmann::json::parse(seedFile)["sealing"]["public_key_hex"].get<std::string>();
    TempDb db;
    std::set<int> committed;
    int next = 1;
    int kills = 0;
    int restarts = 0;
    std::mt19937 rng(20261130);
    while (committed.size() < static_cast<std::size_t>(kTarget) || kills < 20) {
        REQUIRE(restarts < 400);  // bounded: the test always ends
        ++restarts;
        const int last = std::min(next + 150, kTarget + 199);
        Child c = spawn({db.path(), key, sb.baseUrl(), std::to_string(next), std::to_string(last)});
        // Read what it says for a random while, then kill it wherever it is.
        const int lifeMs = std::uniform_int_distribution<int>(20, 250)(rng);
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(lifeMs);
        std::thread killer([&] {
            std::this_thread::sleep_until(deadline);
            ::kill(c.pid, SIGKILL);
        });
        char line[128];
        bool sawIntegrity = false;
        while (std::fgets(line, sizeof line, c.out)) {
            const std::string s(line);
            if (s.rfind("integrity ", 0) == 0) {
                sawIntegrity = true;
                CHECK(s == "integrity ok\n");
            } else if (s.rfind("committed ", 0) == 0) {
                const int i = std::atoi(s.c_str() + 10);
                committed.insert(i);
                next = std::max(next, i + 1);
            }
        }
        killer.join();
        int status = 0;
        ::waitpid(c.pid, &status, 0);
        std::fclose(c.out);
        if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) ++kills;
        if (!sawIntegrity) continue;  // killed before it could even check: fine, next start checks
        // Items beyond what was confirmed may also be committed (killed between commit and print):
        // never reuse their numbers, so each NIK is one submission.
        next = std::max(next, 1);
    }
    // The last start drains the queue to the sandbox.
    Child last = spawn({db.path(), key, sb.baseUrl(), "1", "0", "--drain"});
    char line[128];
    bool drained = false;
    while (std::fgets(line, sizeof line, last.out)) {
        if (std::string(line) == "integrity bad\n") FAIL("integrity check failed after the last restart");
        drained = drained || std::string(line) == "drained\n";
    }
    ::waitpid(last.pid, nullptr, 0);
    std::fclose(last.out);
    REQUIRE(drained);
    MESSAGE(kills << " kills, " << restarts << " starts, " << committed.size() << " confirmed commits");
    CHECK(kills >= 20);
    sql::Database server(sb.dbPath());
    auto count = server.prepare("SELECT COUNT(*) FROM submissions WHERE nik = ? AND program = 'blk'");
    for (int i : committed) {
        count.bind(1, testing::syntheticWorkerNik(i));
        REQUIRE(count.step());
        CHECK_MESSAGE(count.integer(0) == 1, "worker " << i << " is on the server " << count.integer(0) << " times");
        count.reset();
    }
    auto dupes = server.prepare("SELECT COUNT(*) FROM (SELECT nik FROM submissions GROUP BY nik, program HAVING COUNT(*) > 1)");
    REQUIRE(dupes.step());
    CHECK(dupes.integer(0) == 0);
}
