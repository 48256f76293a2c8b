#pragma once
// The visit: one pure reducer for a worker's whole session at the kiosk (STYLE pattern 1).
//
//   Attract -> ChooseLanguage -> Identify (keypad or scan) -> ConfirmIdentity -> CheckingEligibility
//           -> Results (per program) -> Enroll (Pijar Semar form, core/enrollment.hpp) -> Saving
//           -> Receipt -> Attract, or Receipt -> Results again for the other programs (BLK and
//           mediation flows are later issues; the visit keeps the checked NIK for them).
//
// Time enters only as Tick events (monotonic milliseconds); the app sends one before each batch of
// input, so "now" is always state.nowMs. Side effects leave as Commands that app/ runs.
// Sections: screens · overlays · events · commands · reducer · helpers.
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/config.hpp"
#include "core/eligibility.hpp"
#include "core/enrollment.hpp"
#include "core/lang.hpp"
#include "core/nik.hpp"

namespace kiosk::core {

inline constexpr std::size_t kNikDigits = 16;

// ---- screens -----------------------------------------------------------------------------------
struct Attract {};
struct ChooseLanguage {};
struct Identify {
    std::string digits;                  // what the worker typed so far (shown in full while typing)
    std::vector<NikReject> rejects;      // why the last "Continue" was refused, shown beside the field
    bool scannedNotANik = false;         // the last scan carried no NIK
};
struct ConfirmIdentity {
    NikAnalysis nik;
    bool fromScan = false;
};
struct CheckingEligibility {
    NikAnalysis nik;
    std::uint64_t requestId = 0;
    std::int64_t startedMs = 0;
};
struct Results {
    NikAnalysis nik;
    EligibilityOutcome outcome;
};
struct ServiceProblem {
    NikAnalysis nik;
    ServiceError error;
};
struct Enroll {
    NikAnalysis nik;
    EligibilityOutcome outcome;
    EnrollmentForm form;
    EnrollStep step = EnrollStep::Occupation;
    bool returnToReview = false;             // editing one answer from the review screen
    std::size_t page = 0;                    // of a paginated picker
    FieldProblem problem = FieldProblem::None;  // shown beside the field of this step
    bool consentReadAloud = false;           // the consent text was read aloud on this visit
};
// The enrollment is being committed to the outbox (a local disk write: fast, but off the UI thread).
struct Saving {
    Enroll enroll;
    std::uint64_t requestId = 0;
};
// The outbox could not save (disk full, read-only): "cannot save — please see staff". Nothing already
// saved is touched; the answers stay so staff can try again once the disk is fixed.
enum class SaveProblemKind { DiskFull, ReadOnly, Other };
struct SaveProblem {
    Enroll enroll;
    SaveProblemKind kind = SaveProblemKind::Other;
};

// A submission as the receipt shows it: "Tersimpan" after the local commit, "Terkirim" after the
// central API's 2xx (never before), or refused with the server's reason code.
enum class SubmissionStatus { Saved, Sent, Refused };
enum class PrintStatus { None, Printing, Printed, NoPrinter, OutOfPaper, Failed };
struct SubmissionInfo {
    ProgramId program = ProgramId::PijarSemar;
    std::string localRef;     // L-XXXXXXXX, known from the local commit on
    std::string serverRef;    // once sent
    std::string qrPayload;    // PJR1:<ref>:<mac>, made by the app (the MAC key is not core's business)
    SubmissionStatus status = SubmissionStatus::Saved;
    std::string refusedCode;  // with Refused
    Funding funding = Funding::None;
    std::optional<int> placesLeft;
    std::string occupation;   // code, for the printed slip's "what happens next"
    PrintStatus print = PrintStatus::None;
};
// A receipt QR code was scanned: its submission's state, looked up in this kiosk's outbox and then
// at the central API (which knows a kiosk's local reference too, so any kiosk of the hall finds it).
enum class LookupOutcome { Queued, Sent, Refused, NotFound, Unavailable };
struct SubmissionLookup {
    LookupOutcome outcome = LookupOutcome::NotFound;
    std::string program;    // "pijar_semar", "blk", "mediation" when found
    std::string serverRef;  // when the central API has it
    std::string maskedNik;  // as stored (masked), when found
    std::string refusedCode;
};
struct ReceiptLookup {
    std::string reference;
    std::uint64_t requestId = 0;
    std::optional<SubmissionLookup> result;  // empty while looking
};
struct Receipt {
    std::string maskedNik;
    std::int64_t shownMs = 0;
    std::optional<SubmissionInfo> submission;
    // Kept for "other services" without typing the NIK again; wiped with the visit.
    std::optional<Results> continueWith;
};
using Screen = std::variant<Attract, ChooseLanguage, Identify, ConfirmIdentity, CheckingEligibility, Results,
                            ServiceProblem, Enroll, Saving, SaveProblem, Receipt, ReceiptLookup>;

// ---- overlays ----------------------------------------------------------------------------------
enum class Overlay { None, ConfirmHome, IdlePrompt, StaffHelp };

struct VisitState {
    Screen screen = Attract{};
    Lang lang = Lang::Id;
    Overlay overlay = Overlay::None;
    std::int64_t nowMs = 0;
    std::int64_t lastActivityMs = 0;
    std::int64_t idlePromptSinceMs = 0;
    std::uint64_t nextRequestId = 1;
    VisitSettings settings;
    // Not personal; kept across visits. Empty until the central API has answered once.
    std::vector<Occupation> occupations;
    bool occupationsFailed = false;
};

// ---- events ------------------------------------------------------------------------------------
namespace ev {
struct Tick { std::int64_t nowMs = 0; };
struct UserActivity {};                     // any touch or key, even outside a button
struct StartPressed {};
struct LanguageChosen { Lang lang = Lang::Id; };
struct BackPressed {};
struct KeypadDigit { char digit = '0'; };
struct KeypadBackspace {};
struct KeypadClear {};
struct NikSubmitted {};
struct NikScanned { std::string payload; };  // a scan event from a camera or scanner device
struct IdentityConfirmed {};
struct EligibilityArrived { std::uint64_t requestId = 0; EligibilityOutcome outcome; };
struct EligibilityFailed { std::uint64_t requestId = 0; ServiceError error; };
struct CancelChecking {};
struct RetryChecking {};
struct FinishVisit {};
struct HomePressed {};
struct HomeConfirmed {};
struct HomeDismissed {};
struct StillHere {};
// Results and staff
struct StartEnrollment {};
struct CallStaff {};
struct DismissOverlay {};
struct OccupationsArrived { std::vector<Occupation> occupations; };
struct OccupationsFailed {};
struct RetryOccupations {};
// Enrollment form (digits arrive as KeypadDigit / KeypadBackspace / KeypadClear)
struct OccupationChosen { std::string code; };
struct PageNext {};
struct PagePrevious {};
struct KecamatanChosen { std::string name; };
struct KelurahanChosen { std::string name; };
struct RtRwFocus { bool rw = false; };
struct StepContinue {};
struct SmsReminderToggled {};
struct ConsentAccepted { bool readAloud = false; };
struct ConsentDeclined {};
struct EditStep { EnrollStep step = EnrollStep::Occupation; };
struct SubmitEnrollment {};
struct RetrySave {};
// From the app
struct EnrollmentSaved { std::uint64_t requestId = 0; std::string localRef; std::string qrPayload; };
struct EnrollmentSaveFailed { std::uint64_t requestId = 0; SaveProblemKind kind = SaveProblemKind::Other; };
struct SubmissionSent { std::string localRef; std::string serverRef; };
struct SubmissionRefused { std::string localRef; std::string code; };
struct PrintFinished { std::string localRef; PrintStatus status = PrintStatus::Printed; };
struct OtherServices {};
struct RepeatPrompt {};  // the speaker button: say this screen's prompt again
struct ReadAloud {};     // read the consent text aloud
struct ReceiptScanned { std::string reference; };  // a receipt code whose MAC the app checked
struct SubmissionLookedUp { std::uint64_t requestId = 0; SubmissionLookup result; };
}  // namespace ev
using Event = std::variant<ev::Tick, ev::UserActivity, ev::StartPressed, ev::LanguageChosen, ev::BackPressed,
                           ev::KeypadDigit, ev::KeypadBackspace, ev::KeypadClear, ev::NikSubmitted, ev::NikScanned,
                           ev::IdentityConfirmed, ev::EligibilityArrived, ev::EligibilityFailed, ev::CancelChecking,
                           ev::RetryChecking, ev::FinishVisit, ev::HomePressed, ev::HomeConfirmed, ev::HomeDismissed,
                           ev::StillHere, ev::StartEnrollment, ev::CallStaff, ev::DismissOverlay,
                           ev::OccupationsArrived, ev::OccupationsFailed, ev::RetryOccupations, ev::OccupationChosen,
                           ev::PageNext, ev::PagePrevious, ev::KecamatanChosen, ev::KelurahanChosen, ev::RtRwFocus,
                           ev::StepContinue, ev::SmsReminderToggled, ev::ConsentAccepted, ev::ConsentDeclined,
                           ev::EditStep, ev::SubmitEnrollment, ev::RetrySave, ev::EnrollmentSaved,
                           ev::EnrollmentSaveFailed, ev::SubmissionSent, ev::SubmissionRefused, ev::PrintFinished,
                           ev::OtherServices, ev::ReceiptScanned, ev::SubmissionLookedUp, ev::RepeatPrompt,
                           ev::ReadAloud>;

// ---- commands ----------------------------------------------------------------------------------
namespace cmd {
struct RequestEligibility { std::uint64_t requestId = 0; std::string nik; };
struct CancelEligibility { std::uint64_t requestId = 0; };
struct WipeVisit {};  // app: clear ImGui state and any text buffers of the finished visit
struct RecordAudit { std::string kind; };  // app: one audit row (kinds in services/audit_log.hpp), no personal data
struct FetchOccupations {};
// app: commit the enrollment to the outbox (sealed), then answer EnrollmentSaved / EnrollmentSaveFailed.
// Holds personal data: the app wipes its copy once the body is sealed.
struct SaveEnrollment {
    std::uint64_t requestId = 0;
    std::string nik;
    std::string maskedNik;
    EnrollmentForm form;
};
// app: print the receipt (ESC/POS) off the UI thread, then answer PrintFinished.
struct PrintReceipt {
    Lang lang = Lang::Id;
    std::string maskedNik;
    SubmissionInfo submission;
};
// app: say these catalog texts, in the visit's language, cutting off anything still being said.
struct Speak {
    Lang lang = Lang::Id;
    std::vector<std::string> keys;
};
// app: find a submission by reference (local outbox, then the central API) -> SubmissionLookedUp.
struct LookupSubmission {
    std::uint64_t requestId = 0;
    std::string reference;
};
}  // namespace cmd
using Command = std::variant<cmd::RequestEligibility, cmd::CancelEligibility, cmd::WipeVisit, cmd::RecordAudit,
                             cmd::FetchOccupations, cmd::SaveEnrollment, cmd::PrintReceipt, cmd::LookupSubmission,
                             cmd::Speak>;

// ---- reducer -----------------------------------------------------------------------------------
struct Transition {
    VisitState state;
    std::vector<Command> commands;
};

VisitState initialVisit(const VisitSettings& settings, std::int64_t nowMs = 0);
// `today` is needed for the NIK's derived age; it enters with the event like time does.
Transition next(VisitState state, const Event& event, const CivilDate& today);

// ---- helpers -----------------------------------------------------------------------------------
// Whether leaving now would throw away something the worker typed or was shown about themselves.
bool holdsPersonalData(const VisitState& s);
// Milliseconds (monotonic) at which the reducer next needs a Tick, if ever; the app sleeps until then.
std::optional<std::int64_t> nextDeadlineMs(const VisitState& s);
// The catalog keys of what the screen asks, for speech (empty: nothing to say, e.g. Attract).
std::vector<std::string> promptKeys(const VisitState& s);
// Seconds left on the "Are you still there?" countdown (0 when not shown).
int idleSecondsLeft(const VisitState& s);
// Overwrites every personal string held by the state before it is dropped (memory hygiene, UU PDP).
void wipePersonalData(VisitState& s);
void secureWipe(std::string& s);

}  // namespace kiosk::core
