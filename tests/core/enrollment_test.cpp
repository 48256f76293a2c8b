// The Pijar Semar enrollment form: field checks where they are typed, and the reducer's walk from
// "eligible" through every step, edits from the review, saving and the receipt.
#include <doctest/doctest.h>

#include <algorithm>

#include "core/enrollment.hpp"
#include "core/visit.hpp"

namespace {

using namespace kiosk::core;
constexpr CivilDate kToday{2026, 11, 30};
constexpr std::string_view kNik = "3374015203850002";  // synthetic

struct Driver {
    VisitState s = initialVisit(VisitSettings{}, 1000);
    std::vector<Command> last;
    Driver() {
        s.occupations = {Occupation{"angkot", {}}, Occupation{"petani", {}}};
    }
    Driver& on(const Event& e) {
        auto t = next(std::move(s), e, kToday);
        s = std::move(t.state);
        last = std::move(t.commands);
        return *this;
    }
    Driver& type(std::string_view digits) {
        for (char c : digits) on(ev::KeypadDigit{c});
        return *this;
    }
    Driver& toResults(DecisionStatus pijar = DecisionStatus::Eligible) {
        on(ev::StartPressed{}).on(ev::LanguageChosen{Lang::Id}).type(kNik).on(ev::NikSubmitted{}).on(ev::IdentityConfirmed{});
        EligibilityOutcome o;
        o.person.displayName = "Warga Contoh";
        o.person.kecamatan = "Semarang Tengah";
        o.person.kelurahan = "Pekunden";
        o.person.inSemarang = true;
        o.programs[0] = ProgramDecision{ProgramId::PijarSemar, pijar, {}, Funding::Dbhcht, 499};
        const auto id = std::get<CheckingEligibility>(s.screen).requestId;
        return on(ev::EligibilityArrived{id, o});
    }
    Enroll& form() { return std::get<Enroll>(s.screen); }
    EnrollStep step() { return form().step; }
    // The typical walk: every answer right the first time.
    Driver& toReview() {
        toResults().on(ev::StartEnrollment{});
        on(ev::OccupationChosen{"angkot"}).type("081234567890").on(ev::StepContinue{});
        on(ev::KecamatanChosen{"Semarang Tengah"}).on(ev::KelurahanChosen{"Pekunden"});
        type("4").on(ev::RtRwFocus{true}).type("7").on(ev::StepContinue{});
        return on(ev::ConsentAccepted{});
    }
    template <class C>
    const C* issued() const {
        for (const auto& c : last)
            if (const auto* p = std::get_if<C>(&c)) return p;
        return nullptr;
    }
};

}  // namespace

TEST_CASE("phone numbers: Indonesian mobile numbers only") {
    CHECK(checkPhone("081234567890") == PhoneProblem::None);
    CHECK(checkPhone("0812345678") == PhoneProblem::None);        // 10 digits: the shortest in use
    CHECK(checkPhone("6281234567890") == PhoneProblem::None);     // country code without '+'
    CHECK(normalizePhone("6281234567890") == "081234567890");
    CHECK(checkPhone("") == PhoneProblem::Empty);
    CHECK(checkPhone("0241234567") == PhoneProblem::NotMobile);   // a Semarang landline
    CHECK(checkPhone("0801234567") == PhoneProblem::NotMobile);
    CHECK(checkPhone("12345678901") == PhoneProblem::NotMobile);
    CHECK(checkPhone("081234567") == PhoneProblem::TooShort);
    CHECK(checkPhone("08123456789012") == PhoneProblem::TooLong);
    CHECK(checkPhone("0812-3456") == PhoneProblem::NotMobile);
    // While typing, a wrong start shows at once; a short number is not wrong yet.
    CHECK(checkPhonePrefix("0") == PhoneProblem::None);
    CHECK(checkPhonePrefix("08") == PhoneProblem::None);
    CHECK(checkPhonePrefix("02") == PhoneProblem::NotMobile);
    CHECK(checkPhonePrefix("7") == PhoneProblem::NotMobile);
    CHECK(groupPhone("081234567890") == "0812-3456-7890");
    CHECK(groupPhone("0812345") == "0812-345");
}

