#include "ui/sample_states.hpp"

#include <initializer_list>

namespace kiosk::ui {
namespace {

namespace ev = core::ev;

constexpr std::int64_t kStartMs = 1'000'000;

// `s` after `events`, as the reducer makes it.
core::VisitState apply(core::VisitState s, std::initializer_list<core::Event> events) {
    for (const core::Event& e : events) s = core::next(std::move(s), e, kSampleToday).state;
    return s;
}

// `s` after the keypad digits `digits`.
core::VisitState typeInto(core::VisitState s, std::string_view digits) {
    for (char c : digits) s = core::next(std::move(s), ev::KeypadDigit{c}, kSampleToday).state;
    return s;
}

core::VisitState run(core::Lang lang, std::initializer_list<core::Event> events) {
    core::VisitSettings settings;
    settings.defaultLanguage = lang;
    return apply(core::initialVisit(settings, kStartMs), events);
}

core::VisitState runTyped(core::Lang lang, std::string_view digits, std::initializer_list<core::Event> after) {
    return apply(typeInto(run(lang, {ev::StartPressed{}, ev::LanguageChosen{lang}}), digits), after);
}

core::ProgramDecision decision(core::ProgramId p, core::DecisionStatus st, std::string reason,
                               core::Funding f = core::Funding::None, std::optional<int> places = std::nullopt) {
    core::ProgramDecision d{p, st, {}, f, places};
    if (!reason.empty()) d.reasons.push_back({std::move(reason), {}});
    return d;
}

// What the central API answers for GET /pijar-semar/occupations (fixture text, like the names above).
std::vector<core::Occupation> sampleOccupations() {
    const auto occ = [](const char* code, const char* id, const char* en, const char* jv) {
        return core::Occupation{code, core::LocalizedText{{id, en, jv}}};
    };
    return {occ("becak", "Pengemudi becak", "Becak driver", "Tukang becak"),
            occ("angkot", "Sopir angkot", "Minibus (angkot) driver", "Sopir angkot"),
            occ("ojek", "Tukang ojek pangkalan", "Motorcycle taxi driver", "Tukang ojek"),
            occ("ojek_online", "Ojek online", "App-based motorcycle driver", "Ojek online"),
            occ("juru_parkir", "Juru parkir", "Parking attendant", "Juru parkir"),
            occ("pedagang_kaki_lima", "Pedagang kaki lima", "Street vendor", "Bakul kaki lima"),
            occ("asongan", "Pedagang asongan", "Hawker", "Bakul asongan"),
            occ("petani", "Petani", "Farmer", "Tani"),
            occ("nelayan", "Nelayan", "Fisher", "Nelayan"),
            occ("marbot", "Marbot masjid", "Mosque caretaker", "Marbot masjid"),
            occ("guru_ngaji", "Guru ngaji", "Quran teacher", "Guru ngaji"),
            occ("penambal_ban", "Penambal ban", "Tyre repairer", "Tukang tambal ban"),
            occ("serabutan", "Pekerja serabutan", "Odd-job worker", "Buruh serabutan"),
            occ("buruh_gendong", "Buruh gendong", "Market porter", "Buruh gendhong"),
            occ("pemulung", "Pemulung", "Waste picker", "Pemulung")};
}

core::VisitState withOutcome(core::Lang lang, std::string_view nik, core::ProgramDecision pijar, core::ProgramDecision blk) {
    core::VisitState s = runTyped(lang, nik, {ev::NikSubmitted{}, ev::IdentityConfirmed{}});
    s.occupations = sampleOccupations();
    core::EligibilityOutcome o;
    o.person.displayName = "Sri Lestari";
    o.person.maskedNik = core::maskNik(nik);
    o.person.kecamatan = "Semarang Tengah";
    o.person.kelurahan = "Pekunden";
    o.person.inSemarang = true;
    o.programs = {std::move(pijar), std::move(blk),
                  decision(core::ProgramId::Mediation, core::DecisionStatus::Eligible, "bipartite_first")};
    const auto id = std::get<core::CheckingEligibility>(s.screen).requestId;
    return core::next(std::move(s), ev::EligibilityArrived{id, o}, kSampleToday).state;
}

// The two answers most screens start from: eligible (APBD, 783 places left), and not eligible
// (age over the limit) with BLK referred to staff.
core::VisitState eligibleApbd(core::Lang lang, std::string_view nik) {
    using core::DecisionStatus;
    using core::ProgramId;
    return withOutcome(lang, nik, decision(ProgramId::PijarSemar, DecisionStatus::Eligible, "", core::Funding::Apbd, 783),
                       decision(ProgramId::Blk, DecisionStatus::Eligible, ""));
}
core::VisitState ineligibleOverAge(core::Lang lang, std::string_view nik) {
    using core::DecisionStatus;
    using core::ProgramId;
    return withOutcome(lang, nik, decision(ProgramId::PijarSemar, DecisionStatus::Ineligible, "age_over_limit"),
                       decision(ProgramId::Blk, DecisionStatus::ReferToStaff, "not_semarang_resident"));
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
    out.push_back({"results_apbd", eligibleApbd(lang, kNik)});
    out.push_back({"results_dbhcht",
                   withOutcome(lang, kNik,
                               decision(ProgramId::PijarSemar, DecisionStatus::Eligible, "apbd_full_dbhcht", Funding::Dbhcht, 212),
                               decision(ProgramId::Blk, DecisionStatus::Eligible, ""))});
    out.push_back({"results_mixed", ineligibleOverAge(lang, kNik)});
    {
        core::VisitState s = withOutcome(lang, kNik, decision(ProgramId::PijarSemar, DecisionStatus::AlreadyEnrolled, "already_enrolled"),
                                         decision(ProgramId::Blk, DecisionStatus::Ineligible, "a_code_the_kiosk_does_not_know"));
        std::get<core::Results>(s.screen).outcome.person.bpjsSince = core::CivilDate{2025, 11, 3};
        out.push_back({"results_enrolled", std::move(s)});
    }
    {
        core::VisitState s = runTyped(lang, kNik, {ev::NikSubmitted{}, ev::IdentityConfirmed{}});
        const auto id = std::get<core::CheckingEligibility>(s.screen).requestId;
        out.push_back({"problem_offline",
                       core::next(s, ev::EligibilityFailed{id, {core::ServiceErrorKind::Offline, ""}}, kSampleToday).state});
        out.push_back({"problem_not_found",
                       core::next(s, ev::EligibilityFailed{id, {core::ServiceErrorKind::NotFound, "not_found"}}, kSampleToday).state});
    }
    out.push_back({"receipt", apply(eligibleApbd(lang, kNik), {ev::FinishVisit{}})});
    // The Pijar Semar enrollment, step by step, as the reducer makes it.
    {
        core::VisitState s = apply(eligibleApbd(lang, kNik), {ev::StartEnrollment{}});
        out.push_back({"enroll_occupation", s});
        out.push_back({"enroll_occupation_page2", apply(s, {ev::PageNext{}})});
        {
            core::VisitState loading = s;
            loading.occupations.clear();
            out.push_back({"enroll_occupation_loading", loading});
        }
        s = apply(std::move(s), {ev::OccupationChosen{"angkot"}});
        out.push_back({"enroll_phone_error", typeInto(s, "024")});
        s = typeInto(std::move(s), "08123456");
        out.push_back({"enroll_phone", s});
        s = apply(typeInto(std::move(s), "7890"), {ev::StepContinue{}});
        out.push_back({"enroll_kecamatan", s});
        s = apply(std::move(s), {ev::StepContinue{}});
        out.push_back({"enroll_kelurahan", s});
        s = apply(std::move(s), {ev::StepContinue{}});
        out.push_back({"enroll_rtrw_error", apply(typeInto(s, "4"), {ev::StepContinue{}})});
        s = apply(typeInto(std::move(s), "4"), {ev::RtRwFocus{true}});
        s = typeInto(std::move(s), "7");
        out.push_back({"enroll_rtrw", s});
        s = apply(std::move(s), {ev::StepContinue{}});
        out.push_back({"enroll_consent", s});
        s = apply(std::move(s), {ev::SmsReminderToggled{}, ev::ConsentAccepted{false}});
        out.push_back({"enroll_review", s});
        s = apply(std::move(s), {ev::SubmitEnrollment{}});
        out.push_back({"saving", s});
        const std::uint64_t saveId = std::get<core::Saving>(s.screen).requestId;
        out.push_back({"save_problem", apply(s, {ev::EnrollmentSaveFailed{saveId, core::SaveProblemKind::DiskFull}})});
        // The MAC is a fixed sample: the app computes real ones with the hall's key.
        s = apply(std::move(s), {ev::EnrollmentSaved{saveId, "L-7K3M9Q2X", "PJR1:L-7K3M9Q2X:3f9a0c1d5e7b2468"}});
        out.push_back({"receipt_saved", s});
        out.push_back({"receipt_sent_printed",
                       apply(s, {ev::SubmissionSent{"L-7K3M9Q2X", "PS-2026-004512"}, ev::PrintFinished{"L-7K3M9Q2X", core::PrintStatus::Printed}})});
        out.push_back({"receipt_out_of_paper", apply(s, {ev::PrintFinished{"L-7K3M9Q2X", core::PrintStatus::OutOfPaper}})});
        out.push_back({"results_after_enroll", apply(s, {ev::OtherServices{}})});
    }
    out.push_back({"overlay_staff", apply(ineligibleOverAge(lang, kNik), {ev::CallStaff{}})});
    {
        core::VisitState s = run(lang, {ev::ReceiptScanned{"L-7K3M9Q2X"}});
        out.push_back({"lookup_looking", s});
        const auto id = std::get<core::ReceiptLookup>(s.screen).requestId;
        out.push_back({"lookup_queued", core::next(s, ev::SubmissionLookedUp{id, {core::LookupOutcome::Queued, "pijar_semar", "", "3374 •••• •••• 0002", ""}}, kSampleToday).state});
        out.push_back({"lookup_sent", core::next(s, ev::SubmissionLookedUp{id, {core::LookupOutcome::Sent, "pijar_semar", "PS-2026-004512", "3374 •••• •••• 0002", ""}}, kSampleToday).state});
        out.push_back({"lookup_not_found", core::next(s, ev::SubmissionLookedUp{id, {core::LookupOutcome::NotFound, "", "", "", ""}}, kSampleToday).state});
    }
    out.push_back({"overlay_home", runTyped(lang, kNik.substr(0, 9), {ev::HomePressed{}})});
    {
        core::VisitState s = runTyped(lang, kNik.substr(0, 9), {});
        const std::int64_t at = kStartMs + std::int64_t{s.settings.idleSeconds} * 1000;
        s = core::next(std::move(s), ev::Tick{at}, kSampleToday).state;
        out.push_back({"overlay_idle", core::next(std::move(s), ev::Tick{at + 6000}, kSampleToday).state});
    }
    // Attract with the staff alert: the central API refused the kiosk's key, sign-ups wait.
    out.push_back({"attract_sync_paused", run(lang, {}), "staff_alert.sync_paused"});
    return out;
}

}  // namespace kiosk::ui
