#pragma once
// Pictograms drawn by our own code with ImDrawList (no third-party images): for workers who read
// little, every main action and program carries a picture as well as words.
#include <imgui.h>

#include <string_view>

namespace kiosk::ui {

enum class Pictogram { None, Home, Back, Backspace, Check, Cross, Alert, Shield, Tools, Handshake, HandTap, Person, Clock, Speech, Card, Speaker };

// Draws `p` centred at `center`, fitting a square of side `size`, in `col`.
void drawPictogram(ImDrawList* dl, Pictogram p, ImVec2 center, float size, ImU32 col);
// A spinner for waits; `t` is seconds (animation is driven by the frame time the app passes).
void drawSpinner(ImDrawList* dl, ImVec2 center, float radius, float t, ImU32 col);

// Occupation pictograms for the occupation picker, keyed by the central API's occupation code
// (becak, angkot, ojek, ojek_online, juru_parkir, pedagang_kaki_lima, asongan, petani, nelayan,
// marbot, guru_ngaji, penambal_ban, serabutan, buruh_gendong, pemulung, other). Bold silhouettes
// with strokes of size/14, meant for 120–200 px on a light background: `col` draws the lines and
// dark parts, `accent` fills the main shapes. An unknown code draws the "other" picture (a question
// mark), so a new code from the API still gets a tile. Everything stays inside the square of side
// `size` centred at `center`.
void drawOccupation(ImDrawList* dl, std::string_view code, ImVec2 center, float size, ImU32 col, ImU32 accent);
// Whether `code` has its own picture ("other" does); false means drawOccupation draws "other".
bool hasOccupationPictogram(std::string_view code);

}  // namespace kiosk::ui
