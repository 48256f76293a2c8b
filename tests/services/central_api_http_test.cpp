// The kiosk's central API client over real HTTP(S) on loopback: against the sandbox (every seeded
// person, errors, TLS verification and pinning) and against misbehaving servers (hung, 1 byte/s,
// closed port). Each attempt must end within its limit, and the service's check() must return at
// once so the UI thread keeps drawing frames.
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <netinet/in.h>
#include <nlohmann/json.hpp>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

#include "sandbox/server.hpp"
#include "services/central_api.hpp"
#include "services/http_eligibility_service.hpp"

using json = nlohmann::json;
namespace fs = std::filesystem;
using namespace kiosk;
using Clock = std::chrono::steady_clock;

namespace {

double secondsSince(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// A development certificate for 127.0.0.1, made once per test run with the openssl tool.
struct DevCert {
    fs::path dir = fs::temp_directory_path() / ("kiosk_tls_" + std::to_string(::getpid()));
    std::string cert = (dir / "cert.pem").string();
    std::string key = (dir / "key.pem").string();
    DevCert() {
        fs::create_directories(dir);
        const std::string cmd = "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 "
                                "-addext subjectAltName=IP:127.0.0.1 -keyout '" + key + "' -out '" + cert +
                                "' >/dev/null 2>&1";
        REQUIRE(std::system(cmd.c_str()) == 0);
    }
    ~DevCert() { fs::remove_all(dir); }
};
const DevCert& devCert() {
    static DevCert c;
    return c;
}

class Sandbox {
public:
    explicit Sandbox(bool tls) {
        m_dir = fs::temp_directory_path() / ("kiosk_api_test_" + std::to_string(::getpid()) + (tls ? "_tls" : ""));
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
        sandbox::SandboxOptions o;
        o.port = 0;
        o.dbPath = (m_dir / "db.sqlite").string();
        o.seedPath = KIOSK_SOURCE_DIR "/config/sandbox_seed.json";
        o.today = core::CivilDate{2026, 11, 30};
        if (tls) {
            o.certFile = devCert().cert;
            o.keyFile = devCert().key;
        }
        m_server = std::make_unique<sandbox::SandboxServer>(o);
        m_port = m_server->bind();
        REQUIRE(m_port > 0);
        m_thread = std::thread([this] { m_server->run(); });
        m_url = std::string(tls ? "https" : "http") + "://127.0.0.1:" + std::to_string(m_port) + "/api/v1";
    }
    ~Sandbox() {
        m_server->stop();
        m_thread.join();
        m_server.reset();
        fs::remove_all(m_dir);
    }
    services::HttpSettings settings() const {
        services::HttpSettings s;
        s.baseUrl = m_url;
        s.token = "demo-kiosk-token-01";
        s.caFile = devCert().cert;
        s.connectTimeoutMs = 2000;
        s.totalTimeoutMs = 5000;
        return s;
    }

private:
    fs::path m_dir;
    std::unique_ptr<sandbox::SandboxServer> m_server;
    int m_port = -1;
    std::thread m_thread;
    std::string m_url;
};

// A server that accepts and then misbehaves: never answers, or answers one byte per second.
class BadServer {
public:
    enum class Mode { Hang, Trickle };
    explicit BadServer(Mode mode) : m_mode(mode) {
        m_listen = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::bind(m_listen, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
        socklen_t len = sizeof addr;
        ::getsockname(m_listen, reinterpret_cast<sockaddr*>(&addr), &len);
        m_port = ntohs(addr.sin_port);
        ::listen(m_listen, 16);
        m_thread = std::thread([this] { serve(); });
    }
    ~BadServer() {
        m_stop = true;
        ::shutdown(m_listen, SHUT_RDWR);
        ::close(m_listen);
        m_thread.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port) + "/api/v1"; }

private:
    void serve() {
        while (!m_stop) {
            const int fd = ::accept(m_listen, nullptr, nullptr);
            if (fd < 0) return;
            char buf[4096];
            (void)::recv(fd, buf, sizeof buf, 0);
            if (m_mode == Mode::Trickle) {
                const std::string head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n";
                (void)::send(fd, head.data(), head.size(), MSG_NOSIGNAL);
            }
            for (int i = 0; i < 300 && !m_stop; ++i) {  // at most 30 s, bounded
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
                if (m_mode == Mode::Trickle && i % 10 == 0 && ::send(fd, "[", 1, MSG_NOSIGNAL) < 0) break;
            }
            ::close(fd);
        }
    }
    Mode m_mode;
    int m_listen = -1;
    int m_port = 0;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

json seed() {
    std::ifstream in(KIOSK_SOURCE_DIR "/config/sandbox_seed.json");
    return json::parse(in);
}

std::string statusName(core::DecisionStatus s) {
    switch (s) {
        case core::DecisionStatus::Eligible: return "eligible";
        case core::DecisionStatus::Ineligible: return "ineligible";
        case core::DecisionStatus::AlreadyEnrolled: return "already_enrolled";
        case core::DecisionStatus::ReferToStaff: return "refer_to_staff";
    }
    return "?";
}

}  // namespace

TEST_CASE("every seeded person through the real client over HTTPS") {
    Sandbox s(true);
    services::CentralApi api(s.settings());
    const json people = seed()["people"];
    std::set<std::string> statuses;
    for (const auto& p : people) {
        INFO(p["demo_note"].get<std::string>());
        auto r = api.eligibility(p["nik"].get<std::string>());
        REQUIRE_MESSAGE(r.ok(), "error code " << (r.ok() ? "" : r.error().code));
        CHECK(r->person.displayName == p["name"].get<std::string>());
        CHECK(r->person.maskedNik.find("••••") != std::string::npos);
        for (const auto& d : r->programs) {
            statuses.insert(statusName(d.status));
            for (const auto& reason : d.reasons) CHECK_FALSE(reason.message.in(core::Lang::Jv).empty());
        }
        if (r->decision(core::ProgramId::PijarSemar).status == core::DecisionStatus::Eligible) {
            CHECK(r->decision(core::ProgramId::PijarSemar).funding != core::Funding::None);
            CHECK(r->decision(core::ProgramId::PijarSemar).placesLeft.value_or(0) > 0);
        }
    }
    CHECK(statuses == std::set<std::string>{"eligible", "ineligible", "already_enrolled", "refer_to_staff"});
}

TEST_CASE("unknown person is NotFound and a wrong token Unauthorized") {
    Sandbox s(false);
    services::CentralApi api(s.settings());
    auto unknown = api.eligibility(seed()["unknown_nik_examples"][0].get<std::string>());
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().kind == core::ServiceErrorKind::NotFound);
    auto settings = s.settings();
    settings.token = "stolen-or-wrong";
    services::CentralApi wrong(settings);
    auto r = wrong.eligibility("3374016107849001");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == core::ServiceErrorKind::Unauthorized);
    auto health = services::CentralApi(s.settings()).health();
    REQUIRE(health.ok());
    CHECK_FALSE(health.value().empty());
}

