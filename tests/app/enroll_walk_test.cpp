// Headless tap walks of the Pijar Semar enrollment against the running sandbox over HTTP, wired as
// the app wires it: the real eligibility service, the real outbox (sealed, on disk), the sync worker
// delivering to the sandbox, and VisitServices saving and printing off the UI thread. The printer is
// a capture, so the ESC/POS bytes the worker would take home are parsed back here.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <atomic>
#include <mutex>
#include <thread>

#include "app/event_queue.hpp"
#include "app/visit_services.hpp"
#include "escpos_parse.hpp"
#include "running_sandbox.hpp"
#include "services/http_eligibility_service.hpp"
#include "core/scan_payload.hpp"
#include "services/receipt_code.hpp"
#include "services/sync_worker.hpp"
#include "ui/sample_states.hpp"
#include "ui_harness.hpp"

using namespace kiosk;
using Clock = std::chrono::steady_clock;

namespace {

using testing::harness;

// Receives the slip's bytes instead of a thermal printer.
class CapturePrinter final : public services::ReceiptPrinter {
public:
    explicit CapturePrinter(std::string* out, std::mutex* lock) : m_out(out), m_lock(lock) {}
    services::PrintResult print(std::string_view bytes) override {
        std::lock_guard l(*m_lock);
        *m_out = std::string(bytes);
        return {services::PrintStatus::Ok, {}};
    }
    std::string describe() const override { return "capture"; }

private:
    std::string* m_out;
    std::mutex* m_lock;
};

std::string sealKeyHex() {
    std::ifstream in(KIOSK_SOURCE_DIR "/config/sandbox_seed.json");
    std::stringstream buf;
    buf << in.rdbuf();
    const std::string s = buf.str();
    const auto at = s.find("\"public_key_hex\"");
    const auto q1 = s.find('"', s.find(':', at) + 1);
    return s.substr(q1 + 1, 64);
}

class EnrollWalk {
public:
    EnrollWalk() : m_dir(std::filesystem::temp_directory_path() / ("kiosk_enroll_walk_" + std::to_string(::getpid()))) {
        std::filesystem::remove_all(m_dir);
        std::filesystem::create_directories(m_dir);
        services::HttpSettings http;
        http.baseUrl = m_sandbox.baseUrl();
        http.token = testing::kDemoToken;
        const auto push = [this](core::Event e) { m_queue.push(std::move(e)); };
        m_eligibility = services::makeHttpEligibilityService(http, services::RetryPolicy{}, push);
        auto box = services::Outbox::open((m_dir / "outbox.db").string(), *services::parseSealPublicKey(sealKeyHex()));
        REQUIRE(box);
        m_outbox = std::move(box.value());
        services::SyncSettings sync;
        sync.backoffBase = std::chrono::milliseconds(50);
        m_sync = std::make_unique<services::SyncWorker>(
            *m_outbox, m_outboxLock, services::makeCentralApiDeliverer(http), sync,
            [push](const services::SyncNotice& n) {
                if (n.kind == services::SyncNotice::Kind::Delivered) push(core::ev::SubmissionSent{n.localRef, n.serverRef});
                if (n.kind == services::SyncNotice::Kind::Rejected) push(core::ev::SubmissionRefused{n.localRef, n.code});
            },
            [] { return std::int64_t{1'780'000'000'000}; });
        app::VisitServicesSettings vs;
        vs.kioskId = "MPP-SMG-TEST-01";
        vs.receiptKey = services::parseReceiptKey(std::string(64, '7'));
        m_services = std::make_unique<app::VisitServices>(
            vs, harness().catalog(), push,
            [this](std::string_view program, const app::PayloadMaker& make, std::string_view masked) {
                std::lock_guard l(m_outboxLock);
                return m_outbox->enqueue(program, make, masked, 1'780'000'000'000);
            },
            std::make_unique<services::CentralApi>(http), std::make_unique<CapturePrinter>(&m_printed, &m_printedLock),
            [this] { m_sync->wake(); },
            [this](std::string_view ref) -> std::optional<services::OutboxEntry> {
                if (m_otherKiosk) return std::nullopt;  // another kiosk of the hall has its own outbox
                std::lock_guard l(m_outboxLock);
                auto found = m_outbox->find(ref);
                return found ? found.value() : std::nullopt;
            });
        m_services->fetchOccupations();
        waitFor([&] { return !m_state.occupations.empty(); });
        m_api = std::make_unique<services::CentralApi>(http);
    }
    ~EnrollWalk() {
        m_services.reset();
        m_sync.reset();
        m_eligibility.reset();
        m_outbox.reset();
        std::filesystem::remove_all(m_dir);
    }

