// The visit reducer: every transition, the idle timeout and the wipe.
#include <doctest/doctest.h>

#include <algorithm>

#include "core/visit.hpp"

namespace {

using namespace kiosk::core;
constexpr CivilDate kToday{2026, 11, 30};
constexpr std::string_view kNik = "3374015203850002";   // synthetic, valid, Semarang
constexpr std::string_view kBadMonth = "3374011513850002";

struct Driver {
    VisitState s = initialVisit(VisitSettings{}, 1000);
    std::vector<Command> last;
    Driver& on(const Event& e) {
        auto t = next(std::move(s), e, kToday);
        s = std::move(t.state);
        last = std::move(t.commands);
        return *this;
    }
    Driver& at(std::int64_t ms) { return on(ev::Tick{ms}); }
    Driver& type(std::string_view digits) {
        for (char c : digits) on(ev::KeypadDigit{c});
        return *this;
    }
    Driver& toIdentify() { return on(ev::StartPressed{}).on(ev::LanguageChosen{Lang::Id}); }
    Driver& toConfirm(std::string_view nik = kNik) { return toIdentify().type(nik).on(ev::NikSubmitted{}); }
    Driver& toChecking() { return toConfirm().on(ev::IdentityConfirmed{}); }
    std::uint64_t requestId() const { return std::get<CheckingEligibility>(s.screen).requestId; }
    template <class T>
    bool is() const { return std::holds_alternative<T>(s.screen); }
    template <class C>
    bool issued() const {
        for (const auto& c : last)
            if (std::holds_alternative<C>(c)) return true;
        return false;
    }
};

EligibilityOutcome outcome() {
    EligibilityOutcome o;
    o.person.displayName = "Warga Contoh";
    o.person.maskedNik = maskNik(kNik);
    return o;
}

}  // namespace

TEST_CASE("a new visit waits on Attract in the default language") {
    VisitSettings st;
    st.defaultLanguage = Lang::Jv;
    const VisitState s = initialVisit(st, 5);
    CHECK(std::holds_alternative<Attract>(s.screen));
    CHECK(s.lang == Lang::Jv);
    CHECK(s.overlay == Overlay::None);
    CHECK_FALSE(nextDeadlineMs(s).has_value());  // Attract sleeps until touched
}

TEST_CASE("attract to language to identify and back") {
    Driver d;
    d.on(ev::StartPressed{});
    CHECK(d.is<ChooseLanguage>());
    REQUIRE(d.last.size() == 2);  // the audit row, and the new screen's prompt said aloud
    CHECK(std::get<cmd::RecordAudit>(d.last[0]).kind == "visit_started");  // the audit log counts visits
    CHECK(std::get<cmd::Speak>(d.last[1]).keys == std::vector<std::string>{"language.title"});
    d.on(ev::BackPressed{});
    CHECK(d.is<Attract>());
    d.on(ev::StartPressed{}).on(ev::LanguageChosen{Lang::En});
    CHECK(d.is<Identify>());
    CHECK(d.s.lang == Lang::En);
    d.on(ev::BackPressed{});
    CHECK(d.is<ChooseLanguage>());
}

TEST_CASE("keypad types digits up to sixteen and ignores more") {
    Driver d;
    d.toIdentify().type("33740152038500021234");
    CHECK(std::get<Identify>(d.s.screen).digits == kNik);
}

TEST_CASE("keypad ignores a non-digit key") {
    Driver d;
    d.toIdentify().on(ev::KeypadDigit{'x'});
    CHECK(std::get<Identify>(d.s.screen).digits.empty());
}

TEST_CASE("backspace removes one digit and clear removes all") {
    Driver d;
    d.toIdentify().type("3374");
    d.on(ev::KeypadBackspace{});
    CHECK(std::get<Identify>(d.s.screen).digits == "337");
    d.on(ev::KeypadClear{});
    CHECK(std::get<Identify>(d.s.screen).digits.empty());
    d.on(ev::KeypadBackspace{});  // on empty: nothing happens
    CHECK(std::get<Identify>(d.s.screen).digits.empty());
}

TEST_CASE("continue with fewer than sixteen digits explains why and keeps the digits") {
    Driver d;
    d.toIdentify().type("337401").on(ev::NikSubmitted{});
    REQUIRE(d.is<Identify>());
    const auto& id = std::get<Identify>(d.s.screen);
    CHECK(id.digits == "337401");
    REQUIRE(id.rejects.size() == 1);
    CHECK(id.rejects[0] == NikReject::NotSixteenDigits);
}

