#include "core/nik.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <utility>

// Sections: private (calendar helper, tables, digit helpers, analysis steps), then public:
// 1. calendar  2. lookups and formatting  3. analysis

namespace kiosk::core {
namespace {

using CodeName = std::pair<std::string_view, std::string_view>;

// ---------------------------------------------------------------- calendar helper

int daysInMonth(int year, int month) {
    constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && isLeapYear(year)) {
        return 29;
    }
    return kDays[static_cast<std::size_t>(month - 1)];
}

// ---------------------------------------------------------------- tables

// Kemendagri codes (Permendagri 72/2019, Kepmendagri 2022 for the new Papua provinces).
// Note: BPS numbers the Papua provinces differently; NIKs use the Kemendagri numbering.
constexpr std::array<CodeName, 38> kProvinces = {{
    {"11", "Aceh"},
    {"12", "Sumatera Utara"},
    {"13", "Sumatera Barat"},
    {"14", "Riau"},
    {"15", "Jambi"},
    {"16", "Sumatera Selatan"},
    {"17", "Bengkulu"},
    {"18", "Lampung"},
    {"19", "Kepulauan Bangka Belitung"},
    {"21", "Kepulauan Riau"},
    {"31", "DKI Jakarta"},
    {"32", "Jawa Barat"},
    {"33", "Jawa Tengah"},
    {"34", "DI Yogyakarta"},
    {"35", "Jawa Timur"},
    {"36", "Banten"},
    {"51", "Bali"},
    {"52", "Nusa Tenggara Barat"},
    {"53", "Nusa Tenggara Timur"},
    {"61", "Kalimantan Barat"},
    {"62", "Kalimantan Tengah"},
    {"63", "Kalimantan Selatan"},
    {"64", "Kalimantan Timur"},
    {"65", "Kalimantan Utara"},
    {"71", "Sulawesi Utara"},
    {"72", "Sulawesi Tengah"},
    {"73", "Sulawesi Selatan"},
    {"74", "Sulawesi Tenggara"},
    {"75", "Gorontalo"},
    {"76", "Sulawesi Barat"},
    {"81", "Maluku"},
    {"82", "Maluku Utara"},
    {"91", "Papua"},
    {"92", "Papua Barat"},
    {"93", "Papua Selatan"},
    {"94", "Papua Tengah"},
    {"95", "Papua Pegunungan"},
    {"96", "Papua Barat Daya"},
}};

// Kota Semarang, kecamatan codes 01..16 in order (BRIEF §3).
constexpr std::array<std::string_view, 16> kSemarangKecamatan = {
    "Semarang Tengah", "Semarang Utara", "Semarang Timur", "Gayamsari",
    "Genuk",           "Pedurungan",     "Semarang Selatan", "Candisari",
    "Gajahmungkur",    "Tembalang",      "Banyumanik",     "Gunungpati",
    "Semarang Barat",  "Mijen",          "Ngaliyan",       "Tugu",
};

constexpr std::string_view kBullets4 = "\u2022\u2022\u2022\u2022";
constexpr std::size_t kNikLength = 16;

// ---------------------------------------------------------------- digit helpers

bool isDigit(char c) { return c >= '0' && c <= '9'; }

bool isAllDigits(std::string_view s) { return std::all_of(s.begin(), s.end(), isDigit); }

// Precondition: `s` holds only ASCII digits.
int toNumber(std::string_view s) {
    int value = 0;
    for (char c : s) {
        value = value * 10 + (c - '0');
    }
    return value;
}

bool isSeparator(char c) { return c == ' ' || c == '.' || c == '-'; }

// The six numeric fields of a 16-digit NIK.
struct NikFields {
    std::string_view province;
    std::string_view regency;   // two digits after the province
    std::string_view kecamatan; // two digits after the regency
    int dayCode = 0;
    int month = 0;
    int yy = 0;
    int serial = 0;
};

NikFields splitFields(std::string_view d) {
    return NikFields{d.substr(0, 2),          d.substr(2, 2),          d.substr(4, 2),
                     toNumber(d.substr(6, 2)), toNumber(d.substr(8, 2)), toNumber(d.substr(10, 2)),
                     toNumber(d.substr(12, 4))};
}

bool isMaleDayCode(int dayCode) { return dayCode >= 1 && dayCode <= 31; }
bool isFemaleDayCode(int dayCode) {
    return dayCode >= 1 + kFemaleDayOffset && dayCode <= 31 + kFemaleDayOffset;
}

std::vector<CivilDate> dateCandidates(int day, int month, int yy) {
    std::vector<CivilDate> out;
    for (int century : {1900, 2000}) {
        const CivilDate date{century + yy, month, day};
        if (isValidDate(date)) {
            out.push_back(date);
        }
    }
    return out;
}

std::optional<CivilDate> latestNotAfter(const std::vector<CivilDate>& candidates, const CivilDate& today) {
    std::optional<CivilDate> best;
    for (const CivilDate& date : candidates) {
        if (date <= today) {
            best = date;
        }
    }
    return best;
}

// Regency or kecamatan "00", or a Kota Semarang kecamatan beyond the 16 that exist.
bool hasUnknownArea(const NikAnalysis& a, const NikFields& f) {
    if (f.regency == "00" || f.kecamatan == "00") {
        return true;
    }
    return a.regencyCode == kKotaSemarangCode && !a.kecamatanName;
}

// ---------------------------------------------------------------- analysis steps

void fillBirth(NikAnalysis& a, const NikFields& f, const CivilDate& today) {
    const bool male = isMaleDayCode(f.dayCode);
    const bool female = isFemaleDayCode(f.dayCode);
    const bool monthOk = f.month >= 1 && f.month <= 12;
    if (!monthOk) {
        a.rejects.push_back(NikReject::BadMonth);
    }
    if (!male && !female) {
        a.rejects.push_back(NikReject::BadDayCode);
        return;
    }
    a.sex = male ? Sex::Male : Sex::Female;
    if (!monthOk) {
        return;
    }
    const int day = female ? f.dayCode - kFemaleDayOffset : f.dayCode;
    a.birthDateCandidates = dateCandidates(day, f.month, f.yy);
    if (a.birthDateCandidates.empty()) {
        a.rejects.push_back(NikReject::NoSuchDate);
        return;
    }
    a.birthDate = latestNotAfter(a.birthDateCandidates, today);
    if (a.birthDate) {
        a.age = ageOn(*a.birthDate, today);
    }
}

void fillArea(NikAnalysis& a, const NikFields& f) {
    a.provinceCode = std::string(f.province);
    a.provinceName = std::string(provinceName(f.province));
    a.regencyCode = a.provinceCode + std::string(f.regency);
    if (const auto name = semarangKecamatanName(std::string_view(a.digits).substr(0, 6))) {
        a.kecamatanName = std::string(*name);
    }
}

void addWarnings(NikAnalysis& a, const NikFields& f) {
    if (hasUnknownArea(a, f)) {
        a.warnings.push_back(NikWarning::UnknownAreaCode);
    }
    if (a.regencyCode != kKotaSemarangCode) {
        a.warnings.push_back(NikWarning::OutsideSemarang);
    }
    if (a.regencyCode == kKabupatenSemarangCode) {
        a.warnings.push_back(NikWarning::KabupatenSemarang);
    }
    if (a.age && *a.age < kTooYoungBelowAge) {
        a.warnings.push_back(NikWarning::TooYoungMaybeKk);
    }
    if (a.age && *a.age > kImplausibleAboveAge) {
        a.warnings.push_back(NikWarning::ImplausibleAge);
    }
}

} // namespace

