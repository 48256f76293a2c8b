// Golden screenshots: the real kiosk binary draws a scenario in a real window (Xvfb + Mesa
// llvmpipe), reads back the pixels and the test compares them with tests/golden/*.png.
// Rendering is byte-stable run to run; the small tolerance absorbs a Mesa point release.
// To accept a deliberate change: KIOSK_UPDATE_GOLDEN=1 ctest -R golden, then look at the PNGs.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <stb_image.h>
#include <string>

#include "services/barcode_decoder.hpp"

namespace {

namespace fs = std::filesystem;

struct Image {
    int w = 0, h = 0;
    std::unique_ptr<unsigned char, void (*)(void*)> px{nullptr, stbi_image_free};
};

Image load(const fs::path& p) {
    Image img;
    int n = 0;
    img.px.reset(stbi_load(p.c_str(), &img.w, &img.h, &n, 4));
    return img;
}

fs::path render(const std::string& scenario, const std::string& lang) {
    const fs::path out = fs::temp_directory_path() / ("kiosk_golden_" + scenario + "_" + lang + ".png");
    fs::remove(out);
    const std::string cmd = std::string("'") + KIOSK_BINARY + "' --windowed 1920x1080 --lang " + lang + " --scenario " +
                            scenario + " --screenshot '" + out.string() + "'";
    REQUIRE_MESSAGE(std::getenv("DISPLAY") != nullptr, "no DISPLAY: run the GUI tests under xvfb-run");
    const int rc = std::system(cmd.c_str());
    REQUIRE_MESSAGE(rc == 0, "kiosk exited with " << rc << " for " << cmd);
    return out;
}

// Share of pixels whose largest channel difference exceeds `threshold`.
double differingShare(const Image& a, const Image& b, int threshold) {
    const std::size_t n = static_cast<std::size_t>(a.w) * static_cast<std::size_t>(a.h);
    std::size_t differing = 0;
    for (std::size_t i = 0; i < n; ++i) {
        int worst = 0;
        for (std::size_t c = 0; c < 3; ++c)
            worst = std::max(worst, std::abs(int{a.px.get()[i * 4 + c]} - int{b.px.get()[i * 4 + c]}));
        if (worst > threshold) ++differing;
    }
    return static_cast<double>(differing) / static_cast<double>(n);
}

void checkGolden(const std::string& scenario, const std::string& lang) {
    const fs::path actualPath = render(scenario, lang);
    const fs::path goldenPath = fs::path(KIOSK_SOURCE_DIR) / "tests/golden" / (scenario + "_" + lang + ".png");
    if (std::getenv("KIOSK_UPDATE_GOLDEN")) {
        fs::copy_file(actualPath, goldenPath, fs::copy_options::overwrite_existing);
        MESSAGE("updated " << goldenPath);
    }
    const Image actual = load(actualPath);
    const Image golden = load(goldenPath);
    REQUIRE_MESSAGE(actual.px, "cannot read " << actualPath);
    REQUIRE_MESSAGE(golden.px, "cannot read " << goldenPath);
    REQUIRE(actual.w == 1920);
    REQUIRE(actual.h == 1080);
    REQUIRE(golden.w == actual.w);
    REQUIRE(golden.h == actual.h);
    const double share = differingShare(actual, golden, 24);
    INFO("actual image kept at " << actualPath);
    CHECK_MESSAGE(share <= 0.002, scenario << ": " << share * 100 << " % of pixels differ from the golden");
}

}  // namespace

TEST_CASE("golden attract screen") { checkGolden("attract", "id"); }
TEST_CASE("golden attract screen with the staff alert (the API refused the kiosk's key)") {
    checkGolden("attract_sync_paused", "id");
}
TEST_CASE("golden keypad with a half-typed NIK") { checkGolden("identify_half", "id"); }
TEST_CASE("golden confirm identity with warnings") { checkGolden("confirm_warning", "id"); }
TEST_CASE("golden results in English") { checkGolden("results_mixed", "en"); }

