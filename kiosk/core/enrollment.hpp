#pragma once
// The Pijar Semar enrollment form (BRIEF §2, §5): what the worker answers after the central API said
// "eligible", and the checks made where each answer is typed. Pure: standard library only.
//
// Steps, in order: occupation · phone · kecamatan · kelurahan · RT/RW · consent · review.
// Every field is checked as it is typed; a step's "Continue" is refused with the reason beside the
// field, never later on the review screen.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/eligibility.hpp"
#include "core/lang.hpp"
#include "core/wilayah.hpp"

namespace kiosk::core {

// ---- phone ---------------------------------------------------------------------------------------
// An Indonesian mobile number as typed on the keypad: "08" then 8–11 more digits (10–13 in all), the
// form the central API accepts. "628…" (the country code without "+") is read as "08…".
enum class PhoneProblem { None, Empty, NotMobile, TooShort, TooLong };
inline constexpr std::size_t kPhoneMinDigits = 10;
inline constexpr std::size_t kPhoneMaxDigits = 13;

// Checks a complete number (digits only, as the keypad builds it).
PhoneProblem checkPhone(std::string_view digits);
// What is wrong already while typing: a wrong start shows at once, shortness only on "Continue".
PhoneProblem checkPhonePrefix(std::string_view digits);
// "628123…" -> "08123…"; anything else unchanged.
std::string normalizePhone(std::string_view digits);
// 0812-3456-7890: groups of four from the left, for reading back.
std::string groupPhone(std::string_view digits);

// ---- RT / RW -------------------------------------------------------------------------------------
// Rukun tetangga / rukun warga numbers: 1–3 digits, not zero. Sent zero-padded ("004").
inline constexpr std::size_t kRtRwMaxDigits = 3;
bool isValidRtRw(std::string_view digits);
std::string padRtRw(std::string_view digits);

// ---- occupations ---------------------------------------------------------------------------------
// The central API's list (GET /pijar-semar/occupations). "other" is the kiosk's own tile: it sends the
// worker to staff, because only listed occupations are covered.
struct Occupation {
    std::string code;  // machine code, e.g. "angkot"
    LocalizedText name;
};
inline constexpr std::string_view kOtherOccupation = "other";

// ---- consent -------------------------------------------------------------------------------------
// The version of the consent text in the catalogs (keys consent.*). Change it whenever the words change:
// the central API keeps which text a worker agreed to.
inline constexpr std::string_view kConsentTextVersion = "pdp-2026-01";

struct ConsentRecord {
    Lang language = Lang::Id;
    bool readAloud = false;
    bool smsReminders = false;       // optional, off unless the worker turns it on
    bool given = false;              // "I agree" was touched (after the last change of an option)
    std::int64_t acceptedAtMs = 0;   // monotonic; the app turns it into wall-clock time when saving
};

// ---- the form ------------------------------------------------------------------------------------
enum class EnrollStep { Occupation, Phone, Kecamatan, Kelurahan, RtRw, Consent, Review };

struct EnrollmentForm {
    std::string occupation;   // code
    std::string phone;        // digits as typed
    std::string kecamatan;    // name, as the central API spells it
    std::string kelurahan;
    std::string rt, rw;       // digits as typed
    bool rwFocused = false;   // which of the two RT/RW boxes the keypad types into
    std::optional<ConsentRecord> consent;
};

// Field problems shown beside a field (catalog keys enroll.error.*).
enum class FieldProblem { None, PhoneEmpty, PhoneNotMobile, PhoneTooShort, PhoneTooLong, RtInvalid, RwInvalid, ChooseOne };
std::string_view toKey(FieldProblem p);

// The problem that keeps `step` from being left with "Continue", if any.
FieldProblem stepProblem(const EnrollmentForm& f, EnrollStep step);

// "occupation", "phone", "kecamatan", "kelurahan", "rtrw", "consent", "review" (catalog enroll.<key>.*).
const char* enrollStepKey(EnrollStep step);
// The step after `step` on the way forward.
EnrollStep nextStep(EnrollStep step);
// The step before `step`, or nullopt when "back" leaves the form (to the results).
std::optional<EnrollStep> previousStep(EnrollStep step);

// Overwrites every answer (memory hygiene, UU PDP).
void wipeForm(EnrollmentForm& f);

// Items per page of the pickers (1.86 has no touch scrolling: pages, never a scrolled list).
inline constexpr std::size_t kTilesPerPage = 8;  // occupation tiles; pageCount(): core/wilayah.hpp

}  // namespace kiosk::core
