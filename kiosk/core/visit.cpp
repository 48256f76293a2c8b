#include "core/visit.hpp"

#include <algorithm>
#include <type_traits>

#include "core/scan_payload.hpp"

namespace kiosk::core {
namespace {

template <class... Ts>
struct Overloaded : Ts... {
    using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

bool rejectEveryMac(std::string_view, std::string_view) { return false; }

bool isUserInput(const Event& e) {
    return !std::holds_alternative<ev::Tick>(e) && !std::holds_alternative<ev::EligibilityArrived>(e) &&
           !std::holds_alternative<ev::EligibilityFailed>(e);
}

// Ends the visit: everything personal is overwritten, then a fresh Attract state replaces it.
Transition endVisit(VisitState& s) {
    std::vector<Command> commands;
    if (const auto* c = std::get_if<CheckingEligibility>(&s.screen))
        commands.emplace_back(cmd::CancelEligibility{c->requestId});
    commands.emplace_back(cmd::WipeVisit{});
    VisitState fresh = initialVisit(s.settings, s.nowMs);
    fresh.nextRequestId = s.nextRequestId;  // never reuse an id a late reply could still carry
    wipePersonalData(s);
    return {std::move(fresh), std::move(commands)};
}

Transition startChecking(VisitState s, NikAnalysis nik) {
    const std::uint64_t id = s.nextRequestId++;
    std::string digits = nik.digits;
    s.screen = CheckingEligibility{std::move(nik), id, s.nowMs};
    return {std::move(s), {cmd::RequestEligibility{id, std::move(digits)}}};
}

// Identify: a NIK typed or scanned is analysed; a refused one stays on Identify with its reasons.
Transition identifyWith(VisitState s, std::string digits, bool fromScan, const CivilDate& today) {
    NikAnalysis nik = analyzeNik(digits, today);
    secureWipe(digits);
    if (!nik.valid()) {
        auto& id = std::get<Identify>(s.screen);
        id.rejects = nik.rejects;
        id.scannedNotANik = false;
        if (fromScan) secureWipe(id.digits);  // a scanned number is never typed into the field
        secureWipe(nik.digits);
        return {std::move(s), {}};
    }
    auto& id = std::get<Identify>(s.screen);
    secureWipe(id.digits);
    s.screen = ConfirmIdentity{std::move(nik), fromScan};
    return {std::move(s), {}};
}

Transition onIdentify(VisitState s, const Event& e, const CivilDate& today) {
    auto& id = std::get<Identify>(s.screen);
    return std::visit(
        Overloaded{
            [&](const ev::KeypadDigit& d) -> Transition {
                if (d.digit >= '0' && d.digit <= '9' && id.digits.size() < kNikDigits) id.digits += d.digit;
                id.rejects.clear();
                id.scannedNotANik = false;
                return {std::move(s), {}};
            },
            [&](const ev::KeypadBackspace&) -> Transition {
                if (!id.digits.empty()) id.digits.pop_back();
                id.rejects.clear();
                return {std::move(s), {}};
            },
            [&](const ev::KeypadClear&) -> Transition {
                secureWipe(id.digits);
                id.rejects.clear();
                id.scannedNotANik = false;
                return {std::move(s), {}};
            },
            [&](const ev::NikSubmitted&) -> Transition {
                if (id.digits.size() != kNikDigits) {
                    id.rejects = {NikReject::NotSixteenDigits};
                    return {std::move(s), {}};
                }
                return identifyWith(std::move(s), id.digits, false, today);
            },
            [&](const ev::NikScanned& scan) -> Transition {
                // Receipt look-up comes later: until then a receipt (and a refused payload) is "no NIK".
                ScanPayload payload = classifyScan(scan.payload, ScanRules{}, rejectEveryMac);
                if (payload.kind != PayloadKind::Nik) {
                    secureWipe(payload.nikDigits);
                    id.scannedNotANik = true;
                    id.rejects.clear();
                    return {std::move(s), {}};
                }
                return identifyWith(std::move(s), std::move(payload.nikDigits), true, today);
            },
            [&](const ev::BackPressed&) -> Transition {
                secureWipe(id.digits);
                s.screen = ChooseLanguage{};
                return {std::move(s), {}};
            },
            [&](const auto&) -> Transition { return {std::move(s), {}}; },
        },
        e);
}

Transition onScreenEvent(VisitState s, const Event& e, const CivilDate& today) {
    if (std::holds_alternative<Identify>(s.screen)) return onIdentify(std::move(s), e, today);

    if (std::holds_alternative<Attract>(s.screen)) {
        if (!std::holds_alternative<ev::StartPressed>(e)) return {std::move(s), {}};
        s.screen = ChooseLanguage{};
        return {std::move(s), {cmd::RecordAudit{"visit_started"}}};
    }
    if (std::holds_alternative<ChooseLanguage>(s.screen)) {
        if (std::holds_alternative<ev::LanguageChosen>(e)) s.screen = Identify{};
        if (std::holds_alternative<ev::BackPressed>(e)) s.screen = Attract{};
        return {std::move(s), {}};
    }
    if (auto* c = std::get_if<ConfirmIdentity>(&s.screen)) {
        if (std::holds_alternative<ev::IdentityConfirmed>(e)) return startChecking(std::move(s), std::move(c->nik));
        if (std::holds_alternative<ev::BackPressed>(e)) {
            // "Not my number": back to the keypad with the digits kept for correction.
            Identify id{c->nik.digits, {}, false};
            if (c->fromScan) id.digits.clear();
            wipePersonalData(s);
            s.screen = std::move(id);
        }
        return {std::move(s), {}};
    }
    if (auto* c = std::get_if<CheckingEligibility>(&s.screen)) {
        if (const auto* a = std::get_if<ev::EligibilityArrived>(&e); a && a->requestId == c->requestId) {
            s.screen = Results{std::move(c->nik), a->outcome};
            return {std::move(s), {}};
        }
        if (const auto* f = std::get_if<ev::EligibilityFailed>(&e); f && f->requestId == c->requestId) {
            s.screen = ServiceProblem{std::move(c->nik), f->error};
            return {std::move(s), {}};
        }
        if (std::holds_alternative<ev::CancelChecking>(e)) {
            const std::uint64_t id = c->requestId;
            s.screen = ConfirmIdentity{std::move(c->nik), false};
            return {std::move(s), {cmd::CancelEligibility{id}}};
        }
        return {std::move(s), {}};
    }
    if (auto* p = std::get_if<ServiceProblem>(&s.screen)) {
        if (std::holds_alternative<ev::RetryChecking>(e)) return startChecking(std::move(s), std::move(p->nik));
        if (std::holds_alternative<ev::FinishVisit>(e)) return endVisit(s);
        return {std::move(s), {}};
    }
    if (auto* r = std::get_if<Results>(&s.screen)) {
        if (std::holds_alternative<ev::FinishVisit>(e)) {
            std::string masked = maskNik(r->nik.digits);
            wipePersonalData(s);
            s.screen = Receipt{std::move(masked), s.nowMs};
        }
        return {std::move(s), {}};
    }
    if (std::holds_alternative<Receipt>(s.screen)) {
        if (std::holds_alternative<ev::FinishVisit>(e)) return endVisit(s);
        return {std::move(s), {}};
    }
    return {std::move(s), {}};
}

Transition onTick(VisitState s, std::int64_t nowMs) {
    s.nowMs = std::max(s.nowMs, nowMs);  // monotonic even if a caller repeats a tick
    if (std::holds_alternative<Attract>(s.screen)) return {std::move(s), {}};
    if (const auto* r = std::get_if<Receipt>(&s.screen)) {
        if (s.nowMs - r->shownMs >= std::int64_t{s.settings.receiptSeconds} * 1000) return endVisit(s);
    }
    if (s.overlay == Overlay::IdlePrompt) {
        if (s.nowMs - s.idlePromptSinceMs >= std::int64_t{s.settings.idleCountdownSeconds} * 1000) return endVisit(s);
        return {std::move(s), {}};
    }
    if (s.nowMs - s.lastActivityMs >= std::int64_t{s.settings.idleSeconds} * 1000) {
        s.overlay = Overlay::IdlePrompt;
        s.idlePromptSinceMs = s.nowMs;
    }
    return {std::move(s), {}};
}

}  // namespace

VisitState initialVisit(const VisitSettings& settings, std::int64_t nowMs) {
    VisitState s;
    s.settings = settings;
    s.lang = settings.defaultLanguage;
    s.nowMs = nowMs;
    s.lastActivityMs = nowMs;
    return s;
}

Transition next(VisitState s, const Event& e, const CivilDate& today) {
    if (const auto* t = std::get_if<ev::Tick>(&e)) return onTick(std::move(s), t->nowMs);

    if (isUserInput(e)) {
        s.lastActivityMs = s.nowMs;
        if (s.overlay == Overlay::IdlePrompt) {
            // Any touch proves someone is there; the prompt's own button is only the obvious one.
            s.overlay = Overlay::None;
            if (!std::holds_alternative<ev::HomePressed>(e)) return {std::move(s), {}};
        }
    }
    if (std::holds_alternative<ev::UserActivity>(e) || std::holds_alternative<ev::StillHere>(e))
        return {std::move(s), {}};

    // The language switch is always there and never loses the visit.
    if (const auto* l = std::get_if<ev::LanguageChosen>(&e)) s.lang = l->lang;

    if (s.overlay == Overlay::ConfirmHome) {
        if (std::holds_alternative<ev::HomeConfirmed>(e)) return endVisit(s);
        if (std::holds_alternative<ev::HomeDismissed>(e)) s.overlay = Overlay::None;
        return {std::move(s), {}};  // the dialog is modal
    }
    if (std::holds_alternative<ev::HomePressed>(e)) {
        if (std::holds_alternative<Attract>(s.screen)) return {std::move(s), {}};
        if (holdsPersonalData(s)) {
            s.overlay = Overlay::ConfirmHome;
            return {std::move(s), {}};
        }
        return endVisit(s);
    }
    return onScreenEvent(std::move(s), e, today);
}

bool holdsPersonalData(const VisitState& s) {
    return std::visit(Overloaded{
                          [](const Identify& id) { return !id.digits.empty(); },
                          [](const Attract&) { return false; },
                          [](const ChooseLanguage&) { return false; },
                          [](const Receipt&) { return false; },
                          [](const auto&) { return true; },
                      },
                      s.screen);
}

std::optional<std::int64_t> nextDeadlineMs(const VisitState& s) {
    if (std::holds_alternative<Attract>(s.screen)) return std::nullopt;
    if (s.overlay == Overlay::IdlePrompt) {
        // Wake each second so the countdown on screen moves.
        const std::int64_t elapsed = s.nowMs - s.idlePromptSinceMs;
        return s.idlePromptSinceMs + (elapsed / 1000 + 1) * 1000;
    }
    std::int64_t deadline = s.lastActivityMs + std::int64_t{s.settings.idleSeconds} * 1000;
    if (const auto* r = std::get_if<Receipt>(&s.screen))
        deadline = std::min(deadline, r->shownMs + std::int64_t{s.settings.receiptSeconds} * 1000);
    return deadline;
}

int idleSecondsLeft(const VisitState& s) {
    if (s.overlay != Overlay::IdlePrompt) return 0;
    const std::int64_t leftMs = std::int64_t{s.settings.idleCountdownSeconds} * 1000 - (s.nowMs - s.idlePromptSinceMs);
    return static_cast<int>(std::max<std::int64_t>(0, (leftMs + 999) / 1000));
}

void secureWipe(std::string& s) {
    // volatile stores cannot be elided by the optimiser, unlike a plain fill before destruction
    volatile char* p = s.data();
    for (std::size_t i = 0; i < s.size(); ++i) p[i] = '\0';
    s.clear();
}

namespace {
void wipeNik(NikAnalysis& n) {
    secureWipe(n.digits);
    n.birthDate.reset();
    n.birthDateCandidates.clear();
    n.age.reset();
    n.sex.reset();
}
void wipeOutcome(EligibilityOutcome& o) {
    secureWipe(o.person.displayName);
    secureWipe(o.person.maskedNik);
    secureWipe(o.person.kecamatan);
    secureWipe(o.person.kelurahan);
    o.person.birthDate.reset();
}
}  // namespace

void wipePersonalData(VisitState& s) {
    std::visit(Overloaded{
                   [](Identify& id) { secureWipe(id.digits); },
                   [](ConfirmIdentity& c) { wipeNik(c.nik); },
                   [](CheckingEligibility& c) { wipeNik(c.nik); },
                   [](Results& r) {
                       wipeNik(r.nik);
                       wipeOutcome(r.outcome);
                   },
                   [](ServiceProblem& p) { wipeNik(p.nik); },
                   [](Receipt& r) { secureWipe(r.maskedNik); },
                   [](auto&) {},
               },
               s.screen);
}

}  // namespace kiosk::core
