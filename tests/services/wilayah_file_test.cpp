// config/semarang_wilayah.json: the shipped list (16 kecamatan 337401..337416 in order, 177
// kelurahan, the researched count per kecamatan, alphabetical, every seed person's kelurahan under
// their kecamatan) and broken files, each refused with a message naming the file and the problem.
#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "services/wilayah_file.hpp"

using namespace kiosk;

namespace {
const std::string kShipped = KIOSK_SOURCE_DIR "/config/semarang_wilayah.json";

core::Wilayah shipped() {
    auto r = services::loadWilayahFile(kShipped);
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error()));
    return *r;
}

std::string errorOf(std::string_view text) {
    auto r = services::parseWilayah(text, "wilayah.json");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().rfind("wilayah.json: ", 0) == 0);  // every message starts with the file
    return r.error();
}

bool has(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

// A valid file with one kecamatan; `kelurahan` is the JSON text of its list.
std::string oneKecamatan(const std::string& kelurahan, const std::string& code = "\"337416\"",
                         const std::string& name = "\"Tugu\"") {
    return R"({"source": "test", "version": "1", "kecamatan": [{"code": )" + code + R"(, "name": )" + name +
           R"(, "kelurahan": )" + kelurahan + "}]}";
}
}  // namespace

TEST_CASE("wilayah file: the shipped list loads") {
    const auto w = shipped();
    CHECK_FALSE(w.version.empty());
}

TEST_CASE("wilayah file: 16 kecamatan with codes 337401 to 337416 in order") {
    const auto w = shipped();
    REQUIRE(w.kecamatan.size() == 16);
    const char* names[] = {"Semarang Tengah", "Semarang Utara", "Semarang Timur", "Gayamsari",
                           "Genuk",           "Pedurungan",     "Semarang Selatan", "Candisari",
                           "Gajahmungkur",    "Tembalang",      "Banyumanik",     "Gunungpati",
                           "Semarang Barat",  "Mijen",          "Ngaliyan",       "Tugu"};
    for (std::size_t i = 0; i < 16; ++i) {
        const std::string code = "3374" + std::string(i + 1 < 10 ? "0" : "") + std::to_string(i + 1);
        CHECK(w.kecamatan[i].code == code);
        CHECK(w.kecamatan[i].name == names[i]);
        CHECK(w.findByCode(code) == &w.kecamatan[i]);
    }
}

TEST_CASE("wilayah file: 177 kelurahan with the researched count per kecamatan") {
    const auto w = shipped();
    CHECK(w.totalKelurahan() == 177);
    const std::map<std::string, std::size_t> counts = {
        {"Semarang Tengah", 15}, {"Semarang Utara", 9}, {"Semarang Timur", 10}, {"Gayamsari", 7},
        {"Genuk", 13},           {"Pedurungan", 12},    {"Semarang Selatan", 10}, {"Candisari", 7},
        {"Gajahmungkur", 8},     {"Tembalang", 12},     {"Banyumanik", 11},     {"Gunungpati", 16},
        {"Semarang Barat", 16},  {"Mijen", 14},         {"Ngaliyan", 10},       {"Tugu", 7}};
    for (const auto& [name, count] : counts) {
        CAPTURE(name);
        REQUIRE(w.find(name) != nullptr);
        CHECK(w.find(name)->kelurahan.size() == count);
    }
}

TEST_CASE("wilayah file: kelurahan are alphabetical and spelt officially") {
    const auto w = shipped();
    for (const auto& kec : w.kecamatan) {
        CAPTURE(kec.name);
        for (std::size_t i = 1; i < kec.kelurahan.size(); ++i) CHECK(kec.kelurahan[i - 1].name < kec.kelurahan[i].name);
    }
    const auto* tengah = w.find("Semarang Tengah");
    REQUIRE(tengah != nullptr);
    for (const char* k : {"Bangunharjo", "Brumbungan", "Gabahan", "Jagalan", "Karangkidul", "Kranggan",
                          "Pendrikan Kidul", "Pendrikan Lor", "Purwodinatan", "Pekunden", "Miroto", "Sekayu"}) {
        CAPTURE(k);
        CHECK(tengah->find(k) != nullptr);
    }
    CHECK(tengah->find("Pindrikan Kidul") == nullptr);
    const auto* tugu = w.find("Tugu");
    REQUIRE(tugu != nullptr);
    for (const char* k : {"Jerakah", "Tugurejo", "Karanganyar", "Randugarut", "Mangkang Wetan", "Mangunharjo",
                          "Mangkang Kulon"}) {
        CAPTURE(k);
        CHECK(tugu->find(k) != nullptr);
    }
    // Two names that really do recur in two kecamatan.
    CHECK(w.find("Semarang Utara")->find("Purwosari") != nullptr);
    CHECK(w.find("Mijen")->find("Purwosari") != nullptr);
    CHECK(w.find("Tembalang")->find("Mangunharjo") != nullptr);
}