    void apply(const core::Event& e) {
        auto t = core::next(std::move(m_state), e, ui::kSampleToday);
        m_state = std::move(t.state);
        for (const auto& c : t.commands) {
            if (const auto* r = std::get_if<core::cmd::RequestEligibility>(&c)) m_eligibility->check(r->requestId, r->nik);
            if (const auto* s = std::get_if<core::cmd::SaveEnrollment>(&c)) m_services->save(*s, m_state.nowMs);
            if (const auto* p = std::get_if<core::cmd::PrintReceipt>(&c)) m_services->print(*p);
            if (std::holds_alternative<core::cmd::FetchOccupations>(c)) m_services->fetchOccupations();
            if (const auto* l = std::get_if<core::cmd::LookupSubmission>(&c)) m_services->lookup(*l);
        }
    }
    // A tap on a button; keypad digits are counted apart (typing a number is not a decision).
    void tap(const std::string& id) {
        const auto intent = harness().tap(m_state, id);
        REQUIRE_MESSAGE(intent.has_value(), "tapping " << id << " did nothing");
        apply(*intent);
        if (!m_counting) return;
        if (id.rfind("keypad.", 0) == 0) ++m_keys;
        else ++m_taps;
    }
    void type(std::string_view digits) {
        for (char c : digits) tap(std::string("keypad.") + c);
    }
    template <class Pred>
    void waitFor(Pred done) {
        const auto t0 = Clock::now();
        while (!done()) {
            harness().frame(m_state);
            for (auto& e : m_queue.drain()) apply(e);
            REQUIRE_MESSAGE(Clock::now() - t0 < std::chrono::seconds(15),
                            "timed out waiting on screen " << m_state.screen.index() << describe());
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        harness().frame(m_state);
    }
    // Attract to the results; the tap count starts once the NIK is confirmed.
    void identify(const std::string& nik) {
        tap("attract.start_area");
        tap("language.id");
        type(nik);
        tap("identify.continue");
        tap("confirm.yes");
        m_counting = true;
        waitFor([&] { return !std::holds_alternative<core::CheckingEligibility>(m_state.screen); });
        REQUIRE(std::holds_alternative<core::Results>(m_state.screen));
    }
    // The typical sign-up: every answer right the first time, the offered address confirmed.
    void enrollTypically(const std::string& occupation, const std::string& phone, bool secondPage = false) {
        tap("results.enroll");
        REQUIRE(std::holds_alternative<core::Enroll>(m_state.screen));
        if (secondPage) tap("enroll.page.next");
        tap("enroll.occupation." + occupation);
        type(phone);
        tap("enroll.continue");
        tap("enroll.continue");  // kecamatan from the population data
        tap("enroll.continue");  // kelurahan from the population data
        type("4");
        tap("enroll.rw");
        type("7");
        tap("enroll.continue");
        tap("consent.accept");
        REQUIRE(std::get<core::Enroll>(m_state.screen).step == core::EnrollStep::Review);
        tap("review.submit");
        waitFor([&] { return std::holds_alternative<core::Receipt>(m_state.screen); });
    }
    std::string describe() const {
        std::string d;
        if (const auto* r = std::get_if<core::Receipt>(&m_state.screen); r && r->submission)
            d = " status " + std::to_string(static_cast<int>(r->submission->status)) + " print " +
                std::to_string(static_cast<int>(r->submission->print));
        if (const auto* e = std::get_if<core::Enroll>(&m_state.screen))
            d = " step " + std::to_string(static_cast<int>(e->step)) + " problem " + std::to_string(static_cast<int>(e->problem));
        return d;
    }
    const core::Receipt& receipt() const { return std::get<core::Receipt>(m_state.screen); }
    const core::VisitState& state() const { return m_state; }
    int taps() const { return m_taps; }
    int keys() const { return m_keys; }
    std::string printed() {
        std::lock_guard l(m_printedLock);
        return m_printed;
    }
    services::CentralApi& api() { return *m_api; }
    core::Result<std::optional<services::OutboxEntry>, services::StoreError> findInOutbox(std::string_view ref) {
        std::lock_guard l(m_outboxLock);  // the sync worker uses the outbox too
        return m_outbox->find(ref);
    }

private:
    testing::RunningSandbox m_sandbox;
    std::filesystem::path m_dir;
    app::EventQueue m_queue;
    std::unique_ptr<services::EligibilityService> m_eligibility;
    std::mutex m_outboxLock;
    std::unique_ptr<services::Outbox> m_outbox;
    std::unique_ptr<services::SyncWorker> m_sync;
    std::unique_ptr<app::VisitServices> m_services;
    std::unique_ptr<services::CentralApi> m_api;
    std::mutex m_printedLock;
    std::string m_printed;
    core::VisitState m_state = core::initialVisit(core::VisitSettings{}, 0);
    int m_taps = 0, m_keys = 0;
    bool m_counting = false;

public:
    std::atomic<bool> m_otherKiosk{false};
};

}  // namespace

TEST_CASE("enroll walk: eligible on APBD from results to a sent receipt in at most 12 taps") {
    EnrollWalk w;
    w.identify("3374016107849001");  // Siti Aminah, Semarang Tengah / Pekunden
    w.enrollTypically("pedagang_kaki_lima", "081234567890");
    const core::Receipt& r = w.receipt();
    REQUIRE(r.submission);
    CHECK(r.submission->funding == core::Funding::Apbd);
    CHECK(r.submission->localRef.rfind("L-", 0) == 0);
    CHECK(r.maskedNik == "3374 •••• •••• 9001");
    // "Terkirim" only once the central API answered 2xx: wait for the sync worker.
    w.waitFor([&] { return w.receipt().submission->status == core::SubmissionStatus::Sent; });
    const std::string serverRef = w.receipt().submission->serverRef;
    CHECK_FALSE(serverRef.empty());
    w.waitFor([&] { return w.receipt().submission->print == core::PrintStatus::Printed; });
    w.tap("receipt.done");
    CHECK(std::holds_alternative<core::Attract>(w.state().screen));
    CHECK_FALSE(core::holdsPersonalData(w.state()));
    MESSAGE("taps after the NIK was confirmed: " << w.taps() << " (plus " << w.keys() << " keypad digits)");
    CHECK(w.taps() <= 12);

    // The central API has it, exactly as a submission of this program.
    const auto sub = w.api().submission(serverRef);
    REQUIRE(sub);
    CHECK(sub->program == "pijar_semar");
    CHECK(sub->maskedNik == "3374 •••• •••• 9001");
    // The kiosk keeps the metadata for staff, delivered; the sealed payload is gone.
    const auto entry = w.findInOutbox(serverRef);
    REQUIRE(entry);
    REQUIRE(entry->has_value());
    CHECK((*entry)->state == services::SubmissionState::Delivered);
}

TEST_CASE("enroll walk: the printed slip carries the reference and the QR code and is cut") {
    EnrollWalk w;
    w.identify("3374016107849001");
    w.enrollTypically("angkot", "0812345678");
    w.waitFor([&] { return w.receipt().submission->print != core::PrintStatus::Printing; });
    CHECK(w.receipt().submission->print == core::PrintStatus::Printed);
    const auto slip = test::parseEscPos(w.printed());
    REQUIRE_MESSAGE(slip, (slip ? "" : slip.error()));
    const std::string all = [&] {
        std::string s;
        for (const auto& l : slip->texts()) s += l + "\n";
        return s;
    }();
    CHECK(all.find(w.receipt().submission->localRef) != std::string::npos);
    CHECK(all.find("3374 **** **** 9001") != std::string::npos);  // masked, in the printer's ASCII
    CHECK(all.find("Pijar Semar") != std::string::npos);
    CHECK(all.find("Tersimpan") != std::string::npos);
    CHECK(all.find("081234") == std::string::npos);  // no phone number on paper
    REQUIRE(slip->qrPayloads.size() == 1);
    CHECK(slip->qrPayloads[0] == w.receipt().submission->qrPayload);
    CHECK(slip->qrPayloads[0].rfind("PJR1:" + w.receipt().submission->localRef + ":", 0) == 0);
    CHECK(slip->endsWithCut);
}

TEST_CASE("enroll walk: Tugu's APBD quota is full so the receipt names DBHCHT") {
    EnrollWalk w;
    w.identify("3374161102699021");
    w.enrollTypically("nelayan", "085712345678", true);  // on the second page of tiles
    CHECK(w.receipt().submission->funding == core::Funding::Dbhcht);
    w.waitFor([&] { return w.receipt().submission->status == core::SubmissionStatus::Sent; });
    CHECK(w.taps() <= 12);
}

TEST_CASE("enroll walk: over the age limit already enrolled or refer to staff offer no sign-up but staff") {
    for (const char* nik : {"3374082911619025", "3374131905749023", "3374140606739035"}) {
        CAPTURE(nik);
        EnrollWalk w;
        w.identify(nik);
        harness().frame(w.state());
        CHECK(harness().targets().count("results.enroll") == 0);
        w.tap("results.staff");
        CHECK(w.state().overlay == core::Overlay::StaffHelp);
        w.tap("staff_help.ok");
        CHECK(w.state().overlay == core::Overlay::None);
        w.tap("results.finish");
        w.tap("receipt.done");
        CHECK(std::holds_alternative<core::Attract>(w.state().screen));
    }
}

TEST_CASE("enroll walk: the receipt scanned later here and at another kiosk shows its state") {
    EnrollWalk w;
    w.identify("3374016107849001");
    w.enrollTypically("angkot", "081234567890");
    const std::string localRef = w.receipt().submission->localRef;
    w.waitFor([&] { return w.receipt().submission->status == core::SubmissionStatus::Sent; });
    w.tap("receipt.done");
    REQUIRE(std::holds_alternative<core::Attract>(w.state().screen));

    // The code on the slip is checked (MAC) and classified as ours.
    const auto payload = core::classifyScan(services::receiptQrPayload(*services::parseReceiptKey(std::string(64, '7')), localRef),
                                            core::ScanRules{}, services::receiptVerifier(services::parseReceiptKey(std::string(64, '7'))));
    REQUIRE(payload.kind == core::PayloadKind::ReceiptRef);
    for (bool other : {false, true}) {
        CAPTURE(other);
        w.m_otherKiosk = other;
        w.apply(core::ev::ReceiptScanned{payload.reference});
        REQUIRE(std::holds_alternative<core::ReceiptLookup>(w.state().screen));
        w.waitFor([&] { return std::get<core::ReceiptLookup>(w.state().screen).result.has_value(); });
        const auto& r = *std::get<core::ReceiptLookup>(w.state().screen).result;
        CHECK(r.outcome == core::LookupOutcome::Sent);
        CHECK(r.program == "pijar_semar");
        CHECK(r.serverRef.rfind("PS-", 0) == 0);
        CHECK(r.maskedNik == "3374 •••• •••• 9001");
        w.tap("lookup.done");
        CHECK(std::holds_alternative<core::Attract>(w.state().screen));
    }
    // A reference nobody made.
    w.m_otherKiosk = true;
    w.apply(core::ev::ReceiptScanned{"L-ZZZZZZZZ"});
    w.waitFor([&] { return std::get<core::ReceiptLookup>(w.state().screen).result.has_value(); });
    CHECK(std::get<core::ReceiptLookup>(w.state().screen).result->outcome == core::LookupOutcome::NotFound);
}