TEST_CASE("RT and RW: one to three digits and not zero") {
    CHECK(isValidRtRw("4"));
    CHECK(isValidRtRw("012"));
    CHECK_FALSE(isValidRtRw(""));
    CHECK_FALSE(isValidRtRw("0"));
    CHECK_FALSE(isValidRtRw("000"));
    CHECK_FALSE(isValidRtRw("1234"));
    CHECK_FALSE(isValidRtRw("1a"));
    CHECK(padRtRw("4") == "004");
    CHECK(padRtRw("123") == "123");
}

TEST_CASE("only an eligible worker can start the enrollment") {
    Driver d;
    d.toResults(DecisionStatus::Ineligible).on(ev::StartEnrollment{});
    CHECK(std::holds_alternative<Results>(d.s.screen));
    Driver e;
    e.toResults().on(ev::StartEnrollment{});
    REQUIRE(std::holds_alternative<Enroll>(e.s.screen));
    CHECK(e.step() == EnrollStep::Occupation);
    // The address the central API knows is offered; the worker only confirms it.
    CHECK(e.form().form.kecamatan == "Semarang Tengah");
    CHECK(e.form().form.kelurahan == "Pekunden");
    CHECK(e.issued<cmd::FetchOccupations>() == nullptr);  // the list is already there
}

TEST_CASE("occupations are fetched when the kiosk has none and a failure can be retried") {
    Driver d;
    d.s.occupations.clear();
    d.toResults().on(ev::StartEnrollment{});
    CHECK(d.issued<cmd::FetchOccupations>() != nullptr);
    d.on(ev::OccupationsFailed{});
    CHECK(d.s.occupationsFailed);
    d.on(ev::RetryOccupations{});
    CHECK(d.issued<cmd::FetchOccupations>() != nullptr);
    CHECK_FALSE(d.s.occupationsFailed);
    d.on(ev::OccupationsArrived{{Occupation{"nelayan", {}}}});
    d.on(ev::OccupationChosen{"nelayan"});
    CHECK(d.step() == EnrollStep::Phone);
}

TEST_CASE("an occupation that is not listed goes to staff and stays on the picker") {
    Driver d;
    d.toResults().on(ev::StartEnrollment{}).on(ev::OccupationChosen{"other"});
    CHECK(d.s.overlay == Overlay::StaffHelp);
    CHECK(d.step() == EnrollStep::Occupation);
    d.on(ev::OccupationChosen{"angkot"});  // the dialog takes every touch
    CHECK(d.step() == EnrollStep::Occupation);
    d.on(ev::DismissOverlay{}).on(ev::OccupationChosen{"pilot"});  // not in the API's list
    CHECK(d.step() == EnrollStep::Occupation);
    d.on(ev::OccupationChosen{"petani"});
    CHECK(d.step() == EnrollStep::Phone);
}

TEST_CASE("the phone step shows a wrong start at once and refuses a short number") {
    Driver d;
    d.toResults().on(ev::StartEnrollment{}).on(ev::OccupationChosen{"angkot"});
    d.type("02");
    CHECK(d.form().problem == FieldProblem::PhoneNotMobile);
    d.on(ev::KeypadClear{}).type("0812345");
    CHECK(d.form().problem == FieldProblem::None);
    d.on(ev::StepContinue{});
    CHECK(d.step() == EnrollStep::Phone);
    CHECK(d.form().problem == FieldProblem::PhoneTooShort);
    d.type("67890");
    CHECK(d.form().problem == FieldProblem::None);  // typing clears the message
    d.on(ev::StepContinue{});
    CHECK(d.step() == EnrollStep::Kecamatan);
    CHECK(d.form().form.phone == "081234567890");
}

