#pragma once
// Internal to kiosk/ui: what every screen file shares (the per-frame context and a few layout
// pieces). Not part of the ui target's interface; include only from screen .cpp files.
#include <imgui.h>

#include <optional>
#include <string_view>

#include "core/catalog.hpp"
#include "core/visit.hpp"
#include "ui/screens.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace kiosk::ui::detail {

using core::Event;
using Intent = std::optional<Event>;
namespace ev = core::ev;

constexpr ImGuiWindowFlags kFullscreenFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                              ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoScrollWithMouse |
                                              ImGuiWindowFlags_NoBringToFrontOnFocus;

// Everything a screen needs, resolved once per frame.
struct Frame {
    const core::VisitState& state;
    const UiContext& ctx;
    Ui ui;
    ImVec2 contentMin;  // below header and demo band
    ImVec2 contentMax;
    std::string_view t(std::string_view key) const { return ctx.catalog->text(state.lang, key); }
    const Fonts& f() const { return *ctx.fonts; }
    float em() const { return ui.em(); }
    bool portrait() const { return (contentMax.x - contentMin.x) < (contentMax.y - contentMin.y); }
    float contentWidth() const { return contentMax.x - contentMin.x; }
    float contentHeight() const { return contentMax.y - contentMin.y; }
};

inline void set(Intent& out, Event e) {
    if (!out) out = std::move(e);
}

// A coloured note with an icon: warnings, errors, information. Returns its height.
float drawNote(Frame& fr, std::string_view text, ImU32 fg, ImU32 bg, Pictogram icon, float width);
// The height drawNote will take for `text` at `width` (to place a note against the bottom).
float noteHeight(const Frame& fr, std::string_view text, float width);
// Two buttons side by side, the positive one on the right (reading order ends on "yes").
void buttonPair(Frame& fr, Intent& out, ImVec2 pos, float width, const ButtonSpec& left, const Event& leftEvent,
                const ButtonSpec& right, const Event& rightEvent);
// Where a problem page's text and buttons go.
struct ProblemColumn {
    float x0;
    float width;
};
// The top of a "something went wrong" page: a centred alert pictogram in `colour`, the title, what
// happened, and the line for staff (muted). The caller adds the buttons at the bottom of the column.
ProblemColumn problemPage(Frame& fr, ImU32 colour, std::string_view title, std::string_view body, std::string_view staffLine);
// The 3×4 telephone keypad: digits, "clear" and "erase" as KeypadDigit / KeypadClear / KeypadBackspace.
void drawKeypad(Frame& fr, Intent& out, ImVec2 pos, float keyW, float keyH, float gap);

// Screens in enroll_screens.cpp.
void drawEnroll(Frame& fr, const core::Enroll& e, Intent& out);
void drawSaving(Frame& fr);
void drawSaveProblem(Frame& fr, const core::SaveProblem& p, Intent& out);
void drawSubmissionReceipt(Frame& fr, const core::Receipt& r, Intent& out);
void drawReceiptLookup(Frame& fr, const core::ReceiptLookup& l, Intent& out);

}  // namespace kiosk::ui::detail
