// The language catalogs shipped in assets/: every key in every language, placeholders intact.
#include <doctest/doctest.h>

#include <regex>
#include <set>

#include "core/nik.hpp"
#include "services/catalog_file.hpp"

using namespace kiosk;

namespace {
const core::Catalog& shipped() {
    static const core::Catalog c = [] {
        auto r = services::loadCatalogs(KIOSK_SOURCE_DIR "/assets/i18n");
        REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().describe()));
        return r.value();
    }();
    return c;
}
std::set<std::string> placeholders(std::string_view text) {
    std::set<std::string> out;
    const std::string s(text);
    const std::regex re("\\{[a-z_]+\\}");
    for (auto it = std::sregex_iterator(s.begin(), s.end(), re); it != std::sregex_iterator(); ++it) out.insert(it->str());
    return out;
}
}  // namespace

TEST_CASE("every key of Bahasa Indonesia exists in English and Javanese") {
    const auto& c = shipped();
    CHECK(c.keys(core::Lang::Id).size() > 100);
    for (core::Lang l : {core::Lang::En, core::Lang::Jv}) {
        INFO("language " << core::langCode(l));
        CHECK(c.missingIn(l) == std::vector<std::string>{});
        CHECK(c.extraIn(l) == std::vector<std::string>{});
    }
}

TEST_CASE("no text is empty and placeholders match across languages") {
    const auto& c = shipped();
    for (const auto& key : c.keys(core::Lang::Id)) {
        const auto want = placeholders(c.text(core::Lang::Id, key));
        for (core::Lang l : core::kAllLangs) {
            INFO(key << " in " << core::langCode(l));
            CHECK_FALSE(c.text(l, key).empty());
            CHECK(placeholders(c.text(l, key)) == want);
        }
    }
}

TEST_CASE("every NIK reason and warning the core can give has a text") {
    const auto& c = shipped();
    for (auto r : {core::NikReject::NotSixteenDigits, core::NikReject::BadMonth, core::NikReject::BadDayCode,
                   core::NikReject::NoSuchDate, core::NikReject::SerialZero, core::NikReject::UnknownProvince})
        CHECK(c.has(core::Lang::Id, "identify.reject." + std::string(core::toKey(r))));
    for (auto w : {core::NikWarning::UnknownAreaCode, core::NikWarning::OutsideSemarang, core::NikWarning::KabupatenSemarang,
                   core::NikWarning::TooYoungMaybeKk, core::NikWarning::ImplausibleAge})
        CHECK(c.has(core::Lang::Id, "confirm.warning." + std::string(core::toKey(w))));
}

TEST_CASE("a catalog value that is not a string is an error with its line") {
    core::Catalog c;
    auto err = services::parseCatalogInto(c, core::Lang::Id, "[a]\nb = \"x\"\nc = 3\n", "id.toml");
    REQUIRE(err.has_value());
    CHECK(err->line == 3);
    CHECK(err->message.find("a.c") != std::string::npos);
}

TEST_CASE("a broken catalog file is an error with its line") {
    core::Catalog c;
    auto err = services::parseCatalogInto(c, core::Lang::Id, "[a]\nb = \"unterminated\n", "id.toml");
    REQUIRE(err.has_value());
    CHECK(err->line == 2);
}

TEST_CASE("a missing catalog folder is an error naming the file") {
    auto r = services::loadCatalogs("/nonexistent");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().path == "/nonexistent/id.toml");
}