TEST_CASE("a new kecamatan asks for its kelurahan again") {
    Driver d;
    d.toResults().on(ev::StartEnrollment{}).on(ev::OccupationChosen{"angkot"}).type("081234567890").on(ev::StepContinue{});
    d.on(ev::KecamatanChosen{"Tugu"});
    CHECK(d.step() == EnrollStep::Kelurahan);
    CHECK(d.form().form.kelurahan.empty());
    d.on(ev::StepContinue{});
    CHECK(d.form().problem == FieldProblem::ChooseOne);
    d.on(ev::KelurahanChosen{"Jerakah"});
    CHECK(d.step() == EnrollStep::RtRw);
}

TEST_CASE("RT and RW: three digits move to RW and a zero RW is refused beside RW") {
    Driver d;
    d.toResults().on(ev::StartEnrollment{}).on(ev::OccupationChosen{"angkot"}).type("081234567890").on(ev::StepContinue{});
    d.on(ev::StepContinue{}).on(ev::StepContinue{});  // the offered kecamatan and kelurahan, as they are
    REQUIRE(d.step() == EnrollStep::RtRw);
    d.type("012");
    CHECK(d.form().form.rt == "012");
    CHECK(d.form().form.rwFocused);
    d.type("0").on(ev::StepContinue{});
    CHECK(d.form().problem == FieldProblem::RwInvalid);
    CHECK(d.form().form.rwFocused);
    d.on(ev::KeypadBackspace{}).type("3").on(ev::StepContinue{});
    CHECK(d.step() == EnrollStep::Consent);
}

TEST_CASE("consent is its own act and is recorded with language and time") {
    Driver d;
    d.toResults().on(ev::StartEnrollment{}).on(ev::OccupationChosen{"angkot"}).type("081234567890").on(ev::StepContinue{});
    d.on(ev::StepContinue{}).on(ev::StepContinue{}).type("4").on(ev::RtRwFocus{true}).type("7").on(ev::StepContinue{});
    REQUIRE(d.step() == EnrollStep::Consent);
    d.on(ev::SmsReminderToggled{});
    CHECK(d.step() == EnrollStep::Consent);  // an option is not consent
    d.on(ev::LanguageChosen{Lang::Jv}).on(ev::Tick{5000}).on(ev::ConsentAccepted{false});
    REQUIRE(d.step() == EnrollStep::Review);
    const ConsentRecord& c = *d.form().form.consent;
    CHECK(c.language == Lang::Jv);
    CHECK(c.smsReminders);
    CHECK(c.acceptedAtMs == 5000);
    CHECK(c.given);
    CHECK_FALSE(c.readAloud);
}

TEST_CASE("declining consent ends the enrollment and forgets the answers") {
    Driver d;
    d.toReview().on(ev::EditStep{EnrollStep::Consent}).on(ev::ConsentDeclined{});
    REQUIRE(std::holds_alternative<Results>(d.s.screen));
    d.on(ev::StartEnrollment{});
    CHECK(d.form().form.phone.empty());
    CHECK(d.form().form.occupation.empty());
}

TEST_CASE("edit from the review returns to the review") {
    Driver d;
    d.toReview().on(ev::EditStep{EnrollStep::Phone});
    CHECK(d.step() == EnrollStep::Phone);
    d.on(ev::KeypadBackspace{}).type("1").on(ev::StepContinue{});
    CHECK(d.step() == EnrollStep::Review);
    CHECK(d.form().form.phone == "081234567891");
    // Changing the kecamatan passes through the kelurahan, then back to the review.
    d.on(ev::EditStep{EnrollStep::Kecamatan}).on(ev::KecamatanChosen{"Tugu"});
    CHECK(d.step() == EnrollStep::Kelurahan);
    d.on(ev::KelurahanChosen{"Jerakah"});
    CHECK(d.step() == EnrollStep::Review);
    // Back out of an edit: the review again.
    d.on(ev::EditStep{EnrollStep::Occupation}).on(ev::BackPressed{});
    CHECK(d.step() == EnrollStep::Review);
}

