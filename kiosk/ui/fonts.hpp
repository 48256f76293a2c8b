#pragma once
// Noto Sans from Debian's fonts-noto-core, loaded at size × scale with glyph ranges built from
// every catalog text, so no character the kiosk can show renders as '?'.
#include <string>
#include <vector>

#include <imgui.h>

#include "core/catalog.hpp"

namespace kiosk::ui {

struct Fonts {
    ImFont* body = nullptr;
    ImFont* bodyBold = nullptr;
    ImFont* large = nullptr;
    ImFont* title = nullptr;
    ImFont* display = nullptr;  // NIK digits, keypad, countdown
};

// Characters drawn outside the catalog (digits, the NIK mask bullet, separators).
inline constexpr const char* kExtraGlyphs = "0123456789 •·…/:+-–()%.,?!Rp";

// Adds the fonts to io.Fonts and builds the atlas. Returns an empty string on success, else what
// went wrong (e.g. the font file is missing) so the app can say it plainly.
std::string loadFonts(Fonts& out, const core::Catalog& catalog, const std::string& regularPath,
                      const std::string& boldPath, float scale);

// Code points of every catalog text that the given font cannot draw (empty = all present).
std::vector<unsigned> missingGlyphs(const ImFont& font, const core::Catalog& catalog);

}  // namespace kiosk::ui
