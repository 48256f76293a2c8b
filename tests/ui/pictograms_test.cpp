// Occupation pictograms rendered into a real framebuffer (Xvfb + Mesa llvmpipe, support/gl_canvas.hpp):
// each draws inside its square and nowhere else, no two look alike, an unknown code draws "other".
// The last case writes a contact sheet of all of them at 160 px for a person to look at
// ($TMPDIR/kiosk_occupation_pictograms.png, or KIOSK_PICTOGRAM_SHEET=path).
#include <doctest/doctest.h>

#include <stb_image_write.h>
#include <algorithm>
#include <array>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "gl_canvas.hpp"
#include "ui/pictograms.hpp"
#include "ui/theme.hpp"

namespace {

using kiosk::testing::GlCanvas;
using kiosk::testing::Rgba;
namespace color = kiosk::ui::color;

constexpr std::array<std::string_view, 16> kCodes = {
    "becak",   "angkot", "ojek",       "ojek_online",  "juru_parkir", "pedagang_kaki_lima", "asongan",  "petani",
    "nelayan", "marbot", "guru_ngaji", "penambal_ban", "serabutan",   "buruh_gendong",      "pemulung", "other"};

constexpr ImU32 kLine = color::kBrand;
constexpr ImU32 kAccent = color::rgb(0xF4, 0xA7, 0x1D);
constexpr ImU32 kPage = color::kSurface;
constexpr int kCanvas = 320;  // one pictogram at most 200 px, centred, with room around it to catch strays

Rgba renderOne(GlCanvas& canvas, std::string_view code, float size) {
    return canvas.render(kPage, [&](ImDrawList* dl) {
        kiosk::ui::drawOccupation(dl, code, ImVec2(kCanvas / 2.0f, kCanvas / 2.0f), size, kLine, kAccent);
    });
}

// Largest channel difference between two pixels.
int channelDiff(const unsigned char* a, const unsigned char* b) {
    int worst = 0;
    for (int c = 0; c < 3; ++c) worst = std::max(worst, std::abs(int{a[c]} - int{b[c]}));
    return worst;
}

struct Ink {
    long inside = 0;
    long outside = 0;
};

// Pixels that differ from the page by more than a faint antialiasing fringe, in and out of the square.
Ink inkOf(const Rgba& img, float size) {
    const unsigned char page[] = {0xFF, 0xFF, 0xFF};
    const float lo = kCanvas / 2.0f - size / 2, hi = kCanvas / 2.0f + size / 2;
    Ink ink;
    for (int y = 0; y < img.h; ++y)
        for (int x = 0; x < img.w; ++x) {
            if (channelDiff(img.at(x, y), page) <= 8) continue;
            const float fx = static_cast<float>(x) + 0.5f, fy = static_cast<float>(y) + 0.5f;
            const bool in = fx >= lo && fx < hi && fy >= lo && fy < hi;
            ++(in ? ink.inside : ink.outside);
        }
    return ink;
}

// Share of the square's pixels that differ clearly between two renders.
double differingShare(const Rgba& a, const Rgba& b, float size) {
    const int lo = static_cast<int>(kCanvas / 2.0f - size / 2), hi = static_cast<int>(kCanvas / 2.0f + size / 2);
    long differing = 0;
    for (int y = lo; y < hi; ++y)
        for (int x = lo; x < hi; ++x)
            if (channelDiff(a.at(x, y), b.at(x, y)) > 48) ++differing;
    return static_cast<double>(differing) / static_cast<double>((hi - lo) * (hi - lo));
}

}  // namespace

TEST_CASE("every occupation code has its own pictogram and unknown codes have none") {
    for (std::string_view code : kCodes) CHECK_MESSAGE(kiosk::ui::hasOccupationPictogram(code), code);
    for (std::string_view code : {"", "lurah", "Becak", "becak ", "ojek-online", "other_"})
        CHECK_MESSAGE(!kiosk::ui::hasOccupationPictogram(code), code);
}