// Every screen of the Pijar Semar enrollment, in Indonesian and in English.
void checkBoth(const std::string& scenario) {
    checkGolden(scenario, "id");
    checkGolden(scenario, "en");
}
TEST_CASE("golden enrollment: results with the sign-up button") { checkBoth("results_apbd"); }
TEST_CASE("golden enrollment: results for a DBHCHT place") { checkBoth("results_dbhcht"); }
TEST_CASE("golden results: age over the limit, refer to staff (Indonesian)") { checkGolden("results_mixed", "id"); }
TEST_CASE("golden results: already enrolled since a date") { checkBoth("results_enrolled"); }
TEST_CASE("golden enrollment: occupation tiles") { checkBoth("enroll_occupation"); }
TEST_CASE("golden enrollment: phone number with a wrong start") { checkBoth("enroll_phone_error"); }
TEST_CASE("golden enrollment: kecamatan picker") { checkBoth("enroll_kecamatan"); }
TEST_CASE("golden enrollment: kelurahan picker") { checkBoth("enroll_kelurahan"); }
TEST_CASE("golden enrollment: RT and RW") { checkBoth("enroll_rtrw"); }
TEST_CASE("golden enrollment: consent") { checkBoth("enroll_consent"); }
TEST_CASE("golden enrollment: review") { checkBoth("enroll_review"); }
TEST_CASE("golden enrollment: saving") { checkBoth("saving"); }
TEST_CASE("golden enrollment: cannot save") { checkBoth("save_problem"); }
TEST_CASE("golden enrollment: receipt saved") { checkBoth("receipt_saved"); }
TEST_CASE("golden enrollment: receipt sent and printed") { checkBoth("receipt_sent_printed"); }
TEST_CASE("golden enrollment: receipt when the printer is out of paper") { checkBoth("receipt_out_of_paper"); }
TEST_CASE("golden enrollment: ask staff") { checkBoth("overlay_staff"); }
TEST_CASE("golden receipt look-up: saved and waiting") { checkBoth("lookup_queued"); }

TEST_CASE("the receipt QR code on screen reads back as the receipt payload") {
    // A phone or a kiosk camera must be able to read what the screen shows: decode the pixels.
    const Image img = load(render("receipt_saved", "id"));
    REQUIRE(img.px);
    kiosk::services::GreyFrame grey{img.w, img.h, {}};
    grey.pixels.resize(static_cast<std::size_t>(img.w) * static_cast<std::size_t>(img.h));
    for (std::size_t i = 0; i < grey.pixels.size(); ++i) grey.pixels[i] = img.px.get()[i * 4 + 1];
    kiosk::services::BarcodeDecoder decoder;
    const auto decoded = decoder.decode(grey);
    REQUIRE(decoded.has_value());
    CHECK(decoded->format == kiosk::services::CodeFormat::Qr);
    CHECK(decoded->text == "PJR1:L-7K3M9Q2X:3f9a0c1d5e7b2468");
}

TEST_CASE("the header is drawn in city blue and the page is not blank") {
    const Image img = load(render("attract", "id"));
    REQUIRE(img.px);
    // A pixel in the header band, left of the title: the brand colour 0B4A84.
    const unsigned char* p = img.px.get() + (static_cast<std::size_t>(10) * 1920 + 5) * 4;
    CHECK(p[0] == 0x0B);
    CHECK(p[1] == 0x4A);
    CHECK(p[2] == 0x84);
}

TEST_CASE("a typed NIK is masked on the confirm screen") {
    // The confirm screen must not show the middle digits: compare it with the same screen for a
    // NIK that differs only there; the pictures must be identical.
    const Image a = load(render("confirm_plain", "id"));
    const Image b = load(render("confirm_plain_other_middle", "id"));
    REQUIRE(a.px);
    REQUIRE(b.px);
    CHECK(differingShare(a, b, 0) == 0.0);
}