TEST_CASE("back walks the steps and leaves the form for the results") {
    Driver d;
    d.toResults().on(ev::StartEnrollment{}).on(ev::OccupationChosen{"angkot"});
    d.on(ev::BackPressed{});
    CHECK(d.step() == EnrollStep::Occupation);
    d.on(ev::BackPressed{});
    CHECK(std::holds_alternative<Results>(d.s.screen));
}

TEST_CASE("submit saves through the app and the receipt follows the submission") {
    Driver d;
    d.toReview().on(ev::SubmitEnrollment{});
    REQUIRE(std::holds_alternative<Saving>(d.s.screen));
    const auto* save = d.issued<cmd::SaveEnrollment>();
    REQUIRE(save != nullptr);
    CHECK(save->nik == kNik);
    CHECK(save->maskedNik == maskNik(kNik));
    CHECK(save->form.occupation == "angkot");
    CHECK(save->form.rt == "4");
    const auto id = save->requestId;
    d.on(ev::SubmitEnrollment{});  // a second tap while saving does nothing
    CHECK(d.issued<cmd::SaveEnrollment>() == nullptr);
    d.on(ev::EnrollmentSaved{id + 1, "L-OTHER01", ""});  // not ours
    CHECK(std::holds_alternative<Saving>(d.s.screen));
    d.on(ev::EnrollmentSaved{id, "L-7K3M9Q2X", "PJR1:L-7K3M9Q2X:0123456789abcdef"});
    REQUIRE(std::holds_alternative<Receipt>(d.s.screen));
    const auto& r = std::get<Receipt>(d.s.screen);
    REQUIRE(r.submission);
    CHECK(r.submission->status == SubmissionStatus::Saved);  // "Tersimpan", not yet "Terkirim"
    CHECK(r.submission->funding == Funding::Dbhcht);
    CHECK(r.submission->placesLeft == 499);
    CHECK(r.maskedNik == maskNik(kNik));
    CHECK(d.issued<cmd::PrintReceipt>() != nullptr);
    d.on(ev::SubmissionSent{"L-SOMEONE", "PS-1"});
    CHECK(std::get<Receipt>(d.s.screen).submission->status == SubmissionStatus::Saved);
    d.on(ev::SubmissionSent{"L-7K3M9Q2X", "PS-2026-000123"});
    CHECK(std::get<Receipt>(d.s.screen).submission->status == SubmissionStatus::Sent);
    CHECK(std::get<Receipt>(d.s.screen).submission->serverRef == "PS-2026-000123");
    d.on(ev::PrintFinished{"L-7K3M9Q2X", PrintStatus::OutOfPaper});
    CHECK(std::get<Receipt>(d.s.screen).submission->print == PrintStatus::OutOfPaper);
}

TEST_CASE("a disk that cannot save says so and keeps the answers for a retry") {
    Driver d;
    d.toReview().on(ev::SubmitEnrollment{});
    const auto id = d.issued<cmd::SaveEnrollment>()->requestId;
    d.on(ev::EnrollmentSaveFailed{id, SaveProblemKind::DiskFull});
    REQUIRE(std::holds_alternative<SaveProblem>(d.s.screen));
    CHECK(std::get<SaveProblem>(d.s.screen).kind == SaveProblemKind::DiskFull);
    d.on(ev::RetrySave{});
    const auto* again = d.issued<cmd::SaveEnrollment>();
    REQUIRE(again != nullptr);
    CHECK(again->requestId != id);
    CHECK(again->form.phone == "081234567890");
}