TEST_CASE("occupation pictograms ink their square and nothing outside it") {
    GlCanvas canvas(kCanvas, kCanvas);
    for (float size : {120.0f, 160.0f, 200.0f})
        for (std::string_view code : kCodes) {
            const Ink ink = inkOf(renderOne(canvas, code, size), size);
            INFO(code << " at " << size << " px");
            CHECK(static_cast<double>(ink.inside) > 0.10 * static_cast<double>(size * size));
            CHECK(ink.outside == 0);
        }
}

TEST_CASE("every pair of occupation pictograms differs in more than 5 percent of the square") {
    GlCanvas canvas(kCanvas, kCanvas);
    constexpr float kSize = 160.0f;
    std::vector<Rgba> images;
    for (std::string_view code : kCodes) images.push_back(renderOne(canvas, code, kSize));
    double closest = 1.0;
    for (std::size_t i = 0; i < images.size(); ++i)
        for (std::size_t j = i + 1; j < images.size(); ++j) {
            const double share = differingShare(images[i], images[j], kSize);
            closest = std::min(closest, share);
            CHECK_MESSAGE(share > 0.05, kCodes[i] << " and " << kCodes[j] << " differ in only " << share * 100 << " %");
        }
    MESSAGE("closest pair differs in " << closest * 100 << " % of the square");
}

TEST_CASE("an unknown occupation code draws the other pictogram") {
    GlCanvas canvas(kCanvas, kCanvas);
    const Rgba other = renderOne(canvas, "other", 160.0f);
    for (std::string_view code : {"", "lurah", "Becak", "ojek-online"}) {
        const Rgba img = renderOne(canvas, code, 160.0f);
        CHECK_MESSAGE(img.px == other.px, "code '" << code << "'");
    }
}

TEST_CASE("contact sheet of the occupation pictograms at 160 px") {
    // Four rows of four tiles as the picker might show them, the code under each; look at it.
    // KIOSK_PICTOGRAM_PX=120 (or 200, 300…) draws the sheet at another size.
    const char* px = std::getenv("KIOSK_PICTOGRAM_PX");
    const float kSize = px ? std::clamp(std::strtof(px, nullptr), 40.0f, 400.0f) : 160.0f;
    const int kTile = static_cast<int>(kSize) + 60, kCols = 4, kRows = 4;
    GlCanvas canvas(kTile * kCols, kTile * kRows);
    const Rgba sheet = canvas.render(color::kBackground, [&](ImDrawList* dl) {
        for (std::size_t i = 0; i < kCodes.size(); ++i) {
            const float x = static_cast<float>(static_cast<int>(i) % kCols * kTile);
            const float y = static_cast<float>(static_cast<int>(i) / kCols * kTile);
            const float tile = static_cast<float>(kTile);
            dl->AddRectFilled(ImVec2(x + 6, y + 6), ImVec2(x + tile - 6, y + tile - 6), kPage, 12);
            dl->AddRect(ImVec2(x + 6, y + 6), ImVec2(x + tile - 6, y + tile - 6), color::kOutline, 12, 0, 2);
            kiosk::ui::drawOccupation(dl, kCodes[i], ImVec2(x + tile / 2, y + 12 + kSize / 2), kSize, kLine, kAccent);
            const std::string label(kCodes[i]);
            dl->AddText(ImVec2(x + 16, y + tile - 30), color::kText, label.c_str());
        }
    });
    const char* env = std::getenv("KIOSK_PICTOGRAM_SHEET");
    const std::filesystem::path out =
        env ? std::filesystem::path(env) : std::filesystem::temp_directory_path() / "kiosk_occupation_pictograms.png";
    REQUIRE(stbi_write_png(out.c_str(), sheet.w, sheet.h, 4, sheet.px.data(), sheet.w * 4) != 0);
    MESSAGE("contact sheet written to " << out);
}
