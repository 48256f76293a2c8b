#pragma once
// The look of a public hall kiosk: light, high-contrast (text ≥ 7:1 on its background), large.
// Sizes are in em (1 em = the body font's pixel size, 34 px at 1080p and scale 1.0), so one
// scale factor moves everything together (STYLE pattern 6).
#include <imgui.h>

namespace kiosk::ui {

namespace color {
inline constexpr ImU32 rgb(unsigned r, unsigned g, unsigned b, unsigned a = 255) {
    return (a << 24) | (b << 16) | (g << 8) | r;
}
inline constexpr ImU32 kBackground = rgb(0xF6, 0xF4, 0xEF);
inline constexpr ImU32 kSurface = rgb(0xFF, 0xFF, 0xFF);
inline constexpr ImU32 kText = rgb(0x14, 0x1A, 0x21);
inline constexpr ImU32 kTextMuted = rgb(0x3D, 0x46, 0x52);    // still ≥ 7:1 on white
inline constexpr ImU32 kBrand = rgb(0x0B, 0x4A, 0x84);        // city blue: header, primary buttons
inline constexpr ImU32 kBrandActive = rgb(0x07, 0x33, 0x5C);
inline constexpr ImU32 kOnBrand = rgb(0xFF, 0xFF, 0xFF);
inline constexpr ImU32 kOutline = rgb(0x5B, 0x66, 0x73);
inline constexpr ImU32 kSecondaryActive = rgb(0xDD, 0xE4, 0xEC);
inline constexpr ImU32 kGood = rgb(0x16, 0x6B, 0x34);
inline constexpr ImU32 kGoodBg = rgb(0xE3, 0xF3, 0xE6);
inline constexpr ImU32 kWarn = rgb(0x7A, 0x4B, 0x00);
inline constexpr ImU32 kWarnBg = rgb(0xFF, 0xF1, 0xCC);
inline constexpr ImU32 kBad = rgb(0xA3, 0x1F, 0x17);
inline constexpr ImU32 kBadBg = rgb(0xFC, 0xE4, 0xE1);
inline constexpr ImU32 kInfo = rgb(0x0B, 0x4A, 0x84);
inline constexpr ImU32 kInfoBg = rgb(0xE1, 0xEC, 0xF7);
inline constexpr ImU32 kAccent = rgb(0xF4, 0xA7, 0x1D);       // pictogram fills (occupation tiles)
inline constexpr ImU32 kDemo = rgb(0xFF, 0xD2, 0x3F);         // the DEMO band: cannot be missed
inline constexpr ImU32 kScrim = rgb(0x0A, 0x0F, 0x14, 0xC8);
}  // namespace color

// Pixel sizes at scale 1.0 (1080p). Everything else is in em.
inline constexpr float kBodyPx = 34.0f;
inline constexpr float kLargePx = 46.0f;
inline constexpr float kTitlePx = 64.0f;
inline constexpr float kDisplayPx = 84.0f;
inline constexpr float kMinTouchPx = 90.0f;  // at 1080p, scale 1.0

// Applies colours, paddings and rounding, scaled once.
void applyTheme(float scale);

}  // namespace kiosk::ui