// ---------------------------------------------------------------- 1. calendar

bool isLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

bool isValidDate(const CivilDate& d) {
    if (d.month < 1 || d.month > 12) {
        return false;
    }
    return d.day >= 1 && d.day <= daysInMonth(d.year, d.month);
}

int ageOn(const CivilDate& birth, const CivilDate& today) {
    const int years = today.year - birth.year;
    const bool birthdayReached =
        today.month > birth.month || (today.month == birth.month && today.day >= birth.day);
    return birthdayReached ? years : years - 1;
}

// ---------------------------------------------------------------- 2. lookups and formatting

std::string normalizeNik(std::string_view raw) {
    std::string out;
    out.reserve(raw.size());
    for (char c : raw) {
        if (!isSeparator(c)) {
            out.push_back(c);
        }
    }
    return out;
}

std::string maskNik(std::string_view digits) {
    if (digits.size() != kNikLength || !isAllDigits(digits)) {
        return std::string(kBullets4) + " " + std::string(kBullets4) + " " + std::string(kBullets4) + " " +
               std::string(kBullets4);
    }
    return std::string(digits.substr(0, 4)) + " " + std::string(kBullets4) + " " + std::string(kBullets4) +
           " " + std::string(digits.substr(12, 4));
}

std::string groupNik(std::string_view digits) {
    std::string out;
    out.reserve(digits.size() + digits.size() / 4);
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && i % 4 == 0) {
            out.push_back(' ');
        }
        out.push_back(digits[i]);
    }
    return out;
}