TEST_CASE("a rejected NIK stays on the keypad with its reason until the next key") {
    Driver d;
    d.toIdentify().type(kBadMonth).on(ev::NikSubmitted{});
    REQUIRE(d.is<Identify>());
    CHECK(std::get<Identify>(d.s.screen).digits == kBadMonth);
    CHECK(std::get<Identify>(d.s.screen).rejects == std::vector{NikReject::BadMonth});
    d.on(ev::KeypadBackspace{});
    CHECK(std::get<Identify>(d.s.screen).rejects.empty());
}

TEST_CASE("a valid NIK goes to Confirm identity with its warnings") {
    Driver d;
    d.toConfirm("3322015208150003");
    REQUIRE(d.is<ConfirmIdentity>());
    const auto& c = std::get<ConfirmIdentity>(d.s.screen);
    CHECK(c.nik.digits == "3322015208150003");
    CHECK_FALSE(c.fromScan);
    CHECK(std::find(c.nik.warnings.begin(), c.nik.warnings.end(), NikWarning::KabupatenSemarang) != c.nik.warnings.end());
    CHECK(std::find(c.nik.warnings.begin(), c.nik.warnings.end(), NikWarning::TooYoungMaybeKk) != c.nik.warnings.end());
}

TEST_CASE("not my number returns to the keypad with the digits to correct") {
    Driver d;
    d.toConfirm();
    d.on(ev::BackPressed{});  // "not my number": back with digits to correct
    REQUIRE(d.is<Identify>());
    CHECK(std::get<Identify>(d.s.screen).digits == kNik);
}

TEST_CASE("a scanned NIK with separators goes to Confirm as from scan") {
    Driver d;
    d.toIdentify().on(ev::NikScanned{"3374-0152-0385-0002"});
    REQUIRE(d.is<ConfirmIdentity>());
    CHECK(std::get<ConfirmIdentity>(d.s.screen).fromScan);
    d.on(ev::BackPressed{});
    CHECK(std::get<Identify>(d.s.screen).digits.empty());  // a scanned number is never typed in
}

TEST_CASE("a scan without a NIK says so and keeps what was typed") {
    Driver d;
    d.toIdentify().type("3374").on(ev::NikScanned{"hello world"});
    REQUIRE(d.is<Identify>());
    CHECK(std::get<Identify>(d.s.screen).scannedNotANik);
    CHECK(std::get<Identify>(d.s.screen).digits == "3374");
    d.on(ev::KeypadDigit{'0'});
    CHECK_FALSE(std::get<Identify>(d.s.screen).scannedNotANik);
}

TEST_CASE("a scanned NIK inside a labelled text goes to Confirm as from scan") {
    Driver d;
    d.toIdentify().on(ev::NikScanned{"Nama: X\nNIK: 3374 0152 0385 0002\r\n"});
    REQUIRE(d.is<ConfirmIdentity>());
    CHECK(std::get<ConfirmIdentity>(d.s.screen).nik.digits == kNik);
    CHECK(std::get<ConfirmIdentity>(d.s.screen).fromScan);
}

TEST_CASE("a receipt or refused scan says no NIK until receipt look-up exists") {
    for (const char* payload : {"PJR1:PJR-2026-000123:0123456789abcdef", "PJR2:X", "3374015203850002\x1b[2J"}) {
        INFO(payload);
        Driver d;
        d.toIdentify().on(ev::NikScanned{payload});
        REQUIRE(d.is<Identify>());
        CHECK(std::get<Identify>(d.s.screen).scannedNotANik);
        CHECK(std::get<Identify>(d.s.screen).rejects.empty());
    }
    Driver d;
    d.toIdentify().on(ev::NikScanned{std::string(600, '1')});
    CHECK(std::get<Identify>(d.s.screen).scannedNotANik);
}

TEST_CASE("a scanned impossible NIK is refused with its reason") {
    Driver d;
    d.toIdentify().on(ev::NikScanned{std::string(kBadMonth)});
    REQUIRE(d.is<Identify>());
    CHECK(std::get<Identify>(d.s.screen).rejects == std::vector{NikReject::BadMonth});
}

TEST_CASE("confirming asks the service once with the NIK") {
    Driver d;
    d.toConfirm().on(ev::IdentityConfirmed{});
    REQUIRE(d.is<CheckingEligibility>());
    REQUIRE(d.last.size() == 2);  // the request, and "checking" said aloud
    const auto& req = std::get<cmd::RequestEligibility>(d.last[0]);
    CHECK(req.nik == kNik);
    CHECK(req.requestId == d.requestId());
}

