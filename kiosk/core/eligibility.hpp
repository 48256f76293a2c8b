#pragma once
// What the central API decides about a person, as the kiosk explains it (BRIEF §2: the API decides
// eligibility and funding; the kiosk only shows the decision, its reason and the next step).
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/lang.hpp"
#include "core/nik.hpp"

namespace kiosk::core {

enum class ProgramId { PijarSemar, Blk, Mediation };
inline constexpr std::array<ProgramId, 3> kAllPrograms{ProgramId::PijarSemar, ProgramId::Blk, ProgramId::Mediation};

// Submitted is the kiosk's own: signed up at this kiosk during this visit (saved, maybe not yet sent),
// so the card neither offers the sign-up again nor claims "already enrolled".
enum class DecisionStatus { Eligible, Ineligible, AlreadyEnrolled, ReferToStaff, Submitted };
enum class Funding { None, Apbd, Dbhcht };

// A text the server already wrote in every kiosk language.
struct LocalizedText {
    std::array<std::string, kAllLangs.size()> text;
    const std::string& in(Lang l) const { return text[langIndex(l)].empty() ? text[0] : text[langIndex(l)]; }
};

struct Reason {
    std::string code;  // machine code, e.g. "age_over_limit"
    LocalizedText message;
};

struct ProgramDecision {
    ProgramId program = ProgramId::PijarSemar;
    DecisionStatus status = DecisionStatus::ReferToStaff;
    std::vector<Reason> reasons;
    Funding funding = Funding::None;      // Pijar Semar only
    std::optional<int> placesLeft;        // in the offered quota
};

struct PersonSummary {
    std::string displayName;
    std::string maskedNik;
    std::optional<CivilDate> birthDate;
    std::string kecamatan;
    std::string kelurahan;
    bool inSemarang = false;
    bool bpjsActive = false;
    std::optional<CivilDate> bpjsSince;  // covered by BPJS Ketenagakerjaan since, when the API says
};

struct EligibilityOutcome {
    PersonSummary person;
    std::array<ProgramDecision, 3> programs;
    const ProgramDecision& decision(ProgramId p) const { return programs[static_cast<std::size_t>(p)]; }
};

// One error taxonomy for everything that can go wrong talking to the central API.
enum class ServiceErrorKind { Offline, Timeout, Tls, Unauthorized, NotFound, Refused, Invalid, ServerError };
struct ServiceError {
    ServiceErrorKind kind = ServiceErrorKind::ServerError;
    std::string code;  // server's error code where one came back; never personal data
    // With Invalid "invalid_fields"/"unknown_field": the offending request fields by dotted path ("phone",
    // "consent.kiosk_id"), so a form can mark them. Names of fields, never their values.
    std::vector<std::string> fields = {};
};

}  // namespace kiosk::core
