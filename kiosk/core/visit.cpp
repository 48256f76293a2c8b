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

// Answers the app feeds in about work it did for this visit (they must land even under a dialog).
bool isAppAnswer(const Event& e) {
    return std::holds_alternative<ev::EligibilityArrived>(e) || std::holds_alternative<ev::EligibilityFailed>(e) ||
           std::holds_alternative<ev::EnrollmentSaved>(e) || std::holds_alternative<ev::EnrollmentSaveFailed>(e) ||
           std::holds_alternative<ev::SubmissionSent>(e) || std::holds_alternative<ev::SubmissionRefused>(e) ||
           std::holds_alternative<ev::PrintFinished>(e) || std::holds_alternative<ev::SubmissionLookedUp>(e);
}

bool isUserInput(const Event& e) {
    return std::visit(Overloaded{
                          [](const ev::Tick&) { return false; },
                          [](const ev::EligibilityArrived&) { return false; },
                          [](const ev::EligibilityFailed&) { return false; },
                          [](const ev::OccupationsArrived&) { return false; },
                          [](const ev::OccupationsFailed&) { return false; },
                          [](const ev::EnrollmentSaved&) { return false; },
                          [](const ev::EnrollmentSaveFailed&) { return false; },
                          [](const ev::SubmissionSent&) { return false; },
                          [](const ev::SubmissionRefused&) { return false; },
                          [](const ev::PrintFinished&) { return false; },
                          [](const ev::SubmissionLookedUp&) { return false; },
                          [](const auto&) { return true; },
                      },
                      e);
}