TEST_CASE("wilayah file: every seed person in Semarang lives in a listed kelurahan of their kecamatan") {
    const auto w = shipped();
    std::ifstream in(KIOSK_SOURCE_DIR "/config/sandbox_seed.json");
    REQUIRE(in);
    const auto seed = nlohmann::json::parse(in);
    int checked = 0;
    for (const auto& person : seed.at("people")) {
        const auto& d = person.at("domicile");
        if (!d.at("in_semarang").get<bool>()) continue;
        const auto kecamatan = d.at("kecamatan").get<std::string>();
        const auto kelurahan = d.at("kelurahan").get<std::string>();
        CAPTURE(kecamatan);
        CAPTURE(kelurahan);
        const auto* kec = w.find(kecamatan);
        REQUIRE(kec != nullptr);
        CHECK(kec->find(kelurahan) != nullptr);
        ++checked;
    }
    CHECK(checked > 30);
    // The seed's quota keys (the names the central API accepts) are exactly our 16 kecamatan.
    // (nlohmann::json sorts object keys, so this compares names, not order.)
    const auto& quotas = seed.at("quotas").at("apbd_by_kecamatan");
    CHECK(quotas.size() == w.kecamatan.size());
    for (const auto& [name, quota] : quotas.items()) {
        CAPTURE(name);
        CHECK(w.find(name) != nullptr);
    }
}

TEST_CASE("wilayah file: a minimal valid file and optional kelurahan codes") {
    auto r = services::parseWilayah(oneKecamatan(R"([{"name": "Jerakah", "code": "3374161001"}, {"name": "Tugurejo"}])"),
                                    "wilayah.json");
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error()));
    REQUIRE(r->kecamatan.size() == 1);
    CHECK(r->kecamatan[0].find("Jerakah")->code == "3374161001");
    CHECK(r->kecamatan[0].find("Tugurejo")->code.empty());
    CHECK(r->version == "1");
}

TEST_CASE("wilayah file: a missing file names the file") {
    auto r = services::loadWilayahFile("/nonexistent/semarang_wilayah.json");
    REQUIRE_FALSE(r.ok());
    CHECK(has(r.error(), "/nonexistent/semarang_wilayah.json"));
    CHECK(has(r.error(), "cannot open"));
}

TEST_CASE("wilayah file: bad JSON is refused with its position") {
    const auto e = errorOf("{\"source\": \"x\",\n \"version\": }");
    CHECK(has(e, "not valid JSON"));
    CHECK(has(e, "line 2"));
    CHECK(has(errorOf(""), "not valid JSON"));
    CHECK(has(errorOf("[]"), "top level must be an object"));
}

TEST_CASE("wilayah file: a duplicate kelurahan is refused") {
    const auto e = errorOf(oneKecamatan(R"([{"name": "Jerakah"}, {"name": "Tugurejo"}, {"name": "Jerakah"}])"));
    CHECK(has(e, "kecamatan[0] (Tugu)"));
    CHECK(has(e, "kelurahan \"Jerakah\" appears twice"));
}

TEST_CASE("wilayah file: duplicate kecamatan names or codes are refused") {
    const std::string two = R"({"source": "s", "version": "1", "kecamatan": [)"
                            R"({"code": "337415", "name": "Ngaliyan", "kelurahan": [{"name": "Wates"}]},)"
                            R"({"code": "337416", "name": "Ngaliyan", "kelurahan": [{"name": "Tugurejo"}]}]})";
    CHECK(has(errorOf(two), "kecamatan[1]: kecamatan \"Ngaliyan\" appears twice"));
    const std::string sameCode = R"({"source": "s", "version": "1", "kecamatan": [)"
                                 R"({"code": "337416", "name": "Ngaliyan", "kelurahan": [{"name": "Wates"}]},)"
                                 R"({"code": "337416", "name": "Tugu", "kelurahan": [{"name": "Tugurejo"}]}]})";
    CHECK(has(errorOf(sameCode), "kecamatan code \"337416\" appears twice"));
}

TEST_CASE("wilayah file: unknown keys are refused at every level") {
    CHECK(has(errorOf(R"({"source": "s", "version": "1", "kecamatan": [], "kecamtan": []})"),
              "top level: unknown key \"kecamtan\""));
    CHECK(has(errorOf(R"({"source": "s", "version": "1", "kecamatan": [{"code": "337416", "name": "Tugu", )"
                      R"("kelurahan": [{"name": "Jerakah"}], "kota": "Semarang"}]})"),
              "kecamatan[0]: unknown key \"kota\""));
    CHECK(has(errorOf(oneKecamatan(R"([{"name": "Jerakah", "rw": 3}])")),
              "kecamatan[0] (Tugu): kelurahan[0]: unknown key \"rw\""));
}

