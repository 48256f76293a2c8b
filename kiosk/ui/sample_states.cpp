#include "ui/sample_states.hpp"

#include <initializer_list>

namespace kiosk::ui {
namespace {

namespace ev = core::ev;

constexpr std::int64_t kStartMs = 1'000'000;

core::VisitState run(core::Lang lang, std::initializer_list<core::Event> events) {
    core::VisitSettings settings;
    settings.defaultLanguage = lang;
    core::VisitState s = core::initialVisit(settings, kStartMs);
    for (const core::Event& e : events) s = core::next(std::move(s), e, kSampleToday).state;
    return s;
}

std::vector<core::Event> typed(std::string_view digits) {
    std::vector<core::Event> out;
    for (char c : digits) out.emplace_back(ev::KeypadDigit{c});
    return out;
}

core::VisitState runTyped(core::Lang lang, std::string_view digits, std::initializer_list<core::Event> after) {
    core::VisitState s = run(lang, {ev::StartPressed{}, ev::LanguageChosen{lang}});
    for (const core::Event& e : typed(digits)) s = core::next(std::move(s), e, kSampleToday).state;
    for (const core::Event& e : after) s = core::next(std::move(s), e, kSampleToday).state;
    return s;
}

core::ProgramDecision decision(core::ProgramId p, core::DecisionStatus st, std::string reason,
                               core::Funding f = core::Funding::None, std::optional<int> places = std::nullopt) {
    core::ProgramDecision d{p, st, {}, f, places};
    if (!reason.empty()) d.reasons.push_back({std::move(reason), {}});
    return d;
}

core::VisitState withOutcome(core::Lang lang, std::string_view nik, core::ProgramDecision pijar, core::ProgramDecision blk) {
    core::VisitState s = runTyped(lang, nik, {ev::NikSubmitted{}, ev::IdentityConfirmed{}});
    core::EligibilityOutcome o;
    o.person.displayName = "Sri Lestari";
    o.person.maskedNik = core::maskNik(nik);
    o.programs = {std::move(pijar), std::move(blk),
                  decision(core::ProgramId::Mediation, core::DecisionStatus::Eligible, "bipartite_first")};
    const auto id = std::get<core::CheckingEligibility>(s.screen).requestId;
    return core::next(std::move(s), ev::EligibilityArrived{id, o}, kSampleToday).state;
}

}  // namespace

std::vector<SampleState> sampleStates(core::Lang lang) {
    using core::DecisionStatus;
    using core::Funding;
    using core::ProgramId;
    constexpr std::string_view kNik = "3374015203850002";        // synthetic: Semarang Tengah, woman, 1985
    constexpr std::string_view kWarnNik = "3322015208150003";    // Kab. Semarang, derived age 11 (KK?)
    std::vector<SampleState> out;
    out.push_back({"attract", run(lang, {})});
    out.push_back({"language", run(lang, {ev::StartPressed{}})});
    out.push_back({"identify_empty", runTyped(lang, "", {})});
    out.push_back({"identify_half", runTyped(lang, kNik.substr(0, 7), {})});
    out.push_back({"identify_reject", runTyped(lang, "3374011513850002", {ev::NikSubmitted{}})});  // month 13
    out.push_back({"identify_scan_not_nik", runTyped(lang, "", {ev::NikScanned{"https://example.invalid/promo"}})});
    out.push_back({"confirm_plain", runTyped(lang, kNik, {ev::NikSubmitted{}})});
    // Same first and last four digits, other middle: the confirm screen must look identical (masking).
    out.push_back({"confirm_plain_other_middle", runTyped(lang, "3374084507900002", {ev::NikSubmitted{}})});
    out.push_back({"confirm_warning", runTyped(lang, kWarnNik, {ev::NikSubmitted{}})});
    out.push_back({"checking", runTyped(lang, kNik, {ev::NikSubmitted{}, ev::IdentityConfirmed{}})});
    out.push_back({"results_apbd",
                   withOutcome(lang, kNik, decision(ProgramId::PijarSemar, DecisionStatus::Eligible, "", Funding::Apbd, 783),
                               decision(ProgramId::Blk, DecisionStatus::Eligible, ""))});
    out.push_back({"results_dbhcht",
                   withOutcome(lang, kNik,
                               decision(ProgramId::PijarSemar, DecisionStatus::Eligible, "apbd_full_dbhcht", Funding::Dbhcht, 212),
                               decision(ProgramId::Blk, DecisionStatus::Eligible, ""))});
    out.push_back({"results_mixed",
                   withOutcome(lang, kNik, decision(ProgramId::PijarSemar, DecisionStatus::Ineligible, "age_over_limit"),
                               decision(ProgramId::Blk, DecisionStatus::ReferToStaff, "not_semarang_resident"))});
    out.push_back({"results_enrolled",
                   withOutcome(lang, kNik, decision(ProgramId::PijarSemar, DecisionStatus::AlreadyEnrolled, "already_enrolled"),
                               decision(ProgramId::Blk, DecisionStatus::Ineligible, "a_code_the_kiosk_does_not_know"))});
    {
        core::VisitState s = runTyped(lang, kNik, {ev::NikSubmitted{}, ev::IdentityConfirmed{}});
        const auto id = std::get<core::CheckingEligibility>(s.screen).requestId;
        out.push_back({"problem_offline",
                       core::next(s, ev::EligibilityFailed{id, {core::ServiceErrorKind::Offline, ""}}, kSampleToday).state});
        out.push_back({"problem_not_found",
                       core::next(s, ev::EligibilityFailed{id, {core::ServiceErrorKind::NotFound, "not_found"}}, kSampleToday).state});
    }
    {
        core::VisitState s = withOutcome(lang, kNik, decision(ProgramId::PijarSemar, DecisionStatus::Eligible, "", Funding::Apbd, 783),
                                         decision(ProgramId::Blk, DecisionStatus::Eligible, ""));
        out.push_back({"receipt", core::next(std::move(s), ev::FinishVisit{}, kSampleToday).state});
    }
    out.push_back({"overlay_home", runTyped(lang, kNik.substr(0, 9), {ev::HomePressed{}})});
    {
        core::VisitState s = runTyped(lang, kNik.substr(0, 9), {});
        const std::int64_t at = kStartMs + std::int64_t{s.settings.idleSeconds} * 1000;
        s = core::next(std::move(s), ev::Tick{at}, kSampleToday).state;
        out.push_back({"overlay_idle", core::next(std::move(s), ev::Tick{at + 6000}, kSampleToday).state});
    }
    return out;
}

}  // namespace kiosk::ui