TEST_CASE("the answer to the current request shows the results") {
    Driver d;
    d.toChecking().on(ev::EligibilityArrived{d.requestId(), outcome()});
    REQUIRE(d.is<Results>());
    CHECK(std::get<Results>(d.s.screen).outcome.person.displayName == "Warga Contoh");
}

TEST_CASE("a late answer to a cancelled request is ignored") {
    Driver d;
    d.toChecking();
    const auto oldId = d.requestId();
    d.on(ev::CancelChecking{});
    REQUIRE(d.is<ConfirmIdentity>());
    CHECK(d.issued<cmd::CancelEligibility>());
    d.on(ev::IdentityConfirmed{});
    CHECK(d.requestId() != oldId);
    d.on(ev::EligibilityArrived{oldId, outcome()});
    CHECK(d.is<CheckingEligibility>());
}

TEST_CASE("a failure shows the problem and retry asks again") {
    Driver d;
    d.toChecking().on(ev::EligibilityFailed{d.requestId(), {ServiceErrorKind::Offline, ""}});
    REQUIRE(d.is<ServiceProblem>());
    CHECK(std::get<ServiceProblem>(d.s.screen).error.kind == ServiceErrorKind::Offline);
    d.on(ev::RetryChecking{});
    REQUIRE(d.is<CheckingEligibility>());
    CHECK(d.issued<cmd::RequestEligibility>());
}

TEST_CASE("finishing after a problem ends the visit") {
    Driver d;
    d.toChecking().on(ev::EligibilityFailed{d.requestId(), {ServiceErrorKind::NotFound, "not_found"}});
    d.on(ev::FinishVisit{});
    CHECK(d.is<Attract>());
    CHECK(d.issued<cmd::WipeVisit>());
}

TEST_CASE("results then finish shows the receipt with the masked NIK only") {
    Driver d;
    d.toChecking().on(ev::EligibilityArrived{d.requestId(), outcome()}).on(ev::FinishVisit{});
    REQUIRE(d.is<Receipt>());
    CHECK(std::get<Receipt>(d.s.screen).maskedNik == maskNik(kNik));
    CHECK_FALSE(holdsPersonalData(d.s));
    d.on(ev::FinishVisit{});
    CHECK(d.is<Attract>());
    CHECK(d.issued<cmd::WipeVisit>());
}

TEST_CASE("the receipt returns to Attract by itself") {
    Driver d;
    d.toChecking().on(ev::EligibilityArrived{d.requestId(), outcome()}).on(ev::FinishVisit{});
    const std::int64_t shown = std::get<Receipt>(d.s.screen).shownMs;
    d.at(shown + std::int64_t{d.s.settings.receiptSeconds} * 1000 - 1);
    CHECK(d.is<Receipt>());
    d.at(shown + std::int64_t{d.s.settings.receiptSeconds} * 1000);
    CHECK(d.is<Attract>());
    CHECK(d.issued<cmd::WipeVisit>());
}

TEST_CASE("home with nothing typed returns at once") {
    Driver d;
    d.toIdentify().on(ev::HomePressed{});
    CHECK(d.is<Attract>());
    CHECK(d.issued<cmd::WipeVisit>());
}

TEST_CASE("home with typed digits asks first and can be dismissed") {
    Driver d;
    d.toIdentify().type("3374").on(ev::HomePressed{});
    CHECK(d.s.overlay == Overlay::ConfirmHome);
    CHECK(d.is<Identify>());
    d.on(ev::KeypadDigit{'1'});  // the dialog is modal
    CHECK(std::get<Identify>(d.s.screen).digits == "3374");
    d.on(ev::HomeDismissed{});
    CHECK(d.s.overlay == Overlay::None);
    CHECK(std::get<Identify>(d.s.screen).digits == "3374");
}

TEST_CASE("home confirmed wipes the visit") {
    Driver d;
    d.toIdentify().type("3374").on(ev::HomePressed{}).on(ev::HomeConfirmed{});
    CHECK(d.is<Attract>());
    CHECK(d.s.overlay == Overlay::None);
    CHECK(d.issued<cmd::WipeVisit>());
}

TEST_CASE("home while checking cancels the request") {
    Driver d;
    d.toChecking().on(ev::HomePressed{}).on(ev::HomeConfirmed{});
    CHECK(d.is<Attract>());
    CHECK(d.issued<cmd::CancelEligibility>());
}