TEST_CASE("after the receipt the other services need no NIK again") {
    Driver d;
    d.toReview().on(ev::SubmitEnrollment{});
    d.on(ev::EnrollmentSaved{d.issued<cmd::SaveEnrollment>()->requestId, "L-7K3M9Q2X", ""});
    d.on(ev::OtherServices{});
    REQUIRE(std::holds_alternative<Results>(d.s.screen));
    const auto& r = std::get<Results>(d.s.screen);
    CHECK(r.nik.digits == kNik);
    CHECK(r.outcome.decision(ProgramId::PijarSemar).status == DecisionStatus::Submitted);
    d.on(ev::StartEnrollment{});  // not twice in one visit
    CHECK(std::holds_alternative<Results>(d.s.screen));
}

TEST_CASE("ending the visit in the middle of the form wipes it and keeps the occupation list") {
    Driver d;
    d.toReview();
    d.on(ev::HomePressed{});
    CHECK(d.s.overlay == Overlay::ConfirmHome);  // answers would be lost: ask first
    d.on(ev::HomeConfirmed{});
    CHECK(std::holds_alternative<Attract>(d.s.screen));
    CHECK(d.s.occupations.size() == 2);
    CHECK(d.issued<cmd::WipeVisit>() != nullptr);
}

TEST_CASE("Home while saving waits for the receipt: a sign-up is never left half told") {
    Driver d;
    d.toReview().on(ev::SubmitEnrollment{});
    const auto id = d.issued<cmd::SaveEnrollment>()->requestId;
    d.on(ev::HomePressed{});
    CHECK(d.s.overlay == Overlay::None);  // no "end the visit?" question over a save in flight
    CHECK(std::holds_alternative<Saving>(d.s.screen));
    d.on(ev::EnrollmentSaved{id, "L-7K3M9Q2X", ""});
    REQUIRE(std::holds_alternative<Receipt>(d.s.screen));
    d.on(ev::HomePressed{});  // on the receipt Home simply ends the visit
    CHECK(std::holds_alternative<Attract>(d.s.screen));
    CHECK_FALSE(holdsPersonalData(d.s));
}

TEST_CASE("a scanned receipt is looked up without any NIK and shows its state") {
    Driver d;
    d.on(ev::ReceiptScanned{"L-7K3M9Q2X"});
    REQUIRE(std::holds_alternative<ReceiptLookup>(d.s.screen));
    const auto* look = d.issued<cmd::LookupSubmission>();
    REQUIRE(look != nullptr);
    CHECK(look->reference == "L-7K3M9Q2X");
    const auto id = look->requestId;
    d.on(ev::SubmissionLookedUp{id + 7, {LookupOutcome::Sent, "pijar_semar", "PS-1", "", ""}});
    CHECK_FALSE(std::get<ReceiptLookup>(d.s.screen).result.has_value());  // not our question
    d.on(ev::SubmissionLookedUp{id, {LookupOutcome::Queued, "pijar_semar", "", "3374 •••• •••• 0002", ""}});
    REQUIRE(std::get<ReceiptLookup>(d.s.screen).result.has_value());
    CHECK(std::get<ReceiptLookup>(d.s.screen).result->outcome == LookupOutcome::Queued);
    CHECK_FALSE(holdsPersonalData(d.s));
    d.on(ev::FinishVisit{});
    CHECK(std::holds_alternative<Attract>(d.s.screen));
}

TEST_CASE("a receipt scanned in the middle of typing a NIK does not throw the NIK away") {
    Driver d;
    d.on(ev::StartPressed{}).on(ev::LanguageChosen{Lang::Id}).type("3374");
    d.on(ev::ReceiptScanned{"L-7K3M9Q2X"});
    CHECK(std::holds_alternative<Identify>(d.s.screen));
    CHECK(d.issued<cmd::LookupSubmission>() == nullptr);
    d.on(ev::ReceiptScanned{"not a reference"});
    CHECK(std::holds_alternative<Identify>(d.s.screen));
}

