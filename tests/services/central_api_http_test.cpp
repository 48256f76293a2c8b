// The kiosk's central API client over real HTTP(S) on loopback: against the sandbox (every seeded
// person, errors, TLS verification and pinning, every other endpoint of the contract, idempotent creates
// surviving a lost answer) and against misbehaving servers (hung, 1 byte/s, closed port). Each attempt
// must end within its limit, and the service's check() must return at once so the UI thread keeps
// drawing frames.
#include <doctest/doctest.h>

#include <algorithm>
#include <arpa/inet.h>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <fstream>
#include <mutex>
#include <set>
#include <netinet/in.h>
#include <nlohmann/json.hpp>
#include <sys/socket.h>
#include <thread>
#include <tuple>
#include <unistd.h>
#include <vector>

#include "running_sandbox.hpp"
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

// The shared in-process sandbox, optionally over TLS with the development certificate.
class Sandbox : public testing::RunningSandbox {
public:
    // dropAfterCommitRate and latencyMs: the sandbox's fault knobs (SandboxOptions).
    explicit Sandbox(bool tls, double dropAfterCommitRate = 0.0, int latencyMs = 0)
        : RunningSandbox(options(tls, dropAfterCommitRate, latencyMs)) {}
    services::HttpSettings settings() const {
        services::HttpSettings s;
        s.baseUrl = baseUrl();
        s.token = testing::kDemoToken;
        s.caFile = devCert().cert;
        s.connectTimeoutMs = 2000;
        s.totalTimeoutMs = 5000;
        return s;
    }

private:
    static sandbox::SandboxOptions options(bool tls, double dropAfterCommitRate, int latencyMs) {
        sandbox::SandboxOptions o;
        o.dropAfterCommitRate = dropAfterCommitRate;
        o.latencyMs = latencyMs;
        if (tls) {
            o.certFile = devCert().cert;
            o.keyFile = devCert().key;
        }
        return o;
    }
};

