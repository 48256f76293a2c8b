// Config: the shipped demo file loads; every kind of broken file is an error naming the line.
#include <doctest/doctest.h>

#include "services/config_file.hpp"

using namespace kiosk;

namespace {
services::ConfigError errorOf(std::string_view text) {
    auto r = services::parseConfig(text, "kiosk.toml");
    REQUIRE_FALSE(r.ok());
    return r.error();
}
}  // namespace

TEST_CASE("the shipped demo config loads") {
    auto r = services::loadConfigFile(KIOSK_SOURCE_DIR "/config/kiosk.toml");
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().describe()));
    CHECK(r->api.token == "demo-kiosk-token-01");
    CHECK(r->api.sandbox);
    CHECK(r->api.caFile.find("/config/../") != std::string::npos);  // resolved against the config folder
    CHECK(r->visit.defaultLanguage == core::Lang::Id);
    CHECK(r->languages.size() == 3);
}

constexpr std::string_view kMinimal = "[central_api]\ntoken = \"t-1\"\n";

TEST_CASE("a file with only the token gives the defaults") {
    auto r = services::parseConfig(kMinimal, "kiosk.toml");
    REQUIRE(r.ok());
    CHECK(r->api.token == "t-1");
    CHECK(r->api.baseUrl.rfind("https://", 0) == 0);
    CHECK(r->visit.idleSeconds == 60);
    CHECK(r->fullscreen);
}

TEST_CASE("values are read") {
    auto r = services::parseConfig("[kiosk]\nid = \"MPP-1\"\ndefault_language = \"en\"\n"
                                   "[visit]\nidle_seconds = 90\n[display]\nscale = 1.25\nfullscreen = false\n"
                                   "[central_api]\ntoken = \"x\"\ntotal_timeout_ms = 4000\n",
                                   "kiosk.toml");
    REQUIRE(r.ok());
    CHECK(r->kioskId == "MPP-1");
    CHECK(r->visit.defaultLanguage == core::Lang::En);
    CHECK(r->visit.idleSeconds == 90);
    CHECK(r->uiScale == doctest::Approx(1.25));
    CHECK_FALSE(r->fullscreen);
    CHECK(r->api.totalTimeoutMs == 4000);
}

TEST_CASE("a missing file is an error naming the file") {
    auto r = services::loadConfigFile("/nonexistent/kiosk.toml");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().describe().find("/nonexistent/kiosk.toml") != std::string::npos);
    CHECK(r.error().describe().find("cannot open") != std::string::npos);
}

TEST_CASE("a TOML syntax error names its line") {
    const auto e = errorOf("[kiosk]\nid = \"a\"\nidle = = 3\n");
    CHECK(e.line == 3);
    CHECK(e.describe().find("kiosk.toml:3:") == 0);
}

TEST_CASE("a wrong type names the key and its line") {
    const auto e = errorOf("[visit]\n\nidle_seconds = \"sixty\"\n");
    CHECK(e.line == 3);
    CHECK(e.message.find("visit.idle_seconds") != std::string::npos);
}

TEST_CASE("a value out of range names the allowed range") {
    const auto e = errorOf("[visit]\nidle_seconds = 2\n");
    CHECK(e.line == 2);
    CHECK(e.message.find("between 10 and 3600") != std::string::npos);
}

TEST_CASE("a misspelt key is refused rather than ignored") {
    const auto e = errorOf("[visit]\nidle_secnds = 30\n");
    CHECK(e.line == 2);
    CHECK(e.message.find("unknown key visit.idle_secnds") != std::string::npos);
}

TEST_CASE("an unknown section is refused") {
    const auto e = errorOf("[speaker]\nvolume = 5\n");
    CHECK(e.line == 1);
    CHECK(e.message.find("[speaker]") != std::string::npos);
}

TEST_CASE("an unknown language code is refused") {
    const auto e = errorOf("[kiosk]\nlanguages = [\"id\", \"fr\"]\n");
    CHECK(e.line == 2);
    CHECK(e.message.find("kiosk.languages") != std::string::npos);
}

TEST_CASE("the default language must be offered") {
    const auto e = errorOf("[kiosk]\nlanguages = [\"id\", \"en\"]\ndefault_language = \"jv\"\n");
    CHECK(e.message.find("default_language") != std::string::npos);
}

TEST_CASE("plain http to another machine is refused") {
    const auto e = errorOf("[central_api]\ntoken = \"t\"\nbase_url = \"http://10.1.2.3/api/v1\"\n");
    CHECK(e.line == 3);
    CHECK(e.message.find("https://") != std::string::npos);
}

TEST_CASE("a missing token is refused") {
    CHECK(errorOf("[central_api]\nbase_url = \"https://api.example/api/v1\"\n").message.find("token") != std::string::npos);
    CHECK(errorOf("").message.find("token") != std::string::npos);
}

TEST_CASE("binary garbage is an error not a crash") {
    const std::string garbage("\x00\xff\xfe[[[\x01\x02", 9);
    auto r = services::parseConfig(garbage, "kiosk.toml");
    CHECK_FALSE(r.ok());
}

// ---- [printer] ---------------------------------------------------------------------------------------

TEST_CASE("printer the shipped config and a file without the section have no printer") {
    auto shipped = services::loadConfigFile(KIOSK_SOURCE_DIR "/config/kiosk.toml");
    REQUIRE(shipped.ok());
    CHECK(shipped->printer.kind == "none");
    CHECK(shipped->printer.paperMm == 80);
    auto r = services::parseConfig(kMinimal, "kiosk.toml");
    REQUIRE(r.ok());
    CHECK(r->printer.kind == "none");
    CHECK(r->printer.paperMm == 80);
}