TEST_CASE("the language switch keeps the visit") {
    Driver d;
    d.toIdentify().type("3374").on(ev::LanguageChosen{Lang::Jv});
    CHECK(d.s.lang == Lang::Jv);
    CHECK(std::get<Identify>(d.s.screen).digits == "3374");
}

TEST_CASE("a new visit starts in the default language again") {
    Driver d;
    d.toIdentify();
    d.on(ev::LanguageChosen{Lang::En}).on(ev::HomePressed{});
    CHECK(d.s.lang == Lang::Id);
}

TEST_CASE("idle asks are you still there after the configured seconds") {
    Driver d;
    d.toIdentify().type("33");
    const std::int64_t idle = std::int64_t{d.s.settings.idleSeconds} * 1000;
    d.at(1000 + idle - 1);
    CHECK(d.s.overlay == Overlay::None);
    REQUIRE(nextDeadlineMs(d.s).has_value());
    CHECK(*nextDeadlineMs(d.s) == 1000 + idle);
    d.at(1000 + idle);
    CHECK(d.s.overlay == Overlay::IdlePrompt);
    CHECK(idleSecondsLeft(d.s) == d.s.settings.idleCountdownSeconds);
    d.at(1000 + idle + 2500);
    CHECK(idleSecondsLeft(d.s) == d.s.settings.idleCountdownSeconds - 2);
}

TEST_CASE("still here keeps everything") {
    Driver d;
    d.toIdentify().type("3374");
    d.at(1000 + std::int64_t{d.s.settings.idleSeconds} * 1000);
    REQUIRE(d.s.overlay == Overlay::IdlePrompt);
    d.on(ev::StillHere{});
    CHECK(d.s.overlay == Overlay::None);
    CHECK(std::get<Identify>(d.s.screen).digits == "3374");
}

TEST_CASE("any touch during the countdown also counts as still here") {
    Driver d;
    d.toIdentify().type("3374");
    d.at(1000 + std::int64_t{d.s.settings.idleSeconds} * 1000);
    d.on(ev::UserActivity{});
    CHECK(d.s.overlay == Overlay::None);
    // and the idle clock starts again from that touch
    d.at(1000 + std::int64_t{d.s.settings.idleSeconds} * 1000 + 1000);
    CHECK(d.s.overlay == Overlay::None);
}

TEST_CASE("touches keep the idle prompt away") {
    Driver d;
    d.toIdentify();
    for (int i = 1; i <= 10; ++i) d.at(1000 + i * 30'000).on(ev::UserActivity{});
    CHECK(d.s.overlay == Overlay::None);
}

TEST_CASE("countdown ends the visit and wipes it") {
    Driver d;
    d.toConfirm();
    const std::int64_t prompt = 1000 + std::int64_t{d.s.settings.idleSeconds} * 1000;
    d.at(prompt);
    REQUIRE(d.s.overlay == Overlay::IdlePrompt);
    d.at(prompt + std::int64_t{d.s.settings.idleCountdownSeconds} * 1000);
    CHECK(d.is<Attract>());
    CHECK(d.s.overlay == Overlay::None);
    CHECK(d.issued<cmd::WipeVisit>());
    CHECK_FALSE(holdsPersonalData(d.s));
}

TEST_CASE("attract never times out") {
    Driver d;
    d.at(10'000'000);
    CHECK(d.is<Attract>());
    CHECK(d.s.overlay == Overlay::None);
    CHECK(d.last.empty());
}

TEST_CASE("ticks never move time backwards") {
    Driver d;
    d.at(50'000).at(20'000);
    CHECK(d.s.nowMs == 50'000);
}

TEST_CASE("personal data is held only where the worker typed or was shown it") {
    Driver d;
    CHECK_FALSE(holdsPersonalData(d.s));
    d.toIdentify();
    CHECK_FALSE(holdsPersonalData(d.s));
    d.type("3");
    CHECK(holdsPersonalData(d.s));
}

TEST_CASE("wipePersonalData overwrites every personal string") {
    Driver d;
    d.toChecking().on(ev::EligibilityArrived{d.requestId(), outcome()});
    wipePersonalData(d.s);
    const auto& r = std::get<Results>(d.s.screen);
    CHECK(r.nik.digits.empty());
    CHECK_FALSE(r.nik.birthDate.has_value());
    CHECK(r.outcome.person.displayName.empty());
}

TEST_CASE("secureWipe zeroes the bytes it held") {
    std::string s = "3374015203850002";
    const char* p = s.data();
    secureWipe(s);
    CHECK(s.empty());
    for (std::size_t i = 0; i < 16; ++i) CHECK(p[i] == '\0');  // SSO buffer: still ours to read
}
