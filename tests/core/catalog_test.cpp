#include <doctest/doctest.h>

#include "core/catalog.hpp"

using namespace kiosk::core;

TEST_CASE("catalog returns the text in the chosen language") {
    Catalog c;
    c.set(Lang::Id, "a", "Halo");
    c.set(Lang::En, "a", "Hello");
    CHECK(c.text(Lang::En, "a") == "Hello");
    CHECK(c.text(Lang::Id, "a") == "Halo");
}

TEST_CASE("a missing translation falls back to Bahasa Indonesia") {
    Catalog c;
    c.set(Lang::Id, "a", "Halo");
    CHECK(c.text(Lang::Jv, "a") == "Halo");
    CHECK(c.missingIn(Lang::Jv) == std::vector<std::string>{"a"});
}

TEST_CASE("an unknown key shows itself in brackets rather than nothing") {
    Catalog c;
    CHECK(c.text(Lang::Id, "no.such.key") == "[no.such.key]");
}

TEST_CASE("extra keys in a translation are reported") {
    Catalog c;
    c.set(Lang::En, "only.en", "x");
    CHECK(c.extraIn(Lang::En) == std::vector<std::string>{"only.en"});
}

TEST_CASE("formatText fills named placeholders and leaves unknown ones") {
    CHECK(formatText("{n} dari 16 angka", {{"n", "7"}}) == "7 dari 16 angka");
    CHECK(formatText("Halo {name} {x}", {{"name", "Sri"}}) == "Halo Sri {x}");
    CHECK(formatText("no braces", {}) == "no braces");
    CHECK(formatText("unclosed {n", {{"n", "1"}}) == "unclosed {n");
}