TEST_CASE("TLS is verified: an unknown certificate or a wrong pin is refused") {
    Sandbox s(true);
    auto noCa = s.settings();
    noCa.caFile.clear();  // the system store does not know our development certificate
    auto r = services::CentralApi(noCa).eligibility("3374016107849001");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == core::ServiceErrorKind::Tls);
    auto pinned = s.settings();
    pinned.pinnedPublicKey = "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    auto p = services::CentralApi(pinned).eligibility("3374016107849001");
    REQUIRE_FALSE(p.ok());
    CHECK(p.error().kind == core::ServiceErrorKind::Tls);
}

TEST_CASE("a closed port is Offline at once") {
    services::HttpSettings s;
    s.baseUrl = "http://127.0.0.1:9/api/v1";  // discard port: nothing listens
    s.token = "t";
    services::RetryPolicy once;
    once.maxAttempts = 1;
    const auto t0 = Clock::now();
    auto r = services::CentralApi(s, once).eligibility("3374016107849001");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == core::ServiceErrorKind::Offline);
    CHECK(secondsSince(t0) < 1.0);
}

TEST_CASE("a hung server: each attempt ends at the total limit") {
    BadServer hung(BadServer::Mode::Hang);
    services::HttpSettings s;
    s.baseUrl = hung.url();
    s.token = "t";
    s.totalTimeoutMs = 1500;
    services::RetryPolicy once;
    once.maxAttempts = 1;
    const auto t0 = Clock::now();
    auto r = services::CentralApi(s, once).eligibility("3374016107849001");
    const double took = secondsSince(t0);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == core::ServiceErrorKind::Timeout);
    CHECK(took >= 1.4);
    CHECK(took < 2.5);
}

