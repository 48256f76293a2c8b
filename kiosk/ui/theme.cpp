#include "ui/theme.hpp"

namespace kiosk::ui {

void applyTheme(float scale) {
    ImGuiStyle style;
    ImGui::StyleColorsLight(&style);
    style.WindowPadding = ImVec2(0, 0);
    style.WindowBorderSize = 0;
    style.WindowRounding = 0;
    style.FrameRounding = 14;
    style.FramePadding = ImVec2(16, 12);
    style.ItemSpacing = ImVec2(16, 16);
    style.ChildRounding = 18;
    style.ChildBorderSize = 0;
    style.FrameBorderSize = 0;
    style.ScrollbarSize = 0;  // nothing scrolls at a kiosk: screens paginate
    style.AntiAliasedFill = true;
    style.AntiAliasedLines = true;
    style.TouchExtraPadding = ImVec2(4, 4);

    auto v = [](ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); };
    style.Colors[ImGuiCol_WindowBg] = v(color::kBackground);
    style.Colors[ImGuiCol_ChildBg] = v(color::kSurface);
    style.Colors[ImGuiCol_Text] = v(color::kText);
    style.Colors[ImGuiCol_Button] = v(color::kBrand);
    style.Colors[ImGuiCol_ButtonHovered] = v(color::kBrand);  // touch: no hover state
    style.Colors[ImGuiCol_ButtonActive] = v(color::kBrandActive);
    style.Colors[ImGuiCol_Border] = v(color::kOutline);
    style.Colors[ImGuiCol_ModalWindowDimBg] = v(color::kScrim);

    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
}

}  // namespace kiosk::ui