TEST_CASE("wilayah file: a key given twice in one object is refused") {
    CHECK(has(errorOf(oneKecamatan(R"([{"name": "Jerakah", "name": "Tugurejo"}])")),
              "key \"name\" appears twice in one object"));
}

TEST_CASE("wilayah file: missing fields and wrong types are refused") {
    CHECK(has(errorOf(R"({"version": "1", "kecamatan": []})"), "top level: missing \"source\""));
    CHECK(has(errorOf(R"({"source": "s", "kecamatan": []})"), "top level: missing \"version\""));
    CHECK(has(errorOf(R"({"source": "s", "version": 1, "kecamatan": []})"), "\"version\" must be a string"));
    CHECK(has(errorOf(R"({"source": "s", "version": "1", "kecamatan": []})"), "no kecamatan"));
    CHECK(has(errorOf(R"({"source": "s", "version": "1", "kecamatan": {}})"), "\"kecamatan\" must be an array"));
    CHECK(has(errorOf(oneKecamatan("[]")), "kecamatan[0] (Tugu): has no kelurahan"));
    CHECK(has(errorOf(oneKecamatan("\"Jerakah\"")), "\"kelurahan\" must be an array"));
    CHECK(has(errorOf(oneKecamatan(R"(["Jerakah"])")), "kelurahan[0]: must be an object"));
    CHECK(has(errorOf(oneKecamatan(R"([{"code": "3374161001"}])")), "kelurahan[0]: missing \"name\""));
    CHECK(has(errorOf(oneKecamatan(R"([{"name": 7}])")), "\"name\" must be a string"));
}

TEST_CASE("wilayah file: empty and malformed names are refused") {
    CHECK(has(errorOf(oneKecamatan(R"([{"name": ""}])")), "kelurahan[0]: name is empty"));
    CHECK(has(errorOf(oneKecamatan(R"([{"name": "Jerakah"}])", "\"337416\"", "\"\"")), "kecamatan[0]: name is empty"));
    CHECK(has(errorOf(oneKecamatan("[{\"name\": \"" + std::string(41, 'a') + "\"}]")), "longer than 40 bytes"));
    CHECK(services::parseWilayah(oneKecamatan("[{\"name\": \"" + std::string(40, 'a') + "\"}]"), "w").ok());
    // 40 bytes but 20 letters: the limit is in bytes (what the API stores), not characters.
    std::string twoByte;
    for (int i = 0; i < 21; ++i) twoByte += "\xC3\xA9";  // é
    CHECK(has(errorOf(oneKecamatan("[{\"name\": \"" + twoByte + "\"}]")), "longer than 40 bytes"));
    CHECK(has(errorOf(oneKecamatan(R"([{"name": "Jera\tkah"}])")), "control character"));
    CHECK(has(errorOf(oneKecamatan(R"([{"name": "Jera\u0085kah"}])")), "control character"));
    CHECK(has(errorOf(oneKecamatan(R"([{"name": " Jerakah"}])")), "leading, trailing or doubled spaces"));
    CHECK(has(errorOf(oneKecamatan(R"([{"name": "Mangkang  Kulon"}])")), "leading, trailing or doubled spaces"));
    CHECK(has(errorOf(oneKecamatan("[{\"name\": \"Jera\xC0\xAFkah\"}]")), "not valid"));  // overlong '/'
    CHECK(services::parseWilayah(oneKecamatan(R"([{"name": "Jérakah"}])"), "w").ok());  // UTF-8 letters are fine
}

TEST_CASE("wilayah file: wrong kecamatan and kelurahan codes are refused") {
    for (const char* code : {"\"332201\"", "\"33741\"", "\"3374160\"", "\"33741a\"", "\"337400\"", "337416", "\"\""}) {
        CAPTURE(code);
        const auto e = errorOf(oneKecamatan(R"([{"name": "Jerakah"}])", code));
        CHECK((has(e, "must be six digits 3374KK") || has(e, "must be a string")));
    }
    CHECK(has(errorOf(oneKecamatan(R"([{"name": "Jerakah", "code": "3374151001"}])")),
              "(Jerakah): code \"3374151001\" must be 10 digits starting with 337416"));
    CHECK(has(errorOf(oneKecamatan(R"([{"name": "Jerakah", "code": "337416100"}])")), "must be 10 digits"));
    CHECK(has(errorOf(oneKecamatan(R"([{"name": "Jerakah", "code": "3374161001"}, {"name": "Tugurejo", "code": "3374161001"}])")),
              "kelurahan code \"3374161001\" appears twice"));
}

TEST_CASE("wilayah file: a file over 1 MiB is refused before parsing") {
    const std::string huge = oneKecamatan("[{\"name\": \"Jerakah\"}]") + std::string(1 << 20, ' ');
    CHECK(has(errorOf(huge), "larger than"));
}