std::string_view provinceName(std::string_view twoDigitCode) {
    for (const auto& [code, name] : kProvinces) {
        if (code == twoDigitCode) {
            return name;
        }
    }
    return {};
}

std::optional<std::string_view> semarangKecamatanName(std::string_view sixDigitCode) {
    if (sixDigitCode.size() != 6 || !isAllDigits(sixDigitCode) || sixDigitCode.substr(0, 4) != kKotaSemarangCode) {
        return std::nullopt;
    }
    const int index = toNumber(sixDigitCode.substr(4, 2));
    if (index < 1 || index > static_cast<int>(kSemarangKecamatan.size())) {
        return std::nullopt;
    }
    return kSemarangKecamatan[static_cast<std::size_t>(index - 1)];
}

// Switches without default so -Wswitch flags a new enumerator that has no key yet.
std::string_view toKey(NikReject r) {
    switch (r) {
    case NikReject::NotSixteenDigits: return "not_sixteen_digits";
    case NikReject::BadMonth: return "bad_month";
    case NikReject::BadDayCode: return "bad_day_code";
    case NikReject::NoSuchDate: return "no_such_date";
    case NikReject::SerialZero: return "serial_zero";
    case NikReject::UnknownProvince: return "unknown_province";
    }
    return "unknown_reject";
}

std::string_view toKey(NikWarning w) {
    switch (w) {
    case NikWarning::UnknownAreaCode: return "unknown_area_code";
    case NikWarning::OutsideSemarang: return "outside_semarang";
    case NikWarning::KabupatenSemarang: return "kabupaten_semarang";
    case NikWarning::TooYoungMaybeKk: return "too_young_maybe_kk";
    case NikWarning::ImplausibleAge: return "implausible_age";
    }
    return "unknown_warning";
}

// ---------------------------------------------------------------- 3. analysis

NikAnalysis analyzeNik(std::string_view raw, const CivilDate& today) {
    NikAnalysis a;
    a.digits = normalizeNik(raw);
    if (a.digits.size() != kNikLength || !isAllDigits(a.digits)) {
        a.rejects.push_back(NikReject::NotSixteenDigits);
        return a;
    }
    const NikFields fields = splitFields(a.digits);
    fillBirth(a, fields, today);
    if (fields.serial == 0) {
        a.rejects.push_back(NikReject::SerialZero);
    }
    fillArea(a, fields);
    if (a.provinceName.empty()) {
        a.rejects.push_back(NikReject::UnknownProvince);
    }
    addWarnings(a, fields);
    return a;
}

} // namespace kiosk::core
