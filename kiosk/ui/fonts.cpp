#include "ui/fonts.hpp"

#include <fstream>

#include <imgui_internal.h>

#include "ui/theme.hpp"

namespace kiosk::ui {
namespace {

// ImGui keeps a pointer to the ranges until the atlas is built; one static copy lives for the process.
ImVector<ImWchar>& glyphRanges() {
    static ImVector<ImWchar> ranges;
    return ranges;
}

}  // namespace

std::string loadFonts(Fonts& out, const core::Catalog& catalog, const std::string& regularPath,
                      const std::string& boldPath, float scale) {
    for (const std::string* p : {&regularPath, &boldPath})
        if (!std::ifstream(*p)) return "font file not found: " + *p + " (install fonts-noto-core)";

    ImGuiIO& io = ImGui::GetIO();
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(io.Fonts->GetGlyphRangesDefault());
    builder.AddText(kExtraGlyphs);
    catalog.forEachText([&](core::Lang, std::string_view, std::string_view text) {
        builder.AddText(text.data(), text.data() + text.size());
    });
    auto& ranges = glyphRanges();
    ranges.clear();
    builder.BuildRanges(&ranges);

    ImFontConfig cfg;
    cfg.OversampleH = 1;
    cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    auto add = [&](const std::string& path, float px) {
        return io.Fonts->AddFontFromFileTTF(path.c_str(), px * scale, &cfg, ranges.Data);
    };
    out.body = add(regularPath, kBodyPx);
    out.bodyBold = add(boldPath, kBodyPx);
    out.large = add(boldPath, kLargePx);
    out.title = add(boldPath, kTitlePx);
    out.display = add(boldPath, kDisplayPx);
    if (!out.body || !out.bodyBold || !out.large || !out.title || !out.display) return "font file could not be read";
    if (!io.Fonts->Build()) return "font atlas could not be built";
    return {};
}

std::vector<unsigned> missingGlyphs(const ImFont& font, const core::Catalog& catalog) {
    std::vector<unsigned> missing;
    auto check = [&](std::string_view text) {
        const char* p = text.data();
        const char* end = p + text.size();
        while (p < end) {
            unsigned int c = 0;
            const int n = ImTextCharFromUtf8(&c, p, end);
            if (n <= 0) break;
            p += n;
            if (c == '\n' || c == '\r' || c == '\t') continue;
            if (!font.FindGlyphNoFallback(static_cast<ImWchar>(c))) missing.push_back(c);
        }
    };
    catalog.forEachText([&](core::Lang, std::string_view, std::string_view text) { check(text); });
    check(kExtraGlyphs);
    return missing;
}

}  // namespace kiosk::ui