TEST_CASE("a 1 byte per second server is cut off by the low-speed limit") {
    BadServer slow(BadServer::Mode::Trickle);
    services::HttpSettings s;
    s.baseUrl = slow.url();
    s.token = "t";
    s.totalTimeoutMs = 20000;
    s.lowSpeedBytesPerSecond = 64;
    s.lowSpeedSeconds = 2;
    services::RetryPolicy once;
    once.maxAttempts = 1;
    const auto t0 = Clock::now();
    auto r = services::CentralApi(s, once).eligibility("3374016107849001");
    const double took = secondsSince(t0);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == core::ServiceErrorKind::Timeout);
    CHECK(took < 4.5);  // low-speed window plus slack, far below the 20 s total
}

TEST_CASE("the service never blocks its caller and a hung request can be cancelled") {
    BadServer hung(BadServer::Mode::Hang);
    services::HttpSettings s;
    s.baseUrl = hung.url();
    s.token = "t";
    s.totalTimeoutMs = 10000;
    std::mutex m;
    std::condition_variable cv;
    std::vector<core::Event> events;
    auto post = [&](core::Event e) {
        std::lock_guard l(m);
        events.push_back(std::move(e));
        cv.notify_all();
    };
    auto service = services::makeHttpEligibilityService(s, services::RetryPolicy{}, post);
    // The UI thread's side: check() and cancel() return within a frame's budget.
    auto t0 = Clock::now();
    service->check(1, "3374016107849001");
    CHECK(secondsSince(t0) < 0.005);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    t0 = Clock::now();
    service->cancel(1);
    CHECK(secondsSince(t0) < 0.005);
    std::unique_lock l(m);
    CHECK_FALSE(cv.wait_for(l, std::chrono::milliseconds(500), [&] { return !events.empty(); }));
    l.unlock();
    t0 = Clock::now();
    service.reset();  // destruction does not wait for the hung server
    CHECK(secondsSince(t0) < 0.5);
}

TEST_CASE("the service answers through events with the request id") {
    Sandbox sb(false);
    std::mutex m;
    std::condition_variable cv;
    std::vector<core::Event> events;
    auto service = services::makeHttpEligibilityService(sb.settings(), services::RetryPolicy{}, [&](core::Event e) {
        std::lock_guard l(m);
        events.push_back(std::move(e));
        cv.notify_all();
    });
    service->check(41, "3374016107849001");
    service->check(42, seed()["unknown_nik_examples"][0].get<std::string>());
    std::unique_lock l(m);
    REQUIRE(cv.wait_for(l, std::chrono::seconds(10), [&] { return events.size() == 2; }));
    const auto* ok = std::get_if<core::ev::EligibilityArrived>(&events[0]);
    REQUIRE(ok != nullptr);
    CHECK(ok->requestId == 41);
    const auto* nf = std::get_if<core::ev::EligibilityFailed>(&events[1]);
    REQUIRE(nf != nullptr);
    CHECK(nf->requestId == 42);
    CHECK(nf->error.kind == core::ServiceErrorKind::NotFound);
}