// Ends the visit: everything personal is overwritten, then a fresh Attract state replaces it.
Transition endVisit(VisitState& s) {
    std::vector<Command> commands;
    if (const auto* c = std::get_if<CheckingEligibility>(&s.screen))
        commands.emplace_back(cmd::CancelEligibility{c->requestId});
    commands.emplace_back(cmd::WipeVisit{});
    VisitState fresh = initialVisit(s.settings, s.nowMs);
    fresh.nextRequestId = s.nextRequestId;  // never reuse an id a late reply could still carry
    fresh.occupations = std::move(s.occupations);
    fresh.occupationsFailed = s.occupationsFailed;
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
                // The app checks receipt codes (it holds the MAC key) and sends them as ReceiptScanned;
                // here a receipt-looking code is refused like any payload without a NIK.
                ScanPayload payload = classifyScan(scan.payload, ScanRules{512, s.settings.scanPatterns}, rejectEveryMac);
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


// ---- enrollment ---------------------------------------------------------------------------------

std::size_t pageItems(const VisitState& s, EnrollStep step) {
    // Occupations: the API's list plus the kiosk's own "other" tile. Other pickers page in the UI's data.
    return step == EnrollStep::Occupation ? s.occupations.size() + 1 : 0;
}

Transition startEnrollment(VisitState s, Results r) {
    Enroll e;
    e.nik = std::move(r.nik);
    e.outcome = std::move(r.outcome);
    // The central API knows where the worker lives: offer it, the worker only confirms.
    if (e.outcome.person.inSemarang) {
        e.form.kecamatan = e.outcome.person.kecamatan;
        e.form.kelurahan = e.outcome.person.kelurahan;
    }
    s.screen = std::move(e);
    std::vector<Command> commands;
    if (s.occupations.empty()) {
        s.occupationsFailed = false;
        commands.emplace_back(cmd::FetchOccupations{});
    }
    return {std::move(s), std::move(commands)};
}

void goTo(Enroll& e, EnrollStep step) {
    e.step = step;
    e.page = 0;
    e.problem = FieldProblem::None;
    e.form.rwFocused = false;
}

// "Continue" (or a choice that completes the step): on to the next step, or back to the review
// when the worker came from there to change one answer.
void advance(Enroll& e) {
    if (const FieldProblem p = stepProblem(e.form, e.step); p != FieldProblem::None) {
        e.problem = p;
        if (e.step == EnrollStep::RtRw) e.form.rwFocused = p == FieldProblem::RwInvalid;
        return;
    }
    EnrollStep to = nextStep(e.step);
    // A new kecamatan needs its kelurahan chosen, even when editing from the review.
    if (e.returnToReview && !(e.step == EnrollStep::Kecamatan && e.form.kelurahan.empty())) to = EnrollStep::Review;
    if (to == EnrollStep::Review) e.returnToReview = false;
    goTo(e, to);
}

void typeDigit(Enroll& e, char digit) {
    if (digit < '0' || digit > '9') return;
    e.problem = FieldProblem::None;
    if (e.step == EnrollStep::Phone) {
        if (e.form.phone.size() < kPhoneMaxDigits + 1) e.form.phone += digit;  // one over: "too long" shows
        if (const PhoneProblem p = checkPhonePrefix(e.form.phone); p == PhoneProblem::NotMobile)
            e.problem = FieldProblem::PhoneNotMobile;
        else if (p == PhoneProblem::TooLong)
            e.problem = FieldProblem::PhoneTooLong;
        return;
    }
    if (e.step == EnrollStep::RtRw) {
        std::string& field = e.form.rwFocused ? e.form.rw : e.form.rt;
        if (field.size() < kRtRwMaxDigits) field += digit;
        // Three digits of RT: the keypad moves on to RW by itself.
        if (!e.form.rwFocused && e.form.rt.size() == kRtRwMaxDigits) e.form.rwFocused = true;
    }
}

void eraseDigit(Enroll& e, bool all) {
    e.problem = FieldProblem::None;
    std::string* field = nullptr;
    if (e.step == EnrollStep::Phone) field = &e.form.phone;
    if (e.step == EnrollStep::RtRw) field = e.form.rwFocused ? &e.form.rw : &e.form.rt;
    if (!field) return;
    if (all) secureWipe(*field);
    else if (!field->empty()) field->pop_back();
    if (e.step == EnrollStep::Phone && checkPhonePrefix(e.form.phone) == PhoneProblem::NotMobile)
        e.problem = FieldProblem::PhoneNotMobile;
}

Transition backToResults(VisitState s, Enroll& e) {
    Results r{std::move(e.nik), std::move(e.outcome)};
    wipeForm(e.form);
    s.screen = std::move(r);
    return {std::move(s), {}};
}

Transition saveEnrollment(VisitState s, Enroll e) {
    const std::uint64_t id = s.nextRequestId++;
    std::vector<Command> commands;
    commands.emplace_back(cmd::SaveEnrollment{id, e.nik.digits, maskNik(e.nik.digits), e.form});  // no stray copy
    s.screen = Saving{std::move(e), id};
    return {std::move(s), std::move(commands)};
}

Transition onEnroll(VisitState s, const Event& ev) {
    auto& e = std::get<Enroll>(s.screen);
    return std::visit(
        Overloaded{
            [&](const ev::KeypadDigit& d) -> Transition {
                typeDigit(e, d.digit);
                return {std::move(s), {}};
            },
            [&](const ev::KeypadBackspace&) -> Transition {
                eraseDigit(e, false);
                return {std::move(s), {}};
            },
            [&](const ev::KeypadClear&) -> Transition {
                eraseDigit(e, true);
                return {std::move(s), {}};
            },
            [&](const ev::RtRwFocus& f) -> Transition {
                if (e.step == EnrollStep::RtRw) e.form.rwFocused = f.rw;
                return {std::move(s), {}};
            },
            [&](const ev::OccupationChosen& o) -> Transition {
                if (e.step != EnrollStep::Occupation) return {std::move(s), {}};
                if (o.code == kOtherOccupation) {
                    // Only listed occupations are covered; staff can check what the worker does.
                    s.overlay = Overlay::StaffHelp;
                    return {std::move(s), {}};
                }
                const bool known = std::any_of(s.occupations.begin(), s.occupations.end(),
                                               [&](const Occupation& x) { return x.code == o.code; });
                if (!known) return {std::move(s), {}};
                e.form.occupation = o.code;
                advance(e);
                return {std::move(s), {}};
            },
            [&](const ev::KecamatanChosen& k) -> Transition {
                if (e.step != EnrollStep::Kecamatan || k.name.empty()) return {std::move(s), {}};
                if (k.name != e.form.kecamatan) {
                    secureWipe(e.form.kelurahan);
                    e.form.kecamatan = k.name;
                }
                advance(e);
                return {std::move(s), {}};
            },
            [&](const ev::KelurahanChosen& k) -> Transition {
                if (e.step != EnrollStep::Kelurahan || k.name.empty()) return {std::move(s), {}};
                e.form.kelurahan = k.name;
                advance(e);
                return {std::move(s), {}};
            },
            [&](const ev::PageNext&) -> Transition {
                ++e.page;  // the screen clamps to the pages it has; the reducer clamps what it knows
                if (const std::size_t n = pageItems(s, e.step); n > 0)
                    e.page = std::min(e.page, pageCount(n, kTilesPerPage) - 1);
                return {std::move(s), {}};
            },
            [&](const ev::PagePrevious&) -> Transition {
                if (e.page > 0) --e.page;
                return {std::move(s), {}};
            },
            [&](const ev::StepContinue&) -> Transition {
                if (e.step != EnrollStep::Consent && e.step != EnrollStep::Review) advance(e);
                return {std::move(s), {}};
            },
            [&](const ev::SmsReminderToggled&) -> Transition {
                if (e.step != EnrollStep::Consent) return {std::move(s), {}};
                ConsentRecord c = e.form.consent.value_or(ConsentRecord{});
                c.smsReminders = !c.smsReminders;
                c.given = false;  // a changed option needs "I agree" again
                c.acceptedAtMs = 0;
                e.form.consent = c;
                return {std::move(s), {}};
            },
            [&](const ev::ConsentAccepted& a) -> Transition {
                if (e.step != EnrollStep::Consent) return {std::move(s), {}};
                ConsentRecord c = e.form.consent.value_or(ConsentRecord{});
                c.language = s.lang;
                c.readAloud = a.readAloud || e.consentReadAloud;
                c.given = true;
                c.acceptedAtMs = s.nowMs;
                e.form.consent = c;
                e.returnToReview = false;
                goTo(e, EnrollStep::Review);
                return {std::move(s), {}};
            },
            [&](const ev::ReadAloud&) -> Transition {
                if (e.step != EnrollStep::Consent) return {std::move(s), {}};
                e.consentReadAloud = true;
                return {std::move(s), {cmd::Speak{s.lang, {"consent.what", "consent.who", "consent.rights"}}}};
            },
            [&](const ev::ConsentDeclined&) -> Transition {
                if (e.step != EnrollStep::Consent) return {std::move(s), {}};
                return backToResults(std::move(s), e);
            },
            [&](const ev::EditStep& edit) -> Transition {
                if (e.step != EnrollStep::Review || edit.step == EnrollStep::Review) return {std::move(s), {}};
                goTo(e, edit.step);
                e.returnToReview = edit.step != EnrollStep::Consent;  // consent ends on the review anyway
                return {std::move(s), {}};
            },
            [&](const ev::SubmitEnrollment&) -> Transition {
                if (e.step != EnrollStep::Review || !e.form.consent || !e.form.consent->given)
                    return {std::move(s), {}};
                for (EnrollStep st : {EnrollStep::Occupation, EnrollStep::Phone, EnrollStep::Kecamatan,
                                      EnrollStep::Kelurahan, EnrollStep::RtRw}) {
                    if (stepProblem(e.form, st) != FieldProblem::None) {
                        goTo(e, st);
                        e.problem = stepProblem(e.form, st);
                        e.returnToReview = true;
                        return {std::move(s), {}};
                    }
                }
                Enroll copy = std::move(e);
                return saveEnrollment(std::move(s), std::move(copy));
            },
            [&](const ev::BackPressed&) -> Transition {
                if (e.returnToReview) {
                    // Leaving an edit unfinished: the review again, with whatever the field now holds
                    // (the review marks a field that no longer passes).
                    e.returnToReview = false;
                    goTo(e, EnrollStep::Review);
                    return {std::move(s), {}};
                }
                const std::optional<EnrollStep> prev = previousStep(e.step);
                if (!prev) return backToResults(std::move(s), e);
                goTo(e, *prev);
                return {std::move(s), {}};
            },
            [&](const ev::RetryOccupations&) -> Transition {
                s.occupationsFailed = false;
                return {std::move(s), {cmd::FetchOccupations{}}};
            },
            [&](const auto&) -> Transition { return {std::move(s), {}}; },
        },
        ev);
}

Transition onSaving(VisitState s, const Event& ev) {
    auto& sv = std::get<Saving>(s.screen);
    if (const auto* ok = std::get_if<ev::EnrollmentSaved>(&ev); ok && ok->requestId == sv.requestId) {
        Enroll& e = sv.enroll;
        const ProgramDecision& d = e.outcome.decision(ProgramId::PijarSemar);
        SubmissionInfo info;
        info.program = ProgramId::PijarSemar;
        info.localRef = ok->localRef;
        info.qrPayload = ok->qrPayload;
        info.funding = d.funding;
        info.placesLeft = d.placesLeft;
        info.occupation = e.form.occupation;
        info.print = PrintStatus::Printing;
        Receipt r{maskNik(e.nik.digits), s.nowMs, info, std::nullopt};
        wipeForm(e.form);
        // The checked NIK stays for "other services"; the Pijar Semar card now says it was sent.
        Results rest{std::move(e.nik), std::move(e.outcome)};
        auto& pijar = rest.outcome.programs[static_cast<std::size_t>(ProgramId::PijarSemar)];
        pijar.status = DecisionStatus::Submitted;
        pijar.reasons = {Reason{"submitted_now", {}}};
        pijar.funding = Funding::None;
        r.continueWith = std::move(rest);
        cmd::PrintReceipt print{s.lang, r.maskedNik, info};
        s.screen = std::move(r);
        return {std::move(s), {cmd::RecordAudit{"submitted"}, std::move(print)}};
    }
    if (const auto* bad = std::get_if<ev::EnrollmentSaveFailed>(&ev); bad && bad->requestId == sv.requestId) {
        SaveProblem p{std::move(sv.enroll), bad->kind};
        s.screen = std::move(p);
        return {std::move(s), {}};
    }
    return {std::move(s), {}};
}

Transition onReceipt(VisitState s, const Event& ev) {
    auto& r = std::get<Receipt>(s.screen);
    if (std::holds_alternative<ev::FinishVisit>(ev)) return endVisit(s);
    if (std::holds_alternative<ev::OtherServices>(ev) && r.continueWith) {
        Results rest = std::move(*r.continueWith);
        secureWipe(r.maskedNik);
        s.screen = std::move(rest);
        return {std::move(s), {}};
    }
    if (!r.submission) return {std::move(s), {}};
    SubmissionInfo& sub = *r.submission;
    if (const auto* sent = std::get_if<ev::SubmissionSent>(&ev); sent && sent->localRef == sub.localRef) {
        sub.status = SubmissionStatus::Sent;
        sub.serverRef = sent->serverRef;
    }
    if (const auto* no = std::get_if<ev::SubmissionRefused>(&ev); no && no->localRef == sub.localRef) {
        sub.status = SubmissionStatus::Refused;
        sub.refusedCode = no->code;
    }
    if (const auto* p = std::get_if<ev::PrintFinished>(&ev); p && p->localRef == sub.localRef) sub.print = p->status;
    return {std::move(s), {}};
}

Transition onScreenEvent(VisitState s, const Event& e, const CivilDate& today) {
    // A receipt code shown before anyone typed anything: look its submission up (no NIK needed).
    if (const auto* scan = std::get_if<ev::ReceiptScanned>(&e)) {
        const bool fresh = std::holds_alternative<Attract>(s.screen) || std::holds_alternative<ChooseLanguage>(s.screen) ||
                           (std::holds_alternative<Identify>(s.screen) && std::get<Identify>(s.screen).digits.empty()) ||
                           std::holds_alternative<ReceiptLookup>(s.screen);
        if (!fresh || !isReceiptReference(scan->reference)) return {std::move(s), {}};
        const std::uint64_t id = s.nextRequestId++;
        const bool wasAttract = std::holds_alternative<Attract>(s.screen);
        s.screen = ReceiptLookup{scan->reference, id, std::nullopt};
        std::vector<Command> commands{cmd::LookupSubmission{id, scan->reference}};
        if (wasAttract) commands.emplace_back(cmd::RecordAudit{"visit_started"});
        return {std::move(s), std::move(commands)};
    }
    if (auto* look = std::get_if<ReceiptLookup>(&s.screen)) {
        if (const auto* r = std::get_if<ev::SubmissionLookedUp>(&e); r && r->requestId == look->requestId) look->result = r->result;
        if (std::holds_alternative<ev::FinishVisit>(e)) return endVisit(s);
        return {std::move(s), {}};
    }
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
            s.screen = Receipt{std::move(masked), s.nowMs, std::nullopt, std::nullopt};
        }
        if (std::holds_alternative<ev::StartEnrollment>(e) &&
            r->outcome.decision(ProgramId::PijarSemar).status == DecisionStatus::Eligible) {
            Results taken = std::move(*r);
            return startEnrollment(std::move(s), std::move(taken));
        }
        if (std::holds_alternative<ev::CallStaff>(e)) s.overlay = Overlay::StaffHelp;
        return {std::move(s), {}};
    }
    if (std::holds_alternative<Enroll>(s.screen)) return onEnroll(std::move(s), e);
    if (std::holds_alternative<Saving>(s.screen)) return onSaving(std::move(s), e);
    if (auto* p = std::get_if<SaveProblem>(&s.screen)) {
        if (std::holds_alternative<ev::RetrySave>(e)) {
            Enroll again = std::move(p->enroll);
            return saveEnrollment(std::move(s), std::move(again));
        }
        if (std::holds_alternative<ev::FinishVisit>(e)) return endVisit(s);
        if (std::holds_alternative<ev::CallStaff>(e)) s.overlay = Overlay::StaffHelp;
        return {std::move(s), {}};
    }
    if (std::holds_alternative<Receipt>(s.screen)) return onReceipt(std::move(s), e);
    return {std::move(s), {}};
}

