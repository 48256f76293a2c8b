#pragma once
// NIK (Nomor Induk Kependudukan) parsing: what the kiosk may conclude from the 16 digits alone.
//
// Layout (BRIEF §3): PP RR KK DD MM YY SSSS
//   PP province, RR regency/city, KK kecamatan, DD day of birth (women + 40), MM month,
//   YY two-digit year, SSSS serial from 0001. There is no check digit.
//
// Why rejects are few and warnings many: the prefix is where the NIK was first issued, not where
// the person lives, and the birth date in a NIK is never corrected. So we reject only what cannot
// be a NIK at all, and everything else (outside Kota Semarang, a child's age — often a Kartu
// Keluarga number typed by mistake, which has the same shape) is a warning the worker sees but
// never a block. Domicile and age are decided by the central API from population data.
//
// Pure: standard library only, no clocks — "today" is always a parameter so tests and the
// reducer stay deterministic. Nothing here throws.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::core {

// A proleptic Gregorian calendar date; no time zone, no validation on construction.
struct CivilDate {
    int year = 0;
    int month = 0;
    int day = 0;
    auto operator<=>(const CivilDate&) const = default;
};

bool isLeapYear(int year);
// 1 <= month <= 12 and 1 <= day <= days in that month (29 Feb only in leap years).
bool isValidDate(const CivilDate& d);
// Whole years completed on `today` (the birthday itself counts). A 29 Feb birthday completes its
// year on 1 Mar in common years. Negative if `today` is before `birth`.
int ageOn(const CivilDate& birth, const CivilDate& today);

// Order matters: analyzeNik reports rejects and warnings in enum order.
enum class NikReject { NotSixteenDigits, BadMonth, BadDayCode, NoSuchDate, SerialZero, UnknownProvince };
enum class NikWarning { UnknownAreaCode, OutsideSemarang, KabupatenSemarang, TooYoungMaybeKk, ImplausibleAge };
enum class Sex { Male, Female };

inline constexpr int kFemaleDayOffset = 40;     // women's day of birth is stored + 40
inline constexpr int kTooYoungBelowAge = 15;    // under this, suspect a Kartu Keluarga number
inline constexpr int kImplausibleAboveAge = 100;
inline constexpr std::string_view kKotaSemarangCode = "3374";
inline constexpr std::string_view kKabupatenSemarangCode = "3322"; // often confused with 3374

struct NikAnalysis {
    std::string digits;                 // normalized input (separators stripped); may be not 16 digits when rejected
    std::vector<NikReject> rejects;     // empty == the NIK can exist
    std::vector<NikWarning> warnings;   // soft: shown to the worker, never blocking
    std::optional<Sex> sex;             // from day code (women +40)
    std::vector<CivilDate> birthDateCandidates; // every real date among 19yy and 20yy, oldest first
    std::optional<CivilDate> birthDate; // the most plausible: the latest candidate not after `today`
    std::optional<int> age;             // of birthDate on `today`
    std::string provinceCode;           // "33"
    std::string provinceName;           // "Jawa Tengah" (empty if unknown)
    std::string regencyCode;            // "3374"
    std::optional<std::string> kecamatanName; // only for 3374xx with xx 01..16
    bool valid() const { return rejects.empty(); }
};

// Strip spaces, dots, dashes (and nothing else: letters stay so they cause a reject).
std::string normalizeNik(std::string_view raw);

// Contract:
// - If the normalized input is not exactly 16 ASCII digits, the result holds `digits` and the single
//   reject NotSixteenDigits; every other field stays empty.
// - Otherwise every applicable reject is listed. NoSuchDate is reported only when month and day code
//   are each in range (a bad month or day code already explains why no date exists).
// - sex is set whenever the day code is in range; candidates, birthDate and age only when a real
//   date exists. Area warnings are computed for every 16-digit input, age warnings only with an age.
NikAnalysis analyzeNik(std::string_view raw, const CivilDate& today);

// "3374 •••• •••• 0002" (U+2022 bullets, UTF-8) for a 16-digit NIK; for anything else returns "•••• •••• •••• ••••".
// Receipts and screens show only this: region and serial suffice for a person to recognise their own.
std::string maskNik(std::string_view digits);
// Groups typed digits 4-4-4-4 with single spaces, for partial input too: "337401" -> "3374 01".
// Characters are grouped as given (bytes); callers pass normalized digits. Longer input keeps grouping.
std::string groupNik(std::string_view digits);
// Kemendagri (Dukcapil) province codes, including the 2022 Papua provinces. "" if unknown.
std::string_view provinceName(std::string_view twoDigitCode); // "" if unknown
std::optional<std::string_view> semarangKecamatanName(std::string_view sixDigitCode); // "337401" -> "Semarang Tengah"
// Stable machine names for CLI/JSON output and catalog keys: "not_sixteen_digits", "bad_month", ..., "too_young_maybe_kk", ...
// Never change an existing key: stored records and translation catalogs refer to them.
std::string_view toKey(NikReject r);
std::string_view toKey(NikWarning w);

} // namespace kiosk::core