TEST_CASE("printer device and cups settings are read") {
    std::string text(kMinimal);
    auto r = services::parseConfig(text + "[printer]\nkind = \"device\"\ndevice = \"/dev/usb/lp0\"\npaper_mm = 58\n",
                                   "kiosk.toml");
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().describe()));
    CHECK(r->printer.kind == "device");
    CHECK(r->printer.device == "/dev/usb/lp0");
    CHECK(r->printer.paperMm == 58);
    r = services::parseConfig(text + "[printer]\nkind = \"cups\"\nqueue = \"Struk_MPP-1\"\n", "kiosk.toml");
    REQUIRE(r.ok());
    CHECK(r->printer.kind == "cups");
    CHECK(r->printer.queue == "Struk_MPP-1");
    CHECK(r->printer.paperMm == 80);
}

TEST_CASE("printer kind must be one of the three") {
    const auto e = errorOf("[central_api]\ntoken = \"t\"\n[printer]\n\nkind = \"usb\"\n");
    CHECK(e.line == 5);
    CHECK(e.message == "printer.kind must be one of \"none\", \"device\", \"cups\"");
}

TEST_CASE("printer paper width is 58 or 80 mm") {
    auto e = errorOf("[central_api]\ntoken = \"t\"\n[printer]\npaper_mm = 76\n");
    CHECK(e.line == 4);
    CHECK(e.message == "printer.paper_mm must be 58 or 80");
    e = errorOf("[central_api]\ntoken = \"t\"\n[printer]\npaper_mm = \"58\"\n");
    CHECK(e.message.find("printer.paper_mm must be a whole number") != std::string::npos);
}

TEST_CASE("printer device kind needs an absolute device path") {
    auto e = errorOf("[central_api]\ntoken = \"t\"\n[printer]\nkind = \"device\"\n");
    CHECK(e.line == 4);
    CHECK(e.message.find("printer.device must be set") != std::string::npos);
    e = errorOf("[central_api]\ntoken = \"t\"\n[printer]\nkind = \"device\"\ndevice = \"usb/lp0\"\n");
    CHECK(e.line == 5);
    CHECK(e.message.find("absolute path") != std::string::npos);
}

TEST_CASE("printer cups kind needs a plain queue name") {
    auto e = errorOf("[central_api]\ntoken = \"t\"\n[printer]\nkind = \"cups\"\ndevice = \"/dev/usb/lp0\"\n");
    CHECK(e.line == 4);
    CHECK(e.message.find("printer.queue must be set") != std::string::npos);
    for (const char* bad : {"-o raw", "my queue", "a/b", "q#1", "-x"}) {
        CAPTURE(bad);
        e = errorOf(std::string("[central_api]\ntoken = \"t\"\n[printer]\nkind = \"cups\"\nqueue = \"") + bad + "\"\n");
        CHECK(e.line == 5);
        CHECK(e.message.find("printer.queue must be a CUPS queue name") != std::string::npos);
    }
}

TEST_CASE("printer a misspelt key is refused") {
    const auto e = errorOf("[central_api]\ntoken = \"t\"\n[printer]\nkind = \"none\"\npaper = 58\n");
    CHECK(e.line == 5);
    CHECK(e.message.find("unknown key printer.paper") != std::string::npos);
}

TEST_CASE("scanner NIK patterns are checked when the config is read") {
    auto r = services::parseConfig("[central_api]\ntoken = \"t\"\n[scanner]\nnik_patterns = ['NIK#(\\d{16})', '^ID:(\\d{16})$']\n",
                                   "kiosk.toml");
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().describe()));
    CHECK(r->visit.scanPatterns.size() == 2);
    auto e = errorOf("[central_api]\ntoken = \"t\"\n[scanner]\nnik_patterns = ['(\\d{16']\n");  // does not compile
    CHECK(e.line == 4);
    CHECK(e.message.find("not a usable pattern") != std::string::npos);
    e = errorOf("[central_api]\ntoken = \"t\"\n[scanner]\nnik_patterns = ['(\\d{4})(\\d{12})']\n");  // two groups
    CHECK(e.message.find("exactly one capture group") != std::string::npos);
    e = errorOf("[central_api]\ntoken = \"t\"\n[scanner]\nnik_patterns = \"(\\\\d{16})\"\n");  // not a list
    CHECK(e.message.find("must be a list") != std::string::npos);
}

TEST_CASE("receipt key and address data file are checked") {
    auto e = errorOf("[central_api]\ntoken = \"t\"\n[receipt]\nmac_key = \"abc\"\n");
    CHECK(e.line == 4);
    CHECK(e.message.find("receipt.mac_key must be 64 hexadecimal digits") != std::string::npos);
    e = errorOf("[central_api]\ntoken = \"t\"\n[enrollment]\nwilayah_file = \"\"\n");
    CHECK(e.message.find("enrollment.wilayah_file") != std::string::npos);
    auto r = services::loadConfigFile(KIOSK_SOURCE_DIR "/config/kiosk.toml");
    REQUIRE(r.ok());
    CHECK(r->receipt.macKeyHex.size() == 64);
    CHECK(r->enrollment.wilayahFile.find("/config/semarang_wilayah.json") != std::string::npos);
}