Transition onTick(VisitState s, std::int64_t nowMs) {
    s.nowMs = std::max(s.nowMs, nowMs);  // monotonic even if a caller repeats a tick
    if (std::holds_alternative<Attract>(s.screen)) return {std::move(s), {}};
    // The local commit is in flight: the idle clock waits for its answer (a second or so).
    if (std::holds_alternative<Saving>(s.screen)) {
        s.lastActivityMs = s.nowMs;
        return {std::move(s), {}};
    }
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

namespace {
Transition step(VisitState s, const Event& e, const CivilDate& today) {
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

    // Answers from services that are not about this visit's screen.
    if (const auto* o = std::get_if<ev::OccupationsArrived>(&e)) {
        s.occupations = o->occupations;
        s.occupationsFailed = false;
        return {std::move(s), {}};
    }
    if (std::holds_alternative<ev::OccupationsFailed>(e)) {
        s.occupationsFailed = s.occupations.empty();
        return {std::move(s), {}};
    }

    if (s.overlay == Overlay::StaffHelp) {
        if (std::holds_alternative<ev::DismissOverlay>(e)) s.overlay = Overlay::None;
        if (!std::holds_alternative<ev::HomePressed>(e) && !isAppAnswer(e)) return {std::move(s), {}};
        if (std::holds_alternative<ev::HomePressed>(e)) s.overlay = Overlay::None;
    }

    if (s.overlay == Overlay::ConfirmHome) {
        if (std::holds_alternative<ev::HomeConfirmed>(e)) return endVisit(s);
        if (std::holds_alternative<ev::HomeDismissed>(e)) s.overlay = Overlay::None;
        if (!isAppAnswer(e)) return {std::move(s), {}};  // the dialog is modal for touches only
    }
    if (std::holds_alternative<ev::HomePressed>(e)) {
        if (std::holds_alternative<Attract>(s.screen)) return {std::move(s), {}};
        // Saving takes a moment and cannot be called back: Home waits for the receipt.
        if (std::holds_alternative<Saving>(s.screen)) return {std::move(s), {}};
        // On the receipt the sign-up is done: Home simply ends the visit (and wipes what it kept).
        if (std::holds_alternative<Receipt>(s.screen)) return endVisit(s);
        if (holdsPersonalData(s)) {
            s.overlay = Overlay::ConfirmHome;
            return {std::move(s), {}};
        }
        return endVisit(s);
    }
    return onScreenEvent(std::move(s), e, today);
}
}  // namespace

Transition next(VisitState s, const Event& e, const CivilDate& today) {
    // Speech follows the screen: a new prompt (another screen, step, dialog or language) is said
    // once; the speaker button says it again.
    const std::vector<std::string> before = promptKeys(s);
    const Lang langBefore = s.lang;
    const bool repeat = std::holds_alternative<ev::RepeatPrompt>(e) && s.overlay != Overlay::ConfirmHome;
    Transition t = step(std::move(s), e, today);
    std::vector<std::string> after = promptKeys(t.state);
    if (!after.empty() && (repeat || after != before || t.state.lang != langBefore))
        t.commands.emplace_back(cmd::Speak{t.state.lang, std::move(after)});
    return t;
}

std::vector<std::string> promptKeys(const VisitState& s) {
    switch (s.overlay) {
        case Overlay::IdlePrompt: return {"idle.title", "idle.body"};
        case Overlay::ConfirmHome: return {"home.title", "home.body"};
        case Overlay::StaffHelp: return {"staff_help.title"};
        case Overlay::None: break;
    }
    return std::visit(Overloaded{
                          [](const Attract&) -> std::vector<std::string> { return {}; },
                          [](const ChooseLanguage&) -> std::vector<std::string> { return {"language.title"}; },
                          [&s](const Identify&) -> std::vector<std::string> {
                              if (s.settings.cameraScanning) return {"identify.title", "identify.hint", "identify.camera_hint"};
                              return {"identify.title", "identify.hint"};
                          },
                          [](const ConfirmIdentity&) -> std::vector<std::string> { return {"confirm.title"}; },
                          [](const CheckingEligibility&) -> std::vector<std::string> { return {"checking.title"}; },
                          [](const Results&) -> std::vector<std::string> { return {"results.title"}; },
                          [](const ServiceProblem&) -> std::vector<std::string> { return {"problem.title", "problem.staff"}; },
                          [](const Enroll& e) -> std::vector<std::string> {
                              const std::string k = std::string("enroll.") + enrollStepKey(e.step);
                              return {k + ".title"};
                          },
                          [](const Saving&) -> std::vector<std::string> { return {"saving.title"}; },
                          [](const SaveProblem&) -> std::vector<std::string> { return {"save_problem.title", "save_problem.body"}; },
                          [](const Receipt& r) -> std::vector<std::string> {
                              if (!r.submission) return {"receipt.title", "receipt.body"};
                              if (r.submission->status == SubmissionStatus::Sent) return {"receipt.status.sent", "receipt.next"};
                              if (r.submission->status == SubmissionStatus::Refused) return {"receipt.status.refused", "receipt.status.refused_body"};
                              return {"receipt.status.saved", "receipt.next"};
                          },
                          [](const ReceiptLookup& l) -> std::vector<std::string> {
                              if (!l.result) return {"lookup.looking"};
                              return {"lookup.title"};
                          },
                      },
                      s.screen);
}

bool holdsPersonalData(const VisitState& s) {
    return std::visit(Overloaded{
                          [](const Identify& id) { return !id.digits.empty(); },
                          [](const Attract&) { return false; },
                          [](const ChooseLanguage&) { return false; },
                          [](const Receipt& r) { return r.continueWith.has_value(); },
                          [](const ReceiptLookup&) { return false; },
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
    // The whole buffer, not only the live characters: a string that shrank (or a short string's
    // inline buffer) still holds old characters past size(). Volatile stores cannot be elided by
    // the optimiser, unlike a plain fill before destruction.
    s.resize(s.capacity());
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
void wipeOutcome(EligibilityOutcome& o);
void wipeEnroll(Enroll& e) {
    wipeNik(e.nik);
    wipeOutcome(e.outcome);
    wipeForm(e.form);
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
                   [](Enroll& e) { wipeEnroll(e); },
                   [](Saving& sv) { wipeEnroll(sv.enroll); },
                   [](SaveProblem& p) { wipeEnroll(p.enroll); },
                   [](ReceiptLookup& l) {
                       if (l.result) secureWipe(l.result->maskedNik);
                   },
                   [](Receipt& r) {
                       secureWipe(r.maskedNik);
                       if (r.continueWith) {
                           wipeNik(r.continueWith->nik);
                           wipeOutcome(r.continueWith->outcome);
                           r.continueWith.reset();
                       }
                   },
                   [](auto&) {},
               },
               s.screen);
}

}  // namespace kiosk::core