// A server that accepts and then misbehaves: never answers, or answers one byte per second.
class BadServer {
public:
    enum class Mode { Hang, Trickle, Huge };
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
            if (m_mode == Mode::Huge) {  // a 10 MB answer, as fast as the socket takes it
                const std::string head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 10485760\r\n\r\n";
                (void)::send(fd, head.data(), head.size(), MSG_NOSIGNAL);
                const std::string chunk(64 * 1024, '[');
                for (int i = 0; i < 160 && !m_stop; ++i)
                    if (::send(fd, chunk.data(), chunk.size(), MSG_NOSIGNAL) < 0) break;
                ::close(fd);
                continue;
            }
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

// Quick retries: the tests wait on the server, not on backoff.
services::RetryPolicy quickRetries() {
    services::RetryPolicy p;
    p.maxAttempts = 3;
    p.baseDelayMs = 20;
    p.capDelayMs = 100;
    return p;
}

// The OpenAPI enrollment example, for any seeded person.
services::EnrollmentRequest enrollment(const std::string& nik, const std::string& kecamatan, const std::string& kelurahan) {
    services::EnrollmentRequest r;
    r.nik = nik;
    r.occupation = "angkot";
    r.phone = "081234567890";
    r.address = {kecamatan, kelurahan, "004", "007"};
    r.consent.textVersion = "pdp-2026-01";
    r.consent.language = core::Lang::Id;
    r.consent.readAloud = false;
    r.consent.acceptedAt = "2026-11-30T09:15:00+07:00";
    r.consent.kioskId = "MPP-SMG-DEMO-01";
    r.consent.shareWithBpjs = true;
    r.consent.smsReminders = false;
    return r;
}

services::MediationRequest mediation(const std::string& nik, const std::string& slotId) {
    services::MediationRequest r;
    r.nik = nik;
    r.slotId = slotId;
    r.disputeType = "hak";
    r.phone = "089612345678";
    r.employerName = "Bengkel Ban Maju Jaya";
    r.bipartite = {true, "risalah"};
    return r;
}

std::string statusName(core::DecisionStatus s) {
    switch (s) {
        case core::DecisionStatus::Eligible: return "eligible";
        case core::DecisionStatus::Ineligible: return "ineligible";
        case core::DecisionStatus::AlreadyEnrolled: return "already_enrolled";
        case core::DecisionStatus::Submitted: return "submitted";  // the kiosk's own, never from the API
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

// One eligibility attempt (no retries) against `url`: the error it ended with and how long it took.
struct Attempt {
    core::ServiceError error;
    double seconds = 0;
};
Attempt oneAttempt(const std::string& url, const std::function<void(services::HttpSettings&)>& tune = {}) {
    services::HttpSettings s;
    s.baseUrl = url;
    s.token = "t";
    if (tune) tune(s);
    services::RetryPolicy once;
    once.maxAttempts = 1;
    const auto t0 = Clock::now();
    auto r = services::CentralApi(s, once).eligibility("3374016107849001");
    REQUIRE_FALSE(r.ok());
    return {r.error(), secondsSince(t0)};
}

TEST_CASE("a closed port is Offline at once") {
    const Attempt a = oneAttempt("http://127.0.0.1:9/api/v1");  // discard port: nothing listens
    CHECK(a.error.kind == core::ServiceErrorKind::Offline);
    CHECK(a.seconds < 1.0);
}

TEST_CASE("a hung server: each attempt ends at the total limit") {
    BadServer hung(BadServer::Mode::Hang);
    const Attempt a = oneAttempt(hung.url(), [](services::HttpSettings& s) { s.totalTimeoutMs = 1500; });
    CHECK(a.error.kind == core::ServiceErrorKind::Timeout);
    CHECK(a.seconds >= 1.4);
    CHECK(a.seconds < 2.5);
}

TEST_CASE("a 1 byte per second server is cut off by the low-speed limit") {
    BadServer slow(BadServer::Mode::Trickle);
    const Attempt a = oneAttempt(slow.url(), [](services::HttpSettings& s) {
        s.totalTimeoutMs = 20000;
        s.lowSpeedBytesPerSecond = 64;
        s.lowSpeedSeconds = 2;
    });
    CHECK(a.error.kind == core::ServiceErrorKind::Timeout);
    CHECK(a.seconds < 4.5);  // low-speed window plus slack, far below the 20 s total
}

TEST_CASE("a 10 MB answer is cut off at the size cap and is a service problem") {
    BadServer huge(BadServer::Mode::Huge);
    const Attempt a = oneAttempt(huge.url());
    CHECK(a.error.kind == core::ServiceErrorKind::ServerError);
    CHECK(a.error.code == "response_too_large");
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

// ---- every other endpoint of the contract through the real client ----------------------------------

TEST_CASE("occupations and courses come back typed") {
    Sandbox sb(false);
    services::CentralApi api(sb.settings());
    auto occupations = api.occupations();
    REQUIRE_MESSAGE(occupations.ok(), occupations.error().code);
    CHECK(occupations->size() == seed()["occupations"].size());
    CHECK(std::any_of(occupations->begin(), occupations->end(),
                      [](const services::Occupation& o) { return o.code == "angkot" && o.name.in(core::Lang::En) == "Minibus (angkot) driver"; }));
    auto courses = api.courses();
    REQUIRE_MESSAGE(courses.ok(), courses.error().code);
    CHECK(courses->size() == seed()["courses"].size());
    const auto find = [&](const std::string& id) {
        const auto it = std::find_if(courses->begin(), courses->end(), [&](const services::Course& c) { return c.id == id; });
        REQUIRE(it != courses->end());
        return *it;
    };
    const services::Course full = find("BLK-DGR-01");
    CHECK(full.seatsLeft == 0);
    CHECK(full.seatsTotal == 16);
    const services::Course open = find("BLK-OTO-01");
    CHECK(open.seatsLeft == 4);
    CHECK(open.title.in(core::Lang::Id) == "Otomotif Sepeda Motor");
    CHECK(open.start == "2027-01-11");
    CHECK(open.minAge == 18);
    CHECK(open.maxAge == 45);
    CHECK(open.residency == "kota_semarang");
    CHECK(open.documents == std::vector<std::string>{"ktp", "ijazah", "pas_foto", "ak1"});
}

TEST_CASE("mediation slots for a date range and bad ranges refused before sending") {
    Sandbox sb(false);
    services::CentralApi api(sb.settings());
    auto slots = api.slots("2026-12-01", 3);  // Tuesday to Thursday: 3 working days of 4 times
    REQUIRE_MESSAGE(slots.ok(), slots.error().code);
    REQUIRE(slots->size() == 12);
    CHECK(slots->front().id == "MED-20261201-0900");
    CHECK(slots->front().date == "2026-12-01");
    CHECK(slots->front().time == "09:00");
    CHECK(slots->back().id == "MED-20261203-1430");
    for (const auto& slot : slots.value()) CHECK(slot.available);
    for (const auto& [from, days, field] : {std::tuple{"2026-13-01", 3, "from"}, std::tuple{"01-12-2026", 3, "from"},
                                            std::tuple{"2026-12-01&nik=1", 3, "from"}, std::tuple{"2026-12-01", 0, "days"},
                                            std::tuple{"2026-12-01", 61, "days"}}) {
        auto bad = api.slots(from, days);
        REQUIRE_FALSE(bad.ok());
        CHECK(bad.error().kind == core::ServiceErrorKind::Invalid);
        CHECK(bad.error().code == "invalid_fields");
        CHECK(bad.error().fields == std::vector<std::string>{field});
    }
}

TEST_CASE("an enrollment is created and the same key replays the same reference") {
    Sandbox sb(false);
    services::CentralApi api(sb.settings(), quickRetries());
    const auto request = enrollment("3374016107849001", "Semarang Tengah", "Pekunden");
    auto first = api.enrollPijarSemar(request, "kiosk-01-enroll-0001");
    REQUIRE_MESSAGE(first.ok(), first.error().code);
    CHECK(first->httpStatus == 201);
    CHECK(first->program == "pijar_semar");
    CHECK(first->status == "received");
    CHECK(first->fundingSource == "APBD");
    CHECK(first->placesLeft == 37);  // Semarang Tengah had 38
    CHECK_FALSE(first->waitlistPosition.has_value());
    CHECK(first->maskedNik == "3374 •••• •••• 9001");
    CHECK(first->reference.rfind("PS-", 0) == 0);

    auto again = api.enrollPijarSemar(request, "kiosk-01-enroll-0001");
    REQUIRE_MESSAGE(again.ok(), again.error().code);
    CHECK(again->reference == first->reference);
    CHECK(again->placesLeft == 37);

    auto other = request;
    other.consent.smsReminders = true;
    auto reused = api.enrollPijarSemar(other, "kiosk-01-enroll-0001");
    REQUIRE_FALSE(reused.ok());
    CHECK(reused.error().kind == core::ServiceErrorKind::Invalid);
    CHECK(reused.error().code == "idempotency_key_reused");

    auto twice = api.enrollPijarSemar(request, "kiosk-01-enroll-0002");
    REQUIRE_FALSE(twice.ok());
    CHECK(twice.error().kind == core::ServiceErrorKind::Refused);
    CHECK(twice.error().code == "already_enrolled");

    auto stored = api.submission(first->reference);
    REQUIRE_MESSAGE(stored.ok(), stored.error().code);
    CHECK(stored->reference == first->reference);
    CHECK(stored->program == "pijar_semar");
    CHECK(stored->status == "received");
    CHECK(stored->maskedNik == "3374 •••• •••• 9001");
    CHECK_FALSE(stored->createdAt.empty());
}

TEST_CASE("enrollment refusals: already in BPJS and aged 65 and an invalid phone") {
    Sandbox sb(false);
    services::CentralApi api(sb.settings(), quickRetries());
    auto enrolled = api.enrollPijarSemar(enrollment("3374131905749023", "Semarang Barat", "Kembangarum"), "k-already-1");
    REQUIRE_FALSE(enrolled.ok());
    CHECK(enrolled.error().kind == core::ServiceErrorKind::Refused);
    CHECK(enrolled.error().code == "already_enrolled");

    auto old = api.enrollPijarSemar(enrollment("3374082911619025", "Candisari", "Kaliwiru"), "k-aged-65-1");
    REQUIRE_FALSE(old.ok());
    CHECK(old.error().kind == core::ServiceErrorKind::Refused);
    CHECK(old.error().code == "not_eligible");

    auto badPhone = enrollment("3374061404839006", "Pedurungan", "Tlogosari Kulon");
    badPhone.phone = "12345";
    badPhone.address.rt = "0041";
    auto invalid = api.enrollPijarSemar(badPhone, "k-bad-phone-1");
    REQUIRE_FALSE(invalid.ok());
    CHECK(invalid.error().kind == core::ServiceErrorKind::Invalid);
    CHECK(invalid.error().code == "invalid_fields");
    CHECK(invalid.error().fields == std::vector<std::string>{"phone", "address.rt"});
}

TEST_CASE("BLK registration: a seat and then the waitlist with a position") {
    Sandbox sb(false);
    services::CentralApi api(sb.settings(), quickRetries());
    auto seated = api.registerBlk({"3374117006949010", "BLK-OTO-01", "085712345678"}, "k-blk-0001");
    REQUIRE_MESSAGE(seated.ok(), seated.error().code);
    CHECK(seated->httpStatus == 201);
    CHECK(seated->program == "blk");
    CHECK(seated->status == "registered");
    CHECK_FALSE(seated->waitlistPosition.has_value());
    CHECK(seated->reference.rfind("BLK-", 0) == 0);

    auto waitlisted = api.registerBlk({"3374117006949010", "BLK-DGR-01", "085712345678"}, "k-blk-0002");
    REQUIRE_MESSAGE(waitlisted.ok(), waitlisted.error().code);
    CHECK(waitlisted->status == "waitlisted");
    CHECK(waitlisted->waitlistPosition == 1);
    auto second = api.registerBlk({"3374132209869014", "BLK-DGR-01", "085712345679"}, "k-blk-0003");
    REQUIRE_MESSAGE(second.ok(), second.error().code);
    CHECK(second->waitlistPosition == 2);

    auto twice = api.registerBlk({"3374117006949010", "BLK-OTO-01", "085712345678"}, "k-blk-0004");
    REQUIRE_FALSE(twice.ok());
    CHECK(twice.error().kind == core::ServiceErrorKind::Refused);
    CHECK(twice.error().code == "already_enrolled");

    auto stored = api.submission(waitlisted->reference);
    REQUIRE(stored.ok());
    CHECK(stored->program == "blk");
    CHECK(stored->status == "waitlisted");
    CHECK(stored->maskedNik == "3374 •••• •••• 9010");
}

TEST_CASE("mediation: two rooms per slot and the third booking is slot_taken") {
    Sandbox sb(false);
    services::CentralApi api(sb.settings(), quickRetries());
    auto first = api.bookMediation(mediation("3374132209869014", "MED-20261201-0900"), "k-med-0001");
    REQUIRE_MESSAGE(first.ok(), first.error().code);
    CHECK(first->httpStatus == 201);
    CHECK(first->program == "mediation");
    CHECK(first->status == "booked");
    CHECK(first->maskedNik == "3374 •••• •••• 9014");
    auto quoting = mediation("3374016107849001", "MED-20261201-0900");
    quoting.employerName = "Toko \"Maju\" \\ Jaya\n\t\x01 Ungaran";  // the body must stay valid JSON
    auto second = api.bookMediation(quoting, "k-med-0002");
    REQUIRE_MESSAGE(second.ok(), second.error().code);
    CHECK(second->reference != first->reference);
    auto third = api.bookMediation(mediation("3374061404839006", "MED-20261201-0900"), "k-med-0003");
    REQUIRE_FALSE(third.ok());
    CHECK(third.error().kind == core::ServiceErrorKind::Refused);
    CHECK(third.error().code == "slot_taken");

    auto slots = api.slots("2026-12-01", 1);
    REQUIRE(slots.ok());
    REQUIRE_FALSE(slots->empty());
    CHECK(slots->front().id == "MED-20261201-0900");
    CHECK_FALSE(slots->front().available);

    auto stored = api.submission(first->reference);
    REQUIRE(stored.ok());
    CHECK(stored->program == "mediation");
    CHECK(stored->status == "booked");
}

TEST_CASE("references and ids that could bend a URL are refused before any request") {
    services::HttpSettings s;
    s.baseUrl = "http://127.0.0.1:9/api/v1";  // nothing listens: any request would come back Offline
    s.token = "t";
    services::CentralApi api(s);
    for (const std::string& reference : std::vector<std::string>{"", "PS-1/../../eligibility", "PS 7K3M9Q2X",
                                                                 "PS-7K3M9Q2X?nik=1", "PS_7K3M9Q2X", std::string(41, 'A'),
                                                                 std::string("PS-\0", 5)}) {
        auto r = api.submission(reference);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().kind == core::ServiceErrorKind::Invalid);
        CHECK(r.error().code == "invalid_reference");
    }
    auto config = api.kioskConfig("../health");
    REQUIRE_FALSE(config.ok());
    CHECK(config.error().code == "invalid_kiosk_id");
    auto beat = api.heartbeat("MPP SMG", "1.0.0", 1, 0);
    REQUIRE_FALSE(beat.ok());
    CHECK(beat.error().code == "invalid_kiosk_id");
    auto key = api.registerBlk({"3374117006949010", "BLK-OTO-01", "085712345678"}, "key with spaces");
    REQUIRE_FALSE(key.ok());
    CHECK(key.error().kind == core::ServiceErrorKind::Invalid);
    CHECK(key.error().code == "invalid_idempotency_key");
    // A well-formed reference does travel: Offline proves the check above is what stopped the others.
    auto sent = services::CentralApi(s, services::RetryPolicy{1, 0, 0}).submission("PS-7K3M9Q2X");
    REQUIRE_FALSE(sent.ok());
    CHECK(sent.error().kind == core::ServiceErrorKind::Offline);
}

TEST_CASE("an unknown reference is NotFound") {
    Sandbox sb(false);
    auto r = services::CentralApi(sb.settings()).submission("PS-7K3M9Q2X");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == core::ServiceErrorKind::NotFound);
}

TEST_CASE("kiosk config and heartbeat for MPP-SMG-DEMO-01") {
    Sandbox sb(false);
    services::CentralApi api(sb.settings());
    auto config = api.kioskConfig("MPP-SMG-DEMO-01");
    REQUIRE_MESSAGE(config.ok(), config.error().code);
    CHECK(config->kioskId == "MPP-SMG-DEMO-01");
    CHECK(config->languages == std::vector<std::string>{"id", "jv", "en"});
    CHECK(config->defaultLanguage == "id");
    CHECK(config->idleSeconds == 60);
    CHECK(config->idleCountdownSeconds == 20);
    auto other = api.kioskConfig("MPP-SMG-DEMO-02");  // another kiosk's settings are not this token's
    REQUIRE_FALSE(other.ok());
    CHECK(other.error().kind == core::ServiceErrorKind::Unauthorized);
    CHECK(other.error().code == "forbidden");

    auto beat = api.heartbeat("MPP-SMG-DEMO-01", "0.2.0", 3600, 2);
    REQUIRE_MESSAGE(beat.ok(), beat.error().code);
    CHECK(beat->rfind("20", 0) == 0);
    auto negative = api.heartbeat("MPP-SMG-DEMO-01", "0.2.0", -1, 0);
    REQUIRE_FALSE(negative.ok());
    CHECK(negative.error().fields == std::vector<std::string>{"uptime_s"});
}

TEST_CASE("a create whose answer is lost is retried with the same key and gets the first answer") {
    Sandbox sb(false, /*dropAfterCommitRate=*/1.0);
    services::CentralApi api(sb.settings(), quickRetries());
    auto created = api.enrollPijarSemar(enrollment("3374061404839006", "Pedurungan", "Tlogosari Kulon"), "k-lost-0001");
    REQUIRE_MESSAGE(created.ok(), created.error().code);
    CHECK(created->httpStatus == 201);
    CHECK(created->status == "received");
    CHECK(created->fundingSource == "APBD");
    CHECK(created->placesLeft == 78);  // one place taken, not two
    auto after = api.eligibility("3374061404839006");
    REQUIRE(after.ok());
    CHECK(after->decision(core::ProgramId::PijarSemar).status == core::DecisionStatus::AlreadyEnrolled);
    auto stored = api.submission(created->reference);
    REQUIRE(stored.ok());
    CHECK(stored->program == "pijar_semar");
    // Without retries the same loss is Offline: the kiosk cannot know, and keeps the key for its next try.
    services::CentralApi once(sb.settings(), services::RetryPolicy{1, 0, 0});
    auto lost = once.registerBlk({"3374117006949010", "BLK-OTO-01", "085712345678"}, "k-lost-0002");
    REQUIRE_FALSE(lost.ok());
    CHECK(lost.error().kind == core::ServiceErrorKind::Offline);
    auto retried = api.registerBlk({"3374117006949010", "BLK-OTO-01", "085712345678"}, "k-lost-0002");
    REQUIRE_MESSAGE(retried.ok(), retried.error().code);
    CHECK(retried->status == "registered");
}

TEST_CASE("a duplicate while the first still runs is retried until the first answer is there") {
    Sandbox sb(false, 0.0, /*latencyMs=*/300);
    services::RetryPolicy patient;
    patient.maxAttempts = 10;
    patient.baseDelayMs = 200;
    patient.capDelayMs = 400;
    const auto request = enrollment("3374117006949010", "Banyumanik", "Srondol Wetan");
    core::Result<services::Created, core::ServiceError> first = core::unexpected(core::ServiceError{});
    std::thread firstKiosk([&] { first = services::CentralApi(sb.settings(), patient).enrollPijarSemar(request, "k-dup-0001"); });
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    auto second = services::CentralApi(sb.settings(), patient).enrollPijarSemar(request, "k-dup-0001");
    firstKiosk.join();
    REQUIRE_MESSAGE(first.ok(), first.error().code);
    REQUIRE_MESSAGE(second.ok(), second.error().code);
    CHECK(second->reference == first->reference);
}