TEST_CASE("an admin pattern from the config finds a NIK in a document's own barcode format") {
    VisitSettings st;
    st.scanPatterns = {R"(^KARTU-PEKERJA\|[^|]*\|(\d{16})\|)"};
    VisitState s = initialVisit(st, 0);
    for (const Event& e : std::vector<Event>{ev::StartPressed{}, ev::LanguageChosen{Lang::Id},
                                             ev::NikScanned{"KARTU-PEKERJA|Budi|3374015203850002|2026"}})
        s = next(std::move(s), e, kToday).state;
    REQUIRE(std::holds_alternative<ConfirmIdentity>(s.screen));
    CHECK(std::get<ConfirmIdentity>(s.screen).nik.digits == kNik);
    CHECK(std::get<ConfirmIdentity>(s.screen).fromScan);
    // Without the pattern the same code carries no NIK the kiosk may take.
    VisitState plain = initialVisit(VisitSettings{}, 0);
    for (const Event& e : std::vector<Event>{ev::StartPressed{}, ev::LanguageChosen{Lang::Id},
                                             ev::NikScanned{"KARTU-PEKERJA|Budi|3374015203850002|2026"}})
        plain = next(std::move(plain), e, kToday).state;
    REQUIRE(std::holds_alternative<Identify>(plain.screen));
    CHECK(std::get<Identify>(plain.screen).scannedNotANik);
}

TEST_CASE("speech: each new prompt is said once and the speaker button repeats it") {
    Driver d;
    d.on(ev::StartPressed{}).on(ev::LanguageChosen{Lang::Jv});
    const auto* say = d.issued<cmd::Speak>();
    REQUIRE(say != nullptr);
    CHECK(say->lang == Lang::Jv);
    CHECK(say->keys == std::vector<std::string>{"identify.title", "identify.hint"});
    d.on(ev::KeypadDigit{'3'});
    CHECK(d.issued<cmd::Speak>() == nullptr);  // typing does not repeat the prompt
    d.on(ev::RepeatPrompt{});
    REQUIRE(d.issued<cmd::Speak>() != nullptr);
    d.on(ev::LanguageChosen{Lang::En});  // the same prompt in the new language
    REQUIRE(d.issued<cmd::Speak>() != nullptr);
    CHECK(d.issued<cmd::Speak>()->lang == Lang::En);
    d.on(ev::Tick{1000 + 60'000});  // idle: the question is said too
    REQUIRE(d.issued<cmd::Speak>() != nullptr);
    CHECK(d.issued<cmd::Speak>()->keys.front() == "idle.title");
}

TEST_CASE("speech: with a camera the NIK prompt also says to show a code to it") {
    VisitSettings st;
    st.cameraScanning = true;
    VisitState s = initialVisit(st, 0);
    std::vector<Command> said;
    for (const Event& e : std::vector<Event>{ev::StartPressed{}, ev::LanguageChosen{Lang::Id}}) {
        auto t = next(std::move(s), e, kToday);
        s = std::move(t.state);
        said = std::move(t.commands);
    }
    REQUIRE(std::holds_alternative<Identify>(s.screen));
    const auto it = std::find_if(said.begin(), said.end(), [](const Command& c) { return std::holds_alternative<cmd::Speak>(c); });
    REQUIRE(it != said.end());
    CHECK(std::get<cmd::Speak>(*it).keys == std::vector<std::string>{"identify.title", "identify.hint", "identify.camera_hint"});
}

TEST_CASE("consent read aloud is recorded as read aloud") {
    Driver d;
    d.toResults().on(ev::StartEnrollment{}).on(ev::OccupationChosen{"angkot"}).type("081234567890").on(ev::StepContinue{});
    d.on(ev::StepContinue{}).on(ev::StepContinue{}).type("4").on(ev::RtRwFocus{true}).type("7").on(ev::StepContinue{});
    REQUIRE(d.step() == EnrollStep::Consent);
    d.on(ev::ReadAloud{});
    const auto* say = d.issued<cmd::Speak>();
    REQUIRE(say != nullptr);
    CHECK(say->keys == std::vector<std::string>{"consent.what", "consent.who", "consent.rights"});
    d.on(ev::ConsentAccepted{});
    CHECK(d.form().form.consent->readAloud);
}
