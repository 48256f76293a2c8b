// Tests for kiosk/core/nik: normalization, rejects, warnings, dates, formatting, tables.
// Synthetic NIKs only (serials 0001-0099 on made-up dates). Today is fixed at 30 Nov 2026.
// Test names avoid ';' and ',' because CTest splits on them.
#include "core/nik.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace kiosk::core;

constexpr CivilDate kToday{2026, 11, 30};

// Builds a synthetic NIK from its fields: area6 = province+regency+kecamatan.
std::string makeNik(std::string_view area6, std::string_view dayCode, std::string_view month,
                    std::string_view yy, std::string_view serial) {
    return std::string(area6) + std::string(dayCode) + std::string(month) + std::string(yy) +
           std::string(serial);
}

NikAnalysis analyze(std::string_view raw) { return analyzeNik(raw, kToday); }

// A clean Kota Semarang NIK: Semarang Tengah - 12 Mar 1985 - male - serial 0001.
const std::string kPlain = makeNik("337401", "12", "03", "85", "0001");

bool hasWarning(const NikAnalysis& a, NikWarning w) {
    return std::find(a.warnings.begin(), a.warnings.end(), w) != a.warnings.end();
}

} // namespace

TEST_SUITE("core nik") {

// ---------------------------------------------------------------- normalization

TEST_CASE("normalizeNik strips spaces") {
    CHECK(normalizeNik("3374 0112 0385 0001") == "3374011203850001");
    CHECK(normalizeNik("  3374011203850001  ") == "3374011203850001");
}

TEST_CASE("normalizeNik strips dots") {
    CHECK(normalizeNik("33.74.01.120385.0001") == "3374011203850001");
}

TEST_CASE("normalizeNik strips dashes") {
    CHECK(normalizeNik("3374-0112-0385-0001") == "3374011203850001");
}

TEST_CASE("normalizeNik strips mixed separators") {
    CHECK(normalizeNik(" 33.74-01 1203.85 - 0001 ") == "3374011203850001");
}

TEST_CASE("normalizeNik keeps letters and other characters") {
    CHECK(normalizeNik("3374 O112") == "3374O112");
    CHECK(normalizeNik("3374\t0112") == "3374\t0112");
    CHECK(normalizeNik("3374/0112") == "3374/0112");
    CHECK(normalizeNik("") == "");
}

TEST_CASE("analyzeNik accepts a separated NIK") {
    const NikAnalysis a = analyze("3374.0112.0385-0001");
    CHECK(a.valid());
    CHECK(a.digits == kPlain);
}

// ---------------------------------------------------------------- a clean NIK

TEST_CASE("a clean Kota Semarang NIK is fully derived") {
    const NikAnalysis a = analyze(kPlain);
    CHECK(a.valid());
    CHECK(a.rejects.empty());
    CHECK(a.warnings.empty());
    REQUIRE(a.sex.has_value());
    CHECK(*a.sex == Sex::Male);
    CHECK(a.birthDateCandidates == std::vector<CivilDate>{{1985, 3, 12}, {2085, 3, 12}});
    REQUIRE(a.birthDate.has_value());
    CHECK(*a.birthDate == CivilDate{1985, 3, 12});
    REQUIRE(a.age.has_value());
    CHECK(*a.age == 41);
    CHECK(a.provinceCode == "33");
    CHECK(a.provinceName == "Jawa Tengah");
    CHECK(a.regencyCode == "3374");
    REQUIRE(a.kecamatanName.has_value());
    CHECK(*a.kecamatanName == "Semarang Tengah");
}

TEST_CASE("serials 0001 and 0099 are accepted") {
    CHECK(analyze(makeNik("337402", "05", "06", "70", "0001")).valid());
    CHECK(analyze(makeNik("337402", "05", "06", "70", "0099")).valid());
}

// ---------------------------------------------------------------- day code and sex

TEST_CASE("women have 40 added to the day") {
    const NikAnalysis a = analyze(makeNik("337403", "52", "03", "85", "0002"));
    CHECK(a.valid());
    REQUIRE(a.sex.has_value());
    CHECK(*a.sex == Sex::Female);
    REQUIRE(a.birthDate.has_value());
    CHECK(*a.birthDate == CivilDate{1985, 3, 12});
}

TEST_CASE("day code 41 is the first of the month for a woman") {
    const NikAnalysis a = analyze(makeNik("337404", "41", "07", "92", "0003"));
    CHECK(a.valid());
    CHECK(*a.sex == Sex::Female);
    CHECK(*a.birthDate == CivilDate{1992, 7, 1});
}

TEST_CASE("every day code 41 to 71 is accepted in January") {
    for (int code = 41; code <= 71; ++code) {
        const std::string day = std::to_string(code);
        const NikAnalysis a = analyze(makeNik("337405", day, "01", "90", "0004"));
        CAPTURE(code);
        CHECK(a.valid());
        CHECK(*a.sex == Sex::Female);
        CHECK(a.birthDate->day == code - 40);
    }
}

TEST_CASE("day code 71 is the 31st for a woman") {
    const NikAnalysis a = analyze(makeNik("337406", "71", "01", "90", "0005"));
    CHECK(a.valid());
    CHECK(*a.sex == Sex::Female);
    CHECK(*a.birthDate == CivilDate{1990, 1, 31});
}

TEST_CASE("day code 31 is the 31st for a man") {
    const NikAnalysis a = analyze(makeNik("337406", "31", "12", "90", "0005"));
    CHECK(a.valid());
    CHECK(*a.sex == Sex::Male);
    CHECK(*a.birthDate == CivilDate{1990, 12, 31});
}

TEST_CASE("day code 72 is rejected") {
    const NikAnalysis a = analyze(makeNik("337407", "72", "01", "90", "0006"));
    CHECK(a.rejects == std::vector<NikReject>{NikReject::BadDayCode});
    CHECK_FALSE(a.sex.has_value());
    CHECK(a.birthDateCandidates.empty());
    CHECK_FALSE(a.birthDate.has_value());
    CHECK_FALSE(a.age.has_value());
}

TEST_CASE("day code 00 is rejected") {
    const NikAnalysis a = analyze(makeNik("337407", "00", "01", "90", "0007"));
    CHECK(a.rejects == std::vector<NikReject>{NikReject::BadDayCode});
}

TEST_CASE("day code 32 is rejected") {
    const NikAnalysis a = analyze(makeNik("337407", "32", "01", "90", "0008"));
    CHECK(a.rejects == std::vector<NikReject>{NikReject::BadDayCode});
}

TEST_CASE("day codes 32 to 40 and 72 to 99 are all rejected") {
    for (int code : {32, 35, 39, 40, 72, 80, 99}) {
        CAPTURE(code);
        const NikAnalysis a = analyze(makeNik("337407", std::to_string(code), "01", "90", "0009"));
        CHECK(a.rejects == std::vector<NikReject>{NikReject::BadDayCode});
    }
}

// ---------------------------------------------------------------- month and date

TEST_CASE("month 00 is rejected") {
    const NikAnalysis a = analyze(makeNik("337408", "10", "00", "90", "0010"));
    CHECK(a.rejects == std::vector<NikReject>{NikReject::BadMonth});
    CHECK(a.birthDateCandidates.empty());
}

TEST_CASE("month 13 is rejected without a redundant NoSuchDate") {
    const NikAnalysis a = analyze(makeNik("337408", "10", "13", "90", "0011"));
    CHECK(a.rejects == std::vector<NikReject>{NikReject::BadMonth});
    REQUIRE(a.sex.has_value());
    CHECK(*a.sex == Sex::Male);
    CHECK_FALSE(a.birthDate.has_value());
}

TEST_CASE("29 Feb with yy 00 exists only in 2000") {
    const NikAnalysis a = analyze(makeNik("337409", "29", "02", "00", "0012"));
    CHECK(a.valid());
    CHECK(a.birthDateCandidates == std::vector<CivilDate>{{2000, 2, 29}});
    CHECK(*a.birthDate == CivilDate{2000, 2, 29});
    CHECK(*a.age == 26);
}

TEST_CASE("29 Feb with yy 04 exists in 1904 and 2004 and 2004 is chosen") {
    const NikAnalysis a = analyze(makeNik("337409", "69", "02", "04", "0013"));
    CHECK(a.valid());
    CHECK(a.birthDateCandidates == std::vector<CivilDate>{{1904, 2, 29}, {2004, 2, 29}});
    CHECK(*a.birthDate == CivilDate{2004, 2, 29});
    CHECK(*a.age == 22);
    CHECK(*a.sex == Sex::Female);
}

TEST_CASE("29 Feb with yy 01 is rejected") {
    const NikAnalysis a = analyze(makeNik("337409", "29", "02", "01", "0014"));
    CHECK(a.rejects == std::vector<NikReject>{NikReject::NoSuchDate});
    CHECK(a.birthDateCandidates.empty());
    CHECK_FALSE(a.birthDate.has_value());
    CHECK_FALSE(a.age.has_value());
    CHECK(*a.sex == Sex::Male);
}

TEST_CASE("31 Apr is rejected") {
    const NikAnalysis a = analyze(makeNik("337410", "31", "04", "88", "0015"));
    CHECK(a.rejects == std::vector<NikReject>{NikReject::NoSuchDate});
}

TEST_CASE("31 Apr is rejected for a woman too") {
    const NikAnalysis a = analyze(makeNik("337410", "71", "04", "88", "0016"));
    CHECK(a.rejects == std::vector<NikReject>{NikReject::NoSuchDate});
    CHECK(*a.sex == Sex::Female);
}

TEST_CASE("30 Feb is rejected in every year") {
    const NikAnalysis a = analyze(makeNik("337410", "30", "02", "00", "0017"));
    CHECK(a.rejects == std::vector<NikReject>{NikReject::NoSuchDate});
}

// ---------------------------------------------------------------- serial and province

TEST_CASE("serial 0000 is rejected") {
    const NikAnalysis a = analyze(makeNik("337411", "15", "08", "77", "0000"));
    CHECK(a.rejects == std::vector<NikReject>{NikReject::SerialZero});
    CHECK(a.birthDate.has_value());
}

TEST_CASE("unknown province 00 is rejected") {
    const NikAnalysis a = analyze(makeNik("007401", "15", "08", "77", "0018"));
    CHECK(a.rejects == std::vector<NikReject>{NikReject::UnknownProvince});
    CHECK(a.provinceCode == "00");
    CHECK(a.provinceName.empty());
    CHECK(a.regencyCode == "0074");
    CHECK(hasWarning(a, NikWarning::OutsideSemarang));
}

TEST_CASE("unknown province 99 is rejected") {
    const NikAnalysis a = analyze(makeNik("997401", "15", "08", "77", "0019"));
    CHECK(a.rejects == std::vector<NikReject>{NikReject::UnknownProvince});
    CHECK(a.provinceName.empty());
}

// ---------------------------------------------------------------- several rejects

TEST_CASE("every applicable reject is reported in enum order") {
    const NikAnalysis a = analyze(makeNik("997401", "72", "13", "77", "0000"));
    CHECK(a.rejects == std::vector<NikReject>{NikReject::BadMonth, NikReject::BadDayCode,
                                              NikReject::SerialZero, NikReject::UnknownProvince});
    CHECK_FALSE(a.valid());
}

TEST_CASE("NoSuchDate combines with serial and province rejects") {
    const NikAnalysis a = analyze(makeNik("007401", "29", "02", "01", "0000"));
    CHECK(a.rejects == std::vector<NikReject>{NikReject::NoSuchDate, NikReject::SerialZero,
                                              NikReject::UnknownProvince});
}

TEST_CASE("bad month and bad day code together") {
    const NikAnalysis a = analyze(makeNik("337412", "00", "00", "77", "0020"));
    CHECK(a.rejects == std::vector<NikReject>{NikReject::BadMonth, NikReject::BadDayCode});
}

// ---------------------------------------------------------------- length and characters

TEST_CASE("letters are rejected as not sixteen digits") {
    const NikAnalysis a = analyze("3374O11203850001"); // letter O in place of a zero
    CHECK(a.rejects == std::vector<NikReject>{NikReject::NotSixteenDigits});
    CHECK(a.digits == "3374O11203850001");
    CHECK(a.warnings.empty());
    CHECK_FALSE(a.sex.has_value());
    CHECK(a.birthDateCandidates.empty());
    CHECK_FALSE(a.birthDate.has_value());
    CHECK_FALSE(a.age.has_value());
    CHECK(a.provinceCode.empty());
    CHECK(a.provinceName.empty());
    CHECK(a.regencyCode.empty());
    CHECK_FALSE(a.kecamatanName.has_value());
}

TEST_CASE("a word is rejected as not sixteen digits") {
    const NikAnalysis a = analyze("abc");
    CHECK(a.rejects == std::vector<NikReject>{NikReject::NotSixteenDigits});
    CHECK(a.digits == "abc");
}

TEST_CASE("15 digits are rejected") {
    const NikAnalysis a = analyze(kPlain.substr(0, 15));
    CHECK(a.rejects == std::vector<NikReject>{NikReject::NotSixteenDigits});
    CHECK(a.digits.size() == 15);
}

TEST_CASE("17 digits are rejected") {
    const NikAnalysis a = analyze(kPlain + "1");
    CHECK(a.rejects == std::vector<NikReject>{NikReject::NotSixteenDigits});
    CHECK(a.digits.size() == 17);
}

TEST_CASE("empty input is rejected") {
    const NikAnalysis a = analyze("");
    CHECK(a.rejects == std::vector<NikReject>{NikReject::NotSixteenDigits});
    CHECK(a.digits.empty());
}

TEST_CASE("separators only are rejected") {
    const NikAnalysis a = analyze(" .-. ");
    CHECK(a.rejects == std::vector<NikReject>{NikReject::NotSixteenDigits});
    CHECK(a.digits.empty());
}

// ---------------------------------------------------------------- area warnings

TEST_CASE("Kabupaten Semarang 3322 warns outside and confusable") {
    const NikAnalysis a = analyze(makeNik("332201", "12", "03", "85", "0021"));
    CHECK(a.valid());
    CHECK(a.warnings == std::vector<NikWarning>{NikWarning::OutsideSemarang, NikWarning::KabupatenSemarang});
    CHECK(a.provinceName == "Jawa Tengah");
    CHECK(a.regencyCode == "3322");
    CHECK_FALSE(a.kecamatanName.has_value());
}

TEST_CASE("Jakarta Pusat 3171 warns outside Semarang only") {
    const NikAnalysis a = analyze(makeNik("317101", "12", "03", "85", "0022"));
    CHECK(a.valid());
    CHECK(a.warnings == std::vector<NikWarning>{NikWarning::OutsideSemarang});
    CHECK(a.provinceName == "DKI Jakarta");
}

TEST_CASE("Kota Semarang kecamatan 17 warns unknown area") {
    const NikAnalysis a = analyze(makeNik("337417", "12", "03", "85", "0023"));
    CHECK(a.valid());
    CHECK(a.warnings == std::vector<NikWarning>{NikWarning::UnknownAreaCode});
    CHECK_FALSE(a.kecamatanName.has_value());
}

TEST_CASE("Kota Semarang kecamatan 99 warns unknown area") {
    const NikAnalysis a = analyze(makeNik("337499", "12", "03", "85", "0024"));
    CHECK(a.warnings == std::vector<NikWarning>{NikWarning::UnknownAreaCode});
}

TEST_CASE("kecamatan 00 warns unknown area") {
    const NikAnalysis a = analyze(makeNik("337400", "12", "03", "85", "0025"));
    CHECK(a.valid());
    CHECK(a.warnings == std::vector<NikWarning>{NikWarning::UnknownAreaCode});
}

TEST_CASE("regency 00 warns unknown area and outside Semarang") {
    const NikAnalysis a = analyze(makeNik("330001", "12", "03", "85", "0026"));
    CHECK(a.valid());
    CHECK(a.warnings == std::vector<NikWarning>{NikWarning::UnknownAreaCode, NikWarning::OutsideSemarang});
}

TEST_CASE("warnings never block") {
    const NikAnalysis a = analyze(makeNik("332200", "01", "06", "15", "0027"));
    CHECK(a.valid());
    CHECK(a.warnings == std::vector<NikWarning>{NikWarning::UnknownAreaCode, NikWarning::OutsideSemarang,
                                                NikWarning::KabupatenSemarang, NikWarning::TooYoungMaybeKk});
}

// ---------------------------------------------------------------- age

TEST_CASE("age under 15 warns of a possible Kartu Keluarga number") {
    const NikAnalysis a = analyze(makeNik("337413", "01", "06", "15", "0028"));
    CHECK(a.valid());
    CHECK(*a.birthDate == CivilDate{2015, 6, 1});
    CHECK(*a.age == 11);
    CHECK(a.warnings == std::vector<NikWarning>{NikWarning::TooYoungMaybeKk});
}

TEST_CASE("age 15 on the birthday does not warn but the day after the cutoff does") {
    const NikAnalysis fifteen = analyze(makeNik("337413", "30", "11", "11", "0029"));
    CHECK(*fifteen.age == 15);
    CHECK_FALSE(hasWarning(fifteen, NikWarning::TooYoungMaybeKk));
    const NikAnalysis fourteen = analyze(makeNik("337413", "01", "12", "11", "0030"));
    CHECK(*fourteen.age == 14);
    CHECK(hasWarning(fourteen, NikWarning::TooYoungMaybeKk));
}

TEST_CASE("a 20yy date after today falls back to 19yy") {
    const NikAnalysis a = analyze(makeNik("337414", "01", "12", "26", "0031"));
    CHECK(a.valid());
    CHECK(a.birthDateCandidates == std::vector<CivilDate>{{1926, 12, 1}, {2026, 12, 1}});
    CHECK(*a.birthDate == CivilDate{1926, 12, 1});
    CHECK(*a.age == 99);
    CHECK(a.warnings.empty());
}

TEST_CASE("a 20yy date on today is kept") {
    const NikAnalysis a = analyze(makeNik("337414", "30", "11", "26", "0032"));
    CHECK(*a.birthDate == CivilDate{2026, 11, 30});
    CHECK(*a.age == 0);
    CHECK(hasWarning(a, NikWarning::TooYoungMaybeKk));
}

TEST_CASE("yy 99 is read as 1999") {
    const NikAnalysis a = analyze(makeNik("337415", "17", "08", "99", "0033"));
    CHECK(*a.birthDate == CivilDate{1999, 8, 17});
    CHECK(*a.age == 27);
}

TEST_CASE("age is computed on the birthday and the day before") {
    const NikAnalysis onBirthday = analyze(makeNik("337416", "30", "11", "90", "0034"));
    CHECK(*onBirthday.age == 36);
    const NikAnalysis dayBefore = analyze(makeNik("337416", "01", "12", "90", "0035"));
    CHECK(*dayBefore.age == 35);
    CHECK(ageOn({1990, 11, 30}, kToday) == 36);
    CHECK(ageOn({1990, 12, 1}, kToday) == 35);
    CHECK(ageOn({1990, 11, 29}, kToday) == 36);
}

TEST_CASE("a 29 Feb birthday completes its year on 1 Mar in common years") {
    CHECK(ageOn({2004, 2, 29}, {2027, 2, 28}) == 22);
    CHECK(ageOn({2004, 2, 29}, {2027, 3, 1}) == 23);
    CHECK(ageOn({2004, 2, 29}, {2028, 2, 29}) == 24);
}

TEST_CASE("implausible age cannot arise before 2100 with today in 2026") {
    // The latest candidate not after today is always less than 100 years old.
    for (int yy = 0; yy <= 99; ++yy) {
        const std::string two = (yy < 10 ? "0" : "") + std::to_string(yy);
        const NikAnalysis a = analyze(makeNik("337401", "01", "01", two, "0036"));
        CAPTURE(yy);
        REQUIRE(a.age.has_value());
        CHECK(*a.age <= 99);
        CHECK_FALSE(hasWarning(a, NikWarning::ImplausibleAge));
    }
}

TEST_CASE("implausible age warns when the derived age exceeds 100") {
    // Only a today beyond 2100 can make a 20yy date over 100 years old.
    const NikAnalysis a = analyzeNik(makeNik("337401", "01", "01", "20", "0037"), {2121, 1, 2});
    CHECK(a.valid());
    CHECK(*a.age == 101);
    CHECK(a.warnings == std::vector<NikWarning>{NikWarning::ImplausibleAge});
    const NikAnalysis hundred = analyzeNik(makeNik("337401", "01", "01", "20", "0038"), {2120, 1, 1});
    CHECK(*hundred.age == 100);
    CHECK(hundred.warnings.empty());
}

// ---------------------------------------------------------------- calendar

TEST_CASE("isLeapYear follows the Gregorian rule") {
    CHECK(isLeapYear(2000));
    CHECK(isLeapYear(2004));
    CHECK(isLeapYear(1904));
    CHECK_FALSE(isLeapYear(1900));
    CHECK_FALSE(isLeapYear(2001));
    CHECK_FALSE(isLeapYear(2100));
}

TEST_CASE("isValidDate checks month and day ranges") {
    CHECK(isValidDate({2000, 2, 29}));
    CHECK_FALSE(isValidDate({1900, 2, 29}));
    CHECK(isValidDate({2026, 12, 31}));
    CHECK_FALSE(isValidDate({2026, 4, 31}));
    CHECK_FALSE(isValidDate({2026, 0, 1}));
    CHECK_FALSE(isValidDate({2026, 13, 1}));
    CHECK_FALSE(isValidDate({2026, 1, 0}));
    CHECK_FALSE(isValidDate({2026, 1, 32}));
}

TEST_CASE("CivilDate orders by year then month then day") {
    CHECK(CivilDate{1999, 12, 31} < CivilDate{2000, 1, 1});
    CHECK(CivilDate{2000, 1, 31} < CivilDate{2000, 2, 1});
    CHECK(CivilDate{2000, 2, 1} == CivilDate{2000, 2, 1});
}

// ---------------------------------------------------------------- masking and grouping

TEST_CASE("maskNik keeps region and serial of a 16-digit NIK") {
    CHECK(maskNik("3374011203850002") ==
          "3374 \u2022\u2022\u2022\u2022 \u2022\u2022\u2022\u2022 0002");
}

TEST_CASE("maskNik hides everything that is not 16 digits") {
    const std::string allHidden =
        "\u2022\u2022\u2022\u2022 \u2022\u2022\u2022\u2022 \u2022\u2022\u2022\u2022 \u2022\u2022\u2022\u2022";
    CHECK(maskNik("") == allHidden);
    CHECK(maskNik("337401120385000") == allHidden);
    CHECK(maskNik("33740112038500021") == allHidden);
    CHECK(maskNik("3374O11203850002") == allHidden);
    CHECK(maskNik("3374 0112 0385 0002") == allHidden);
}

TEST_CASE("groupNik groups partial input 4-4-4-4") {
    CHECK(groupNik("") == "");
    CHECK(groupNik("3") == "3");
    CHECK(groupNik("3374") == "3374");
    CHECK(groupNik("33740") == "3374 0");
    CHECK(groupNik("337401") == "3374 01");
    CHECK(groupNik("33740112") == "3374 0112");
    CHECK(groupNik("337401120") == "3374 0112 0");
    CHECK(groupNik("3374011203850001") == "3374 0112 0385 0001");
}

// ---------------------------------------------------------------- tables

TEST_CASE("all 16 Kota Semarang kecamatan have their names") {
    constexpr std::array<std::string_view, 16> kExpected = {
        "Semarang Tengah", "Semarang Utara", "Semarang Timur", "Gayamsari",   "Genuk",      "Pedurungan",
        "Semarang Selatan", "Candisari",     "Gajahmungkur",   "Tembalang",   "Banyumanik", "Gunungpati",
        "Semarang Barat",  "Mijen",          "Ngaliyan",       "Tugu",
    };
    for (std::size_t i = 0; i < kExpected.size(); ++i) {
        const int number = static_cast<int>(i) + 1;
        const std::string code = std::string("3374") + (number < 10 ? "0" : "") + std::to_string(number);
        CAPTURE(code);
        const auto name = semarangKecamatanName(code);
        REQUIRE(name.has_value());
        CHECK(*name == kExpected[i]);
        const NikAnalysis a = analyze(makeNik(code, "12", "03", "85", "0040"));
        REQUIRE(a.kecamatanName.has_value());
        CHECK(*a.kecamatanName == kExpected[i]);
        CHECK(a.warnings.empty());
    }
}

TEST_CASE("semarangKecamatanName rejects other codes") {
    CHECK_FALSE(semarangKecamatanName("337400").has_value());
    CHECK_FALSE(semarangKecamatanName("337417").has_value());
    CHECK_FALSE(semarangKecamatanName("332201").has_value());
    CHECK_FALSE(semarangKecamatanName("3374").has_value());
    CHECK_FALSE(semarangKecamatanName("3374011").has_value());
    CHECK_FALSE(semarangKecamatanName("33740a").has_value());
    CHECK_FALSE(semarangKecamatanName("").has_value());
}

TEST_CASE("provinceName knows Java and Sumatra") {
    CHECK(provinceName("11") == "Aceh");
    CHECK(provinceName("21") == "Kepulauan Riau");
    CHECK(provinceName("31") == "DKI Jakarta");
    CHECK(provinceName("33") == "Jawa Tengah");
    CHECK(provinceName("34") == "DI Yogyakarta");
    CHECK(provinceName("36") == "Banten");
}

TEST_CASE("provinceName knows all six Papua provinces") {
    for (std::string_view code : {"91", "92", "93", "94", "95", "96"}) {
        CAPTURE(code);
        CHECK_FALSE(provinceName(code).empty());
    }
    CHECK(provinceName("91") == "Papua");
    CHECK(provinceName("92") == "Papua Barat");
}

TEST_CASE("provinceName counts 38 provinces") {
    int known = 0;
    for (int n = 0; n <= 99; ++n) {
        const std::string code = (n < 10 ? "0" : "") + std::to_string(n);
        known += provinceName(code).empty() ? 0 : 1;
    }
    CHECK(known == 38);
}

TEST_CASE("provinceName returns empty for unknown codes") {
    CHECK(provinceName("00").empty());
    CHECK(provinceName("99").empty());
    CHECK(provinceName("20").empty());
    CHECK(provinceName("3").empty());
    CHECK(provinceName("").empty());
    CHECK(provinceName("333").empty());
}

// ---------------------------------------------------------------- keys

TEST_CASE("toKey names every reject") {
    CHECK(toKey(NikReject::NotSixteenDigits) == "not_sixteen_digits");
    CHECK(toKey(NikReject::BadMonth) == "bad_month");
    CHECK(toKey(NikReject::BadDayCode) == "bad_day_code");
    CHECK(toKey(NikReject::NoSuchDate) == "no_such_date");
    CHECK(toKey(NikReject::SerialZero) == "serial_zero");
    CHECK(toKey(NikReject::UnknownProvince) == "unknown_province");
}

TEST_CASE("toKey names every warning") {
    CHECK(toKey(NikWarning::UnknownAreaCode) == "unknown_area_code");
    CHECK(toKey(NikWarning::OutsideSemarang) == "outside_semarang");
    CHECK(toKey(NikWarning::KabupatenSemarang) == "kabupaten_semarang");
    CHECK(toKey(NikWarning::TooYoungMaybeKk) == "too_young_maybe_kk");
    CHECK(toKey(NikWarning::ImplausibleAge) == "implausible_age");
}

} // TEST_SUITE
