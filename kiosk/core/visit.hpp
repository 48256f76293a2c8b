#pragma once
// The visit: one pure reducer for a worker's whole session at the kiosk (STYLE pattern 1).
//
//   Attract -> ChooseLanguage -> Identify (keypad or scan) -> ConfirmIdentity -> CheckingEligibility
//           -> Results (per program) -> [program flows, later issues] -> Receipt -> Attract
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
struct Receipt {
    std::string maskedNik;
    std::int64_t shownMs = 0;
};
using Screen = std::variant<Attract, ChooseLanguage, Identify, ConfirmIdentity, CheckingEligibility, Results,
                            ServiceProblem, Receipt>;

// ---- overlays ----------------------------------------------------------------------------------
enum class Overlay { None, ConfirmHome, IdlePrompt };

struct VisitState {
    Screen screen = Attract{};
    Lang lang = Lang::Id;
    Overlay overlay = Overlay::None;
    std::int64_t nowMs = 0;
    std::int64_t lastActivityMs = 0;
    std::int64_t idlePromptSinceMs = 0;
    std::uint64_t nextRequestId = 1;
    VisitSettings settings;
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
}  // namespace ev
using Event = std::variant<ev::Tick, ev::UserActivity, ev::StartPressed, ev::LanguageChosen, ev::BackPressed,
                           ev::KeypadDigit, ev::KeypadBackspace, ev::KeypadClear, ev::NikSubmitted, ev::NikScanned,
                           ev::IdentityConfirmed, ev::EligibilityArrived, ev::EligibilityFailed, ev::CancelChecking,
                           ev::RetryChecking, ev::FinishVisit, ev::HomePressed, ev::HomeConfirmed, ev::HomeDismissed,
                           ev::StillHere>;

// ---- commands ----------------------------------------------------------------------------------
namespace cmd {
struct RequestEligibility { std::uint64_t requestId = 0; std::string nik; };
struct CancelEligibility { std::uint64_t requestId = 0; };
struct WipeVisit {};  // app: clear ImGui state and any text buffers of the finished visit
struct RecordAudit { std::string kind; };  // app: one audit row (kinds in services/audit_log.hpp), no personal data
}  // namespace cmd
using Command = std::variant<cmd::RequestEligibility, cmd::CancelEligibility, cmd::WipeVisit, cmd::RecordAudit>;

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
// Seconds left on the "Are you still there?" countdown (0 when not shown).
int idleSecondsLeft(const VisitState& s);
// Overwrites every personal string held by the state before it is dropped (memory hygiene, UU PDP).
void wipePersonalData(VisitState& s);
void secureWipe(std::string& s);

}  // namespace kiosk::core
