#include "ui/widgets.hpp"

#include <algorithm>

#include "ui/imgui_scope.hpp"
#include "ui/theme.hpp"

namespace kiosk::ui {
namespace {

struct Palette {
    ImU32 fill, fillActive, text, border;
};

Palette paletteFor(ButtonKind k, bool selected) {
    switch (k) {
        case ButtonKind::Primary: return {color::kBrand, color::kBrandActive, color::kOnBrand, 0};
        case ButtonKind::Danger: return {color::kBad, color::rgb(0x7A, 0x14, 0x0F), color::kOnBrand, 0};
        case ButtonKind::Quiet:
            return selected ? Palette{color::kOnBrand, color::kOnBrand, color::kBrand, color::kOnBrand}
                            : Palette{color::kBrand, color::kBrandActive, color::kOnBrand, color::kOnBrand};
        case ButtonKind::Secondary: break;
    }
    return selected ? Palette{color::kBrand, color::kBrandActive, color::kOnBrand, color::kBrand}
                    : Palette{color::kSurface, color::kSecondaryActive, color::kBrand, color::kBrand};
}

}  // namespace

void Ui::record(const char* id, ImVec2 min, ImVec2 max) const {
    if (m_targets && id && *id) m_targets->insert_or_assign(std::string(id), TapTarget{min, max});
}

bool Ui::button(const ButtonSpec& spec) const {
    ImFont* font = spec.font ? spec.font : ImGui::GetFont();
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const bool pressed = ImGui::InvisibleButton(spec.id, spec.size);
    const bool held = ImGui::IsItemActive();
    const ImVec2 max(pos.x + spec.size.x, pos.y + spec.size.y);
    record(spec.id, pos, max);

    const Palette pal = paletteFor(spec.kind, spec.selected);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float rounding = 0.45f * m_em;
    dl->AddRectFilled(pos, max, held ? pal.fillActive : pal.fill, rounding);
    if (pal.border) dl->AddRect(pos, max, pal.border, rounding, ImDrawFlags_None, std::max(2.0f, 0.09f * m_em));

    // Icon on the left when there is a label; alone and centred when there is none.
    const float iconSize = std::min(spec.size.y * 0.56f, 1.6f * m_em);
    const float pad = 0.7f * m_em;
    float textLeft = pos.x + pad;
    float textWidth = spec.size.x - 2 * pad;
    if (spec.icon != Pictogram::None && spec.iconAbove) {
        const float small = std::min(spec.size.y * 0.42f, 1.3f * m_em);
        const float fs = font->FontSize;
        const ImVec2 ts = font->CalcTextSizeA(fs, FLT_MAX, 0, spec.label.data(), spec.label.data() + spec.label.size());
        const float top = pos.y + (spec.size.y - small - 0.15f * m_em - ts.y) * 0.5f;
        drawPictogram(dl, spec.icon, ImVec2((pos.x + max.x) * 0.5f, top + small * 0.5f), small, pal.text);
        dl->AddText(font, fs, ImVec2(pos.x + (spec.size.x - ts.x) * 0.5f, top + small + 0.15f * m_em), pal.text,
                    spec.label.data(), spec.label.data() + spec.label.size());
        return pressed;
    }
    if (spec.icon != Pictogram::None) {
        if (spec.label.empty()) {
            drawPictogram(dl, spec.icon, ImVec2((pos.x + max.x) * 0.5f, (pos.y + max.y) * 0.5f), iconSize, pal.text);
            return pressed;
        }
        drawPictogram(dl, spec.icon, ImVec2(pos.x + pad + iconSize * 0.5f, (pos.y + max.y) * 0.5f), iconSize, pal.text);
        textLeft += iconSize + 0.4f * m_em;
        textWidth -= iconSize + 0.4f * m_em;
    }
    const float fontSize = font->FontSize;
    const char* begin = spec.label.data();
    const char* end = begin + spec.label.size();
    const ImVec2 textSize = font->CalcTextSizeA(fontSize, FLT_MAX, textWidth, begin, end);
    const float x = spec.icon != Pictogram::None ? textLeft : pos.x + (spec.size.x - textSize.x) * 0.5f;
    const float y = pos.y + (spec.size.y - textSize.y) * 0.5f;
    dl->AddText(font, fontSize, ImVec2(std::max(x, textLeft), y), pal.text, begin, end, textWidth);
    return pressed;
}

float Ui::text(std::string_view s, ImFont* font, ImU32 col, float width) const {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const char* begin = s.data();
    const char* end = begin + s.size();
    const ImVec2 size = font->CalcTextSizeA(font->FontSize, FLT_MAX, width, begin, end);
    ImGui::GetWindowDrawList()->AddText(font, font->FontSize, pos, col, begin, end, width);
    ImGui::Dummy(ImVec2(width, size.y));
    ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + size.y));
    return size.y;
}

float Ui::textCentered(std::string_view s, ImFont* font, ImU32 col, float x, float width) const {
    const float y = ImGui::GetCursorScreenPos().y;
    const char* begin = s.data();
    const char* end = begin + s.size();
    const ImVec2 size = font->CalcTextSizeA(font->FontSize, FLT_MAX, width, begin, end);
    // Centre each wrapped line on its own so a two-line title stays balanced.
    float lineY = y;
    const char* line = begin;
    while (line < end) {
        const char* lineEnd = font->CalcWordWrapPositionA(1.0f, line, end, width);
        if (lineEnd == line) lineEnd = line + 1;
        const ImVec2 ls = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, line, lineEnd);
        ImGui::GetWindowDrawList()->AddText(font, font->FontSize, ImVec2(x + (width - ls.x) * 0.5f, lineY), col, line,
                                            lineEnd);
        lineY += font->FontSize * 1.0f;
        line = lineEnd;
        while (line < end && (*line == ' ' || *line == '\n')) ++line;
    }
    const float h = std::max(size.y, lineY - y);
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    ImGui::Dummy(ImVec2(width, h));
    ImGui::SetCursorScreenPos(ImVec2(x, y + h));
    return h;
}

void Ui::panel(ImVec2 min, ImVec2 max, ImU32 fill, ImU32 border) const {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(min, max, fill, 0.5f * m_em);
    if (border) dl->AddRect(min, max, border, 0.5f * m_em, ImDrawFlags_None, std::max(2.0f, 0.08f * m_em));
}

}  // namespace kiosk::ui
