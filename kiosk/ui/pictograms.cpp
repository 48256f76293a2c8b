#include "ui/pictograms.hpp"

#include <algorithm>
#include <cmath>
#include <initializer_list>

namespace kiosk::ui {
namespace {

constexpr float kPi = 3.14159265f;

ImVec2 at(ImVec2 c, float s, float x, float y) { return ImVec2(c.x + x * s, c.y + y * s); }

void house(ImDrawList* dl, ImVec2 c, float s, ImU32 col, float w) {
    const ImVec2 roof[] = {at(c, s, -0.45f, -0.02f), at(c, s, 0.0f, -0.42f), at(c, s, 0.45f, -0.02f)};
    dl->AddPolyline(roof, 3, col, ImDrawFlags_None, w);
    dl->AddRect(at(c, s, -0.32f, -0.08f), at(c, s, 0.32f, 0.40f), col, 0, ImDrawFlags_None, w);
    dl->AddRectFilled(at(c, s, -0.09f, 0.14f), at(c, s, 0.09f, 0.40f), col);
}

void arrowLeft(ImDrawList* dl, ImVec2 c, float s, ImU32 col, float w) {
    dl->AddLine(at(c, s, -0.38f, 0), at(c, s, 0.38f, 0), col, w);
    const ImVec2 head[] = {at(c, s, -0.05f, -0.32f), at(c, s, -0.38f, 0), at(c, s, -0.05f, 0.32f)};
    dl->AddPolyline(head, 3, col, ImDrawFlags_None, w);
}

void backspace(ImDrawList* dl, ImVec2 c, float s, ImU32 col, float w) {
    const ImVec2 outline[] = {at(c, s, -0.45f, 0), at(c, s, -0.18f, -0.3f), at(c, s, 0.45f, -0.3f),
                              at(c, s, 0.45f, 0.3f), at(c, s, -0.18f, 0.3f)};
    dl->AddPolyline(outline, 5, col, ImDrawFlags_Closed, w);
    dl->AddLine(at(c, s, -0.02f, -0.14f), at(c, s, 0.26f, 0.14f), col, w);
    dl->AddLine(at(c, s, 0.26f, -0.14f), at(c, s, -0.02f, 0.14f), col, w);
}

void check(ImDrawList* dl, ImVec2 c, float s, ImU32 col, float w) {
    const ImVec2 pts[] = {at(c, s, -0.34f, 0.02f), at(c, s, -0.10f, 0.26f), at(c, s, 0.36f, -0.24f)};
    dl->AddPolyline(pts, 3, col, ImDrawFlags_None, w * 1.3f);
}

void cross(ImDrawList* dl, ImVec2 c, float s, ImU32 col, float w) {
    dl->AddLine(at(c, s, -0.28f, -0.28f), at(c, s, 0.28f, 0.28f), col, w * 1.3f);
    dl->AddLine(at(c, s, 0.28f, -0.28f), at(c, s, -0.28f, 0.28f), col, w * 1.3f);
}

void alert(ImDrawList* dl, ImVec2 c, float s, ImU32 col, float w) {
    const ImVec2 tri[] = {at(c, s, 0, -0.42f), at(c, s, 0.46f, 0.38f), at(c, s, -0.46f, 0.38f)};
    dl->AddPolyline(tri, 3, col, ImDrawFlags_Closed, w);
    dl->AddLine(at(c, s, 0, -0.14f), at(c, s, 0, 0.12f), col, w * 1.2f);
    dl->AddCircleFilled(at(c, s, 0, 0.25f), w * 0.8f, col);
}

void shield(ImDrawList* dl, ImVec2 c, float s, ImU32 col, float w) {
    // A shield (protection) with a person inside: social protection for a worker.
    const ImVec2 pts[] = {at(c, s, 0, -0.45f), at(c, s, 0.38f, -0.30f), at(c, s, 0.34f, 0.10f),
                          at(c, s, 0, 0.46f), at(c, s, -0.34f, 0.10f), at(c, s, -0.38f, -0.30f)};
    dl->AddPolyline(pts, 6, col, ImDrawFlags_Closed, w);
    dl->AddCircleFilled(at(c, s, 0, -0.14f), 0.09f * s, col);
    dl->PathArcTo(at(c, s, 0, 0.16f), 0.17f * s, kPi, 2 * kPi);
    dl->PathFillConvex(col);
}

void tools(ImDrawList* dl, ImVec2 c, float s, ImU32 col, float w) {
    // A wrench crossed with a screwdriver: vocational training.
    dl->AddLine(at(c, s, -0.30f, 0.32f), at(c, s, 0.18f, -0.16f), col, w * 1.4f);
    dl->AddCircle(at(c, s, 0.24f, -0.24f), 0.15f * s, col, 0, w);
    dl->AddLine(at(c, s, 0.30f, 0.32f), at(c, s, -0.12f, -0.10f), col, w * 1.4f);
    dl->AddRectFilled(at(c, s, -0.30f, -0.34f), at(c, s, -0.10f, -0.14f), col, 0.04f * s);
}

void handshake(ImDrawList* dl, ImVec2 c, float s, ImU32 col, float w) {
    // Two speech bubbles facing each other: talking it through (mediation).
    dl->AddRect(at(c, s, -0.46f, -0.36f), at(c, s, 0.06f, 0.02f), col, 0.08f * s, ImDrawFlags_None, w);
    const ImVec2 t1[] = {at(c, s, -0.34f, 0.02f), at(c, s, -0.36f, 0.18f), at(c, s, -0.20f, 0.02f)};
    dl->AddPolyline(t1, 3, col, ImDrawFlags_None, w);
    dl->AddRectFilled(at(c, s, -0.06f, -0.08f), at(c, s, 0.46f, 0.30f), col, 0.08f * s);
    const ImVec2 t2[] = {at(c, s, 0.20f, 0.30f), at(c, s, 0.36f, 0.46f), at(c, s, 0.34f, 0.30f)};
    dl->AddTriangleFilled(t2[0], t2[1], t2[2], col);
}

void handTap(ImDrawList* dl, ImVec2 c, float s, ImU32 col, float w) {
    // A finger touching, with ripples.
    dl->AddCircle(at(c, s, -0.06f, -0.30f), 0.12f * s, col, 0, w * 0.7f);
    dl->AddCircle(at(c, s, -0.06f, -0.30f), 0.22f * s, col, 0, w * 0.5f);
    dl->AddRectFilled(at(c, s, -0.12f, -0.30f), at(c, s, 0.0f, 0.10f), col, 0.06f * s);
    dl->AddRectFilled(at(c, s, -0.12f, 0.0f), at(c, s, 0.30f, 0.44f), col, 0.10f * s);
}

void person(ImDrawList* dl, ImVec2 c, float s, ImU32 col, float) {
    dl->AddCircleFilled(at(c, s, 0, -0.20f), 0.18f * s, col);
    dl->PathArcTo(at(c, s, 0, 0.42f), 0.36f * s, kPi, 2 * kPi);
    dl->PathFillConvex(col);
}

void clock(ImDrawList* dl, ImVec2 c, float s, ImU32 col, float w) {
    dl->AddCircle(c, 0.42f * s, col, 0, w);
    dl->AddLine(c, at(c, s, 0, -0.28f), col, w);
    dl->AddLine(c, at(c, s, 0.20f, 0.08f), col, w);
}

void speech(ImDrawList* dl, ImVec2 c, float s, ImU32 col, float w) {
    dl->AddRect(at(c, s, -0.42f, -0.34f), at(c, s, 0.42f, 0.20f), col, 0.1f * s, ImDrawFlags_None, w);
    const ImVec2 tail[] = {at(c, s, -0.18f, 0.20f), at(c, s, -0.26f, 0.42f), at(c, s, 0.02f, 0.20f)};
    dl->AddPolyline(tail, 3, col, ImDrawFlags_None, w);
}

void speaker(ImDrawList* dl, ImVec2 c, float s, ImU32 col, float w) {
    // A loudspeaker with two sound waves: "listen".
    const ImVec2 body[] = {at(c, s, -0.42f, -0.12f), at(c, s, -0.24f, -0.12f), at(c, s, -0.02f, -0.32f),
                           at(c, s, -0.02f, 0.32f), at(c, s, -0.24f, 0.12f), at(c, s, -0.42f, 0.12f)};
    dl->AddConvexPolyFilled(body, 6, col);
    for (float r : {0.2f, 0.36f}) {
        dl->PathArcTo(at(c, s, 0.02f, 0.0f), r * s, -0.9f, 0.9f, 16);
        dl->PathStroke(col, ImDrawFlags_None, w);
    }
}

void card(ImDrawList* dl, ImVec2 c, float s, ImU32 col, float w) {
    // An identity card: photo box and lines of text.
    dl->AddRect(at(c, s, -0.46f, -0.30f), at(c, s, 0.46f, 0.30f), col, 0.06f * s, ImDrawFlags_None, w);
    dl->AddRectFilled(at(c, s, 0.12f, -0.18f), at(c, s, 0.36f, 0.14f), col);
    for (float y : {-0.14f, 0.0f, 0.14f}) dl->AddLine(at(c, s, -0.34f, y), at(c, s, 0.02f, y), col, w * 0.7f);
}

}  // namespace

void drawPictogram(ImDrawList* dl, Pictogram p, ImVec2 c, float size, ImU32 col) {
    const float w = std::max(2.0f, size * 0.07f);
    switch (p) {
        case Pictogram::None: return;
        case Pictogram::Home: return house(dl, c, size, col, w);
        case Pictogram::Back: return arrowLeft(dl, c, size, col, w);
        case Pictogram::Backspace: return backspace(dl, c, size, col, w);
        case Pictogram::Check: return check(dl, c, size, col, w);
        case Pictogram::Cross: return cross(dl, c, size, col, w);
        case Pictogram::Alert: return alert(dl, c, size, col, w);
        case Pictogram::Shield: return shield(dl, c, size, col, w);
        case Pictogram::Tools: return tools(dl, c, size, col, w);
        case Pictogram::Handshake: return handshake(dl, c, size, col, w);
        case Pictogram::HandTap: return handTap(dl, c, size, col, w);
        case Pictogram::Person: return person(dl, c, size, col, w);
        case Pictogram::Clock: return clock(dl, c, size, col, w);
        case Pictogram::Speech: return speech(dl, c, size, col, w);
        case Pictogram::Card: return card(dl, c, size, col, w);
        case Pictogram::Speaker: return speaker(dl, c, size, col, w);
    }
}

void drawSpinner(ImDrawList* dl, ImVec2 center, float radius, float t, ImU32 col) {
    const float start = t * 2 * kPi * 0.8f;
    dl->PathArcTo(center, radius, start, start + kPi * 1.4f, 48);
    dl->PathStroke(col, ImDrawFlags_None, radius * 0.18f);
}

}  // namespace kiosk::ui
