#pragma once
// Touch widgets. Every button is at least kMinTouchPx × scale high, draws a picture where one
// helps, reacts on release (ImGui's default, which also lets a worker slide off to cancel), and
// records its rectangle in TapTargets so tests can tap it by id and check its size.
#include <map>
#include <string>
#include <string_view>

#include <imgui.h>

#include "ui/pictograms.hpp"

namespace kiosk::ui {

struct TapTarget {
    ImVec2 min;
    ImVec2 max;
    ImVec2 center() const { return ImVec2((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f); }
    ImVec2 size() const { return ImVec2(max.x - min.x, max.y - min.y); }
};
// Filled during a frame: stable id ("keypad.7", "nav.home") → where it was drawn.
using TapTargets = std::map<std::string, TapTarget, std::less<>>;

enum class ButtonKind { Primary, Secondary, Danger, Quiet };

struct ButtonSpec {
    std::string_view label;
    const char* id = "";
    ImVec2 size;
    ButtonKind kind = ButtonKind::Primary;
    Pictogram icon = Pictogram::None;
    ImFont* font = nullptr;  // nullptr = current font
    bool selected = false;   // e.g. the current language
    bool iconAbove = false;  // narrow keys: picture on top, word below
};

// Layout helpers over the current ImGui window, with em units and target recording.
class Ui {
public:
    Ui(float em, TapTargets* targets) : m_em(em), m_targets(targets) {}
    float em() const { return m_em; }
    ImVec2 em(float x, float y) const { return ImVec2(x * m_em, y * m_em); }

    bool button(const ButtonSpec& spec) const;
    // Text wrapped to `width` at the cursor; returns its height. The cursor then stands at the
    // same x on the next line, so stacked calls line up.
    float text(std::string_view s, ImFont* font, ImU32 col, float width) const;
    // Text centred horizontally in [x, x+width) at the cursor's y.
    float textCentered(std::string_view s, ImFont* font, ImU32 col, float x, float width) const;
    // A rounded panel behind a block; returns the drawing area.
    void panel(ImVec2 min, ImVec2 max, ImU32 fill, ImU32 border = 0) const;
    void record(const char* id, ImVec2 min, ImVec2 max) const;

private:
    float m_em;
    TapTargets* m_targets;
};

}  // namespace kiosk::ui
