#pragma once
// Pictograms drawn by our own code with ImDrawList (no third-party images): for workers who read
// little, every main action and program carries a picture as well as words.
#include <imgui.h>

namespace kiosk::ui {

enum class Pictogram { None, Home, Back, Backspace, Check, Cross, Alert, Shield, Tools, Handshake, HandTap, Person, Clock, Speech, Card };

// Draws `p` centred at `center`, fitting a square of side `size`, in `col`.
void drawPictogram(ImDrawList* dl, Pictogram p, ImVec2 center, float size, ImU32 col);
// A spinner for waits; `t` is seconds (animation is driven by the frame time the app passes).
void drawSpinner(ImDrawList* dl, ImVec2 center, float radius, float t, ImU32 col);

}  // namespace kiosk::ui
