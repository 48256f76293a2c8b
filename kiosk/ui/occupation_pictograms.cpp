// Occupation pictograms (pictograms.hpp: drawOccupation). Sections: pen · shared parts
// (wheel, person, motorbike) · one function per occupation · lookup.
// Coordinates are in units of `size` around the centre, x right and y down, kept within ±0.47
// including half a stroke so nothing leaves the square.
#include <algorithm>
#include <array>
#include <cmath>
#include <initializer_list>
#include <string_view>

#include "ui/pictograms.hpp"

namespace kiosk::ui {
namespace {

constexpr float kPi = 3.14159265f;

// ---- pen: unit coordinates → pixels, with the two colours and the stroke width -------------------

struct Pen {
    ImDrawList* dl = nullptr;
    ImVec2 c;
    float s = 0;
    ImU32 col = 0;
    ImU32 acc = 0;
    float w = 0;  // the stroke width, size/14 of the whole pictogram (kept when a part is drawn smaller)

    [[nodiscard]] ImVec2 p(float x, float y) const { return {c.x + x * s, c.y + y * s}; }
    // The same pen drawing a part moved by (dx, dy) and scaled by k.
    [[nodiscard]] Pen part(float dx, float dy, float k) const { return Pen{dl, p(dx, dy), s * k, col, acc, w}; }

    void line(float x0, float y0, float x1, float y1, float k = 1) const {
        dl->AddLine(p(x0, y0), p(x1, y1), col, w * k);
    }
    // A thick stroke with round ends: arms, legs, handles.
    void limb(float x0, float y0, float x1, float y1, float k, ImU32 colour) const {
        dl->AddLine(p(x0, y0), p(x1, y1), colour, w * k);
        dl->AddCircleFilled(p(x0, y0), w * k * 0.5f, colour);
        dl->AddCircleFilled(p(x1, y1), w * k * 0.5f, colour);
    }
    void limb(float x0, float y0, float x1, float y1, float k = 1) const { limb(x0, y0, x1, y1, k, col); }
    void disc(float x, float y, float r, ImU32 colour) const { dl->AddCircleFilled(p(x, y), r * s, colour, 0); }
    void ring(float x, float y, float r, float k = 1) const { dl->AddCircle(p(x, y), r * s, col, 0, w * k); }
    // An accent disc with a line-coloured rim.
    void badge(float x, float y, float r, float k = 1) const {
        disc(x, y, r, acc);
        ring(x, y, r, k);
    }
    void rect(float x0, float y0, float x1, float y1, ImU32 fill, float rounding = 0) const {
        dl->AddRectFilled(p(x0, y0), p(x1, y1), fill, rounding * s);
    }
    void rectLine(float x0, float y0, float x1, float y1, float rounding = 0, float k = 1) const {
        dl->AddRect(p(x0, y0), p(x1, y1), col, rounding * s, ImDrawFlags_None, w * k);
    }
    // An accent rectangle with a line-coloured outline.
    void box(float x0, float y0, float x1, float y1, float rounding = 0, float k = 1) const {
        rect(x0, y0, x1, y1, acc, rounding);
        rectLine(x0, y0, x1, y1, rounding, k);
    }
    // A convex polygon, filled and/or outlined.
    void fill(std::initializer_list<ImVec2> pts, ImU32 colour) const {
        std::array<ImVec2, 24> px{};
        IM_ASSERT(pts.size() <= px.size());
        int n = 0;
        for (const ImVec2& q : pts) {
            px[static_cast<std::size_t>(n++)] = p(q.x, q.y);
        }
        dl->AddConvexPolyFilled(px.data(), n, colour);
    }
    // Round joins: ImGui's mitred joins spike far out of sharp corners.
    void outline(std::initializer_list<ImVec2> pts, bool closed, float k = 1) const {
        const ImVec2* prev = closed ? pts.end() - 1 : nullptr;
        for (const ImVec2& q : pts) {
            if (prev != nullptr) {
                dl->AddLine(p(prev->x, prev->y), p(q.x, q.y), col, w * k);
            }
            dl->AddCircleFilled(p(q.x, q.y), w * k * 0.5f, col);
            prev = &q;
        }
    }
    void shape(std::initializer_list<ImVec2> pts, float k = 1) const {
        fill(pts, acc);
        outline(pts, true, k);
    }
    // Angles in radians, clockwise on screen from +x (y points down).
    void arc(float x, float y, float r, float a0, float a1, float k = 1) const {
        dl->PathArcTo(p(x, y), r * s, a0, a1);
        dl->PathStroke(col, ImDrawFlags_None, w * k);
    }
    void sector(float x, float y, float r, float a0, float a1, ImU32 colour) const {
        dl->PathLineTo(p(x, y));
        dl->PathArcTo(p(x, y), r * s, a0, a1);
        dl->PathFillConvex(colour);
    }
    // A half disc standing on its diameter (a dome, shoulders), filled and outlined.
    void dome(float x, float y, float r, ImU32 fillColour, bool rim) const {
        dl->PathArcTo(p(x, y), r * s, kPi, 2 * kPi);
        dl->PathFillConvex(fillColour);
        if (rim) {
            dl->PathArcTo(p(x, y), r * s, kPi, 2 * kPi);
            dl->PathStroke(col, ImDrawFlags_Closed, w);
        }
    }
    // An ellipse turned by `turn` radians (clockwise on screen), as a path.
    void ellipsePath(float x, float y, float rx, float ry, float turn) const {
        constexpr int kSteps = 32;
        const float ct = std::cos(turn);
        const float st = std::sin(turn);
        for (int i = 0; i < kSteps; ++i) {
            const float a = 2 * kPi * static_cast<float>(i) / kSteps;
            const float ex = rx * std::cos(a);
            const float ey = ry * std::sin(a);
            dl->PathLineTo(p(x + ex * ct - ey * st, y + ex * st + ey * ct));
        }
    }
    void ellipse(float x, float y, float rx, float ry, ImU32 colour, float turn = 0) const {
        ellipsePath(x, y, rx, ry, turn);
        dl->PathFillConvex(colour);
    }
    void ellipseLine(float x, float y, float rx, float ry, float k = 1, float turn = 0) const {
        ellipsePath(x, y, rx, ry, turn);
        dl->PathStroke(col, ImDrawFlags_Closed, w * k);
    }
    void curve(ImVec2 a, ImVec2 b, ImVec2 cc, ImVec2 d, float k = 1, ImU32 colour = 0) const {
        dl->AddBezierCubic(p(a.x, a.y), p(b.x, b.y), p(cc.x, cc.y), p(d.x, d.y), colour ? colour : col, w * k);
    }
    // A filled arrow head at (x, y) pointing at angle a (radians, screen clockwise from +x).
    void arrowHead(float x, float y, float a, float len, ImU32 colour) const {
        const float dx = std::cos(a);
        const float dy = std::sin(a);
        const float half = len * 0.8f;  // half the base; across the direction is (-dy, dx)
        dl->AddTriangleFilled(p(x + dx * len, y + dy * len), p(x - dy * half, y + dx * half),
                              p(x + dy * half, y - dx * half), colour);
    }
};

// ---- shared parts --------------------------------------------------------------------------------

void wheel(const Pen& q, float x, float y, float r) {
    // The tyre's thickness follows the radius, so a small wheel still shows its hole.
    q.dl->AddCircle(q.p(x, y), r * q.s, q.col, 0, r * 0.8f * q.s);
    q.disc(x, y, r * 0.3f, q.col);
}

// A motorbike (a scooter, as most ojek are) seen from the side, facing right; spans x ±0.44,
// y −0.26…0.43.
void motorbike(const Pen& q) {
    wheel(q, -0.28f, 0.28f, 0.12f);
    wheel(q, 0.29f, 0.28f, 0.12f);
    q.limb(0.16f, -0.20f, 0.29f, 0.28f, 1.2f);  // fork
    q.shape({{-0.42f, 0.14f}, {-0.38f, 0.0f}, {0.02f, 0.0f}, {0.10f, 0.16f}, {0.02f, 0.22f}, {-0.38f, 0.22f}});
    q.shape({{0.02f, 0.16f}, {0.12f, -0.14f}, {0.22f, -0.12f}, {0.16f, 0.16f}});  // leg shield
    q.rect(-0.36f, -0.08f, 0.0f, 0.0f, q.col, 0.04f);                             // seat
    q.limb(0.10f, -0.24f, 0.24f, -0.22f, 1.3f);                                   // handlebar
}

// A standing person seen from the front: head and a shoulders dome; y −0.44…0.
void bust(const Pen& q, float x, float yTop, float headR, ImU32 body) {
    q.disc(x, yTop + headR, headR, q.col);
    q.dome(x, yTop + headR * 2 + headR * 2.6f + headR * 0.3f, headR * 2.4f, body, false);
}

// ---- occupations ---------------------------------------------------------------------------------

void becak(const Pen& q) {
    // The passenger seat under its round folding hood in front, the rider pedalling behind.
    wheel(q, -0.24f, 0.29f, 0.13f);
    wheel(q, 0.30f, 0.30f, 0.12f);
    q.limb(-0.06f, 0.14f, 0.30f, 0.30f, 1.2f);  // frame to the rear wheel
    q.limb(0.14f, 0.18f, 0.18f, -0.04f, 1.2f);  // seat post
    q.sector(-0.04f, 0.0f, 0.38f, kPi, 1.5f * kPi, q.acc);
    q.dl->PathLineTo(q.p(-0.04f, 0.0f));
    q.dl->PathArcTo(q.p(-0.04f, 0.0f), 0.38f * q.s, kPi, 1.5f * kPi);
    q.dl->PathStroke(q.col, ImDrawFlags_Closed, q.w);
    q.box(-0.42f, 0.0f, -0.04f, 0.14f, 0, 1.0f);   // seat box
    q.limb(-0.30f, -0.06f, -0.06f, -0.06f, 1.2f);  // cushion
    // rider
    q.disc(0.24f, -0.33f, 0.08f, q.col);
    q.limb(0.22f, -0.22f, 0.18f, -0.04f, 2.0f);
    q.limb(0.21f, -0.18f, 0.0f, -0.14f, 1.2f);
    q.limb(0.18f, -0.04f, 0.30f, 0.08f, 1.4f);
    q.limb(0.30f, 0.08f, 0.22f, 0.20f, 1.3f);
}

void angkot(const Pen& q) {
    // A minibus facing left, windows along the side and the stripe angkot carry.
    const Pen v = q.part(0, 0.04f, 1);
    v.shape({{-0.44f, 0.18f}, {-0.44f, -0.02f}, {-0.31f, -0.30f}, {0.42f, -0.30f}, {0.44f, -0.27f}, {0.44f, 0.18f}});
    v.fill({{-0.37f, -0.04f}, {-0.27f, -0.23f}, {-0.15f, -0.23f}, {-0.15f, -0.04f}}, v.col);
    v.rect(-0.09f, -0.23f, 0.14f, -0.04f, v.col, 0.02f);
    v.rect(0.19f, -0.23f, 0.37f, -0.04f, v.col, 0.02f);
    v.line(-0.44f, 0.06f, 0.44f, 0.06f, 1.0f);
    v.disc(-0.25f, 0.22f, 0.12f, v.col);
    v.disc(0.25f, 0.22f, 0.12f, v.col);
    v.disc(-0.25f, 0.22f, 0.05f, v.acc);
    v.disc(0.25f, 0.22f, 0.05f, v.acc);
}

void ojek(const Pen& q) {
    // A rider in a helmet on a motorbike.
    const Pen b = q.part(0, 0.04f, 0.92f);
    motorbike(b);
    q.limb(-0.14f, -0.08f, -0.06f, -0.24f, 2.4f);  // back
    q.limb(-0.05f, -0.21f, 0.09f, -0.17f, 1.3f);   // arm to the handlebar
    q.limb(-0.14f, -0.07f, 0.05f, -0.06f, 1.8f);   // thigh
    q.limb(0.05f, -0.06f, 0.07f, 0.12f, 1.5f);     // shin
    q.disc(-0.03f, -0.31f, 0.08f, q.col);
    q.dome(-0.03f, -0.31f, 0.105f, q.acc, true);
    q.limb(0.02f, -0.30f, 0.085f, -0.30f, 1.1f);  // visor
}

void ojekOnline(const Pen& q) {
    // A smaller motorbike and the phone the orders come through (a map pin on its screen).
    motorbike(q.part(-0.12f, 0.10f, 0.78f));
    q.rect(0.12f, -0.46f, 0.44f, 0.10f, q.col, 0.06f);
    q.rect(0.16f, -0.38f, 0.40f, 0.0f, q.acc, 0.02f);
    q.disc(0.28f, -0.25f, 0.07f, q.col);
    q.fill({{0.22f, -0.22f}, {0.34f, -0.22f}, {0.28f, -0.08f}}, q.col);
    q.disc(0.28f, -0.25f, 0.025f, q.acc);
}

void juruParkir(const Pen& q) {
    // A person in the attendant's vest holding up a parking sign (P).
    q.disc(-0.22f, -0.30f, 0.10f, q.col);
    q.limb(-0.28f, 0.14f, -0.28f, 0.40f, 1.8f);
    q.limb(-0.16f, 0.14f, -0.16f, 0.40f, 1.8f);
    q.limb(-0.38f, -0.10f, -0.40f, 0.12f, 1.4f);  // hanging arm
    q.limb(-0.08f, -0.10f, 0.08f, -0.24f, 1.4f);  // raised arm
    q.shape({{-0.38f, -0.16f}, {-0.06f, -0.16f}, {-0.06f, 0.16f}, {-0.38f, 0.16f}});
    q.limb(-0.22f, -0.16f, -0.22f, 0.16f, 0.6f);  // the vest's opening
    q.limb(0.26f, -0.06f, 0.26f, 0.40f, 1.2f);    // sign post
    q.rect(0.06f, -0.45f, 0.45f, -0.06f, q.col, 0.06f);
    q.limb(0.19f, -0.36f, 0.19f, -0.14f, 1.5f, q.acc);
    q.dl->PathArcTo(q.p(0.26f, -0.29f), 0.07f * q.s, -kPi / 2, kPi / 2);
    q.dl->PathStroke(q.acc, ImDrawFlags_None, q.w * 1.4f);
    q.limb(0.19f, -0.36f, 0.26f, -0.36f, 1.4f, q.acc);
    q.limb(0.19f, -0.22f, 0.26f, -0.22f, 1.4f, q.acc);
}

void pedagangKakiLima(const Pen& q) {
    // A food cart: scalloped canopy on posts, the cart body, two wheels and a handle.
    q.line(-0.34f, -0.26f, -0.34f, 0.0f, 1.0f);
    q.line(0.24f, -0.26f, 0.24f, 0.0f, 1.0f);
    for (float x : {-0.33f, -0.13f, 0.07f, 0.27f}) {
        q.sector(x, -0.26f, 0.10f, 0, kPi, q.acc);
        q.arc(x, -0.26f, 0.10f, 0, kPi, 1.0f);
    }
    q.shape({{-0.44f, -0.26f}, {-0.38f, -0.42f}, {0.32f, -0.42f}, {0.38f, -0.26f}});
    q.box(-0.42f, 0.0f, 0.32f, 0.24f, 0.02f);
    q.line(-0.17f, 0.0f, -0.17f, 0.24f, 0.8f);
    q.line(0.07f, 0.0f, 0.07f, 0.24f, 0.8f);
    q.limb(0.32f, 0.10f, 0.44f, 0.04f, 1.2f);
    q.limb(0.26f, 0.24f, 0.26f, 0.42f, 1.0f);
    q.disc(-0.24f, 0.30f, 0.12f, q.acc);
    wheel(q, -0.24f, 0.30f, 0.12f);
    q.disc(0.04f, 0.30f, 0.12f, q.acc);
    wheel(q, 0.04f, 0.30f, 0.12f);
}

void asongan(const Pen& q) {
    // A hawker with the tray of goods hung from the neck: a bottle and packets.
    for (float side : {-1.0f, 1.0f}) {  // straps from the neck to the tray, behind the body
        q.limb(0.08f * side, -0.20f, 0.40f * side, 0.06f, 0.9f);
    }
    bust(q, 0, -0.46f, 0.11f, q.col);
    q.limb(-0.10f, 0.24f, -0.10f, 0.42f, 1.8f);
    q.limb(0.10f, 0.24f, 0.10f, 0.42f, 1.8f);
    q.rect(-0.31f, -0.20f, -0.19f, 0.04f, q.acc, 0.02f);  // bottle
    q.rectLine(-0.31f, -0.20f, -0.19f, 0.04f, 0.02f, 0.7f);
    q.rect(-0.28f, -0.28f, -0.22f, -0.20f, q.acc);
    q.rectLine(-0.28f, -0.28f, -0.22f, -0.20f, 0, 0.7f);
    q.box(-0.10f, -0.10f, 0.10f, 0.04f, 0, 0.7f);  // packets
    q.box(0.16f, -0.14f, 0.34f, 0.04f, 0, 0.7f);
    q.box(-0.44f, 0.04f, 0.44f, 0.26f, 0.03f);  // tray
}

void petani(const Pen& q) {
    // A farmer in a conical hat (caping) between two stalks of rice.
    q.disc(0, -0.08f, 0.11f, q.col);
    q.dome(0, 0.42f, 0.28f, q.col, false);
    q.shape({{-0.42f, -0.17f}, {0.0f, -0.42f}, {0.42f, -0.17f}});
    for (float x : {-0.36f, 0.36f}) {
        q.limb(x, 0.42f, x, -0.02f, 1.0f);
        for (int g = 0; g < 3; ++g) {
            const float gy = 0.02f + 0.11f * static_cast<float>(g);
            for (float side : {-1.0f, 1.0f}) {
                const float gx = x + 0.045f * side;
                q.ellipse(gx, gy, 0.032f, 0.062f, q.acc, 0.5f * side);
                q.ellipseLine(gx, gy, 0.032f, 0.062f, 0.55f, 0.5f * side);
            }
        }
        q.ellipse(x, -0.06f, 0.032f, 0.062f, q.acc);
        q.ellipseLine(x, -0.06f, 0.032f, 0.062f, 0.55f);
    }
}

void nelayan(const Pen& q) {
    // A fish over a boat on the waves.
    q.ellipse(-0.06f, -0.22f, 0.26f, 0.14f, q.acc);
    q.fill({{0.16f, -0.22f}, {0.40f, -0.38f}, {0.36f, -0.22f}, {0.40f, -0.06f}}, q.acc);
    q.outline({{0.16f, -0.22f}, {0.40f, -0.38f}, {0.36f, -0.22f}, {0.40f, -0.06f}}, true);
    q.ellipseLine(-0.06f, -0.22f, 0.26f, 0.14f);
    q.disc(-0.20f, -0.25f, 0.035f, q.col);
    q.fill({{-0.44f, 0.04f}, {0.44f, 0.04f}, {0.30f, 0.24f}, {-0.30f, 0.24f}}, q.col);
    q.line(-0.44f, 0.04f, 0.44f, 0.04f, 1.0f);
    for (float y : {0.33f, 0.42f}) {
        q.curve({-0.42f, y}, {-0.28f, y - 0.07f}, {-0.14f, y + 0.07f}, {0.0f, y}, 1.0f);
        q.curve({0.0f, y}, {0.14f, y - 0.07f}, {0.28f, y + 0.07f}, {0.42f, y}, 1.0f);
    }
}

void marbot(const Pen& q) {
    // A mosque: onion dome with its finial, the hall with an arched door, two minarets.
    for (float x : {-0.38f, 0.38f}) {
        q.rect(x - 0.05f, -0.20f, x + 0.05f, 0.42f, q.col);
        q.fill({{x - 0.06f, -0.20f}, {x, -0.38f}, {x + 0.06f, -0.20f}}, q.col);
    }
    q.rect(-0.28f, -0.02f, 0.28f, 0.42f, q.col);
    q.dl->PathArcTo(q.p(0, -0.02f), 0.22f * q.s, kPi, 1.25f * kPi);
    q.dl->PathLineTo(q.p(0, -0.34f));
    q.dl->PathArcTo(q.p(0, -0.02f), 0.22f * q.s, 1.75f * kPi, 2 * kPi);
    q.dl->PathFillConvex(q.acc);
    q.dl->PathArcTo(q.p(0, -0.02f), 0.22f * q.s, kPi, 1.25f * kPi);
    q.dl->PathLineTo(q.p(0, -0.34f));
    q.dl->PathArcTo(q.p(0, -0.02f), 0.22f * q.s, 1.75f * kPi, 2 * kPi);
    q.dl->PathStroke(q.col, ImDrawFlags_Closed, q.w);
    q.limb(0, -0.34f, 0, -0.40f, 0.9f);  // finial
    q.disc(0, -0.41f, 0.04f, q.col);
    q.rect(-0.09f, 0.18f, 0.09f, 0.42f, q.acc);
    q.disc(0, 0.18f, 0.09f, q.acc);
}

void guruNgaji(const Pen& q) {
    // An open book on a rehal, the folding stand whose legs cross.
    q.limb(-0.30f, 0.10f, 0.24f, 0.40f, 1.4f);
    q.limb(0.30f, 0.10f, -0.24f, 0.40f, 1.4f);
    q.shape({{-0.02f, -0.10f}, {-0.44f, -0.30f}, {-0.44f, 0.02f}, {-0.02f, 0.18f}});
    q.shape({{0.02f, -0.10f}, {0.02f, 0.18f}, {0.44f, 0.02f}, {0.44f, -0.30f}});
    for (float dy : {0.08f, 0.17f}) {
        q.line(-0.36f, -0.26f + dy, -0.10f, -0.14f + dy, 0.6f);
        q.line(0.10f, -0.14f + dy, 0.36f, -0.26f + dy, 0.6f);
    }
}

void penambalBan(const Pen& q) {
    // A tyre with a patch on it, and the hand pump with its hose.
    q.curve({0.31f, 0.34f}, {0.26f, 0.46f}, {0.12f, 0.44f}, {0.06f, 0.30f}, 0.9f);
    q.ring(-0.10f, 0.06f, 0.27f, 2.4f);
    q.badge(-0.10f, 0.06f, 0.13f, 0.8f);
    q.disc(-0.10f, 0.06f, 0.04f, q.col);
    q.fill({{-0.38f, -0.10f}, {-0.26f, -0.26f}, {-0.14f, -0.17f}, {-0.26f, -0.01f}}, q.acc);
    q.outline({{-0.38f, -0.10f}, {-0.26f, -0.26f}, {-0.14f, -0.17f}, {-0.26f, -0.01f}}, true, 0.7f);
    q.rect(0.30f, -0.04f, 0.40f, 0.40f, q.col, 0.02f);  // pump barrel
    q.limb(0.24f, 0.40f, 0.44f, 0.40f, 1.2f);
    q.limb(0.35f, -0.04f, 0.35f, -0.26f, 0.9f);
    q.limb(0.26f, -0.28f, 0.44f, -0.28f, 1.6f);
}

void serabutan(const Pen& q) {
    // A hammer crossed with a shovel: whatever work there is.
    const float r = 0.7071f;
    // shovel, handle from the top left to the blade at the bottom right
    q.limb(-0.33f, -0.33f, 0.14f, 0.14f, 2.2f);
    q.limb(-0.33f, -0.33f, 0.14f, 0.14f, 1.0f, q.acc);
    q.limb(-0.42f, -0.26f, -0.26f, -0.42f, 1.3f);  // grip
    const float bx = 0.14f;
    const float by = 0.14f;
    const float hw = 0.13f;  // half the blade's width
    const auto sp = [&](float along, float across) {
        return ImVec2(bx + (along + across) * r, by + (along - across) * r);
    };
    q.shape({sp(0, hw), sp(0.17f, hw), sp(0.30f, 0), sp(0.17f, -hw), sp(0, -hw)});
    // hammer, handle from the bottom left to the head at the top right
    q.limb(-0.34f, 0.34f, 0.20f, -0.20f, 2.2f);
    q.limb(-0.34f, 0.34f, 0.20f, -0.20f, 1.0f, q.acc);
    const float hx = 0.24f;
    const float hy = -0.24f;
    const auto hp = [&](float along, float across) {
        return ImVec2(hx + (along + across) * r, hy + (-along + across) * r);
    };
    q.fill({hp(-0.07f, -0.19f), hp(0.07f, -0.19f), hp(0.07f, 0.15f), hp(-0.07f, 0.15f)}, q.col);
    q.fill({hp(-0.05f, 0.15f), hp(0.05f, 0.15f), hp(0.04f, 0.22f), hp(-0.04f, 0.22f)}, q.col);
}

void buruhGendong(const Pen& q) {
    // A porter walking, a big basket tied on the back with a cloth over the shoulder.
    q.limb(0.02f, 0.10f, 0.16f, 0.42f, 1.8f);
    q.limb(0.02f, 0.10f, -0.12f, 0.42f, 1.8f);
    q.limb(0.12f, -0.18f, 0.02f, 0.10f, 2.8f);
    q.disc(0.20f, -0.32f, 0.10f, q.col);
    q.limb(0.13f, -0.12f, 0.26f, 0.02f, 1.3f);  // arm to the cloth's knot
    q.shape({{-0.44f, -0.28f}, {-0.02f, -0.28f}, {-0.06f, 0.14f}, {-0.40f, 0.14f}});
    q.line(-0.43f, -0.14f, -0.03f, -0.14f, 0.7f);
    q.line(-0.42f, 0.0f, -0.05f, 0.0f, 0.7f);
    q.line(-0.44f, -0.28f, -0.02f, -0.28f, 1.6f);  // rim
    q.limb(-0.04f, -0.24f, 0.14f, -0.20f, 1.1f);   // cloth over the shoulder
    q.limb(0.14f, -0.20f, 0.26f, 0.02f, 1.1f);
}

void pemulung(const Pen& q) {
    // A tied sack of collected waste with the recycling arrows on it.
    q.shape({{-0.08f, -0.19f}, {0.08f, -0.19f}, {0.20f, -0.38f}, {0.08f, -0.42f}, {-0.08f, -0.42f}, {-0.20f, -0.38f}});
    const auto sackPath = [&] {
        q.dl->PathLineTo(q.p(-0.12f, -0.19f));
        q.dl->PathLineTo(q.p(0.12f, -0.19f));
        q.dl->PathArcTo(q.p(0, 0.12f), 0.32f * q.s, -0.12f * kPi, 1.12f * kPi);
    };
    sackPath();
    q.dl->PathFillConvex(q.acc);
    sackPath();
    q.dl->PathStroke(q.col, ImDrawFlags_Closed, q.w);
    q.limb(-0.14f, -0.20f, 0.14f, -0.20f, 1.6f);  // the tie
    const float cx = 0;
    const float cy = 0.13f;
    const float rr = 0.15f;
    for (float a0 : {0.10f * kPi, 1.10f * kPi}) {
        const float a1 = a0 + 0.60f * kPi;
        q.arc(cx, cy, rr, a0, a1, 1.5f);
        q.arrowHead(cx + rr * std::cos(a1), cy + rr * std::sin(a1), a1 + kPi / 2, 0.10f, q.col);
    }
}

void other(const Pen& q) {
    // A question mark in a circle.
    q.badge(0, 0, 0.42f, 1.2f);
    q.arc(0, -0.10f, 0.13f, 1.05f * kPi, 2.25f * kPi, 1.6f);
    q.limb(0.092f, -0.008f, 0, 0.06f, 1.6f);
    q.dl->AddCircleFilled(q.p(0.092f, -0.008f), q.w * 0.8f, q.col);  // round the arc's end
    q.limb(0, 0.06f, 0, 0.10f, 1.6f);
    q.disc(0, 0.24f, 0.065f, q.col);
}

// ---- lookup --------------------------------------------------------------------------------------

struct Entry {
    std::string_view code;
    void (*draw)(const Pen&);
};

constexpr std::array<Entry, 16> kOccupations = {{
    {"becak", becak},
    {"angkot", angkot},
    {"ojek", ojek},
    {"ojek_online", ojekOnline},
    {"juru_parkir", juruParkir},
    {"pedagang_kaki_lima", pedagangKakiLima},
    {"asongan", asongan},
    {"petani", petani},
    {"nelayan", nelayan},
    {"marbot", marbot},
    {"guru_ngaji", guruNgaji},
    {"penambal_ban", penambalBan},
    {"serabutan", serabutan},
    {"buruh_gendong", buruhGendong},
    {"pemulung", pemulung},
    {"other", other},
}};

const Entry* find(std::string_view code) {
    const auto* it = std::ranges::find(kOccupations, code, &Entry::code);
    return it == kOccupations.end() ? nullptr : it;
}

}  // namespace

bool hasOccupationPictogram(std::string_view code) {
    return find(code) != nullptr;
}

void drawOccupation(ImDrawList* dl, std::string_view code, ImVec2 center, float size, ImU32 col, ImU32 accent) {
    const Pen pen{dl, center, size, col, accent, size / 14.0f};
    const Entry* e = find(code);
    (e != nullptr ? e->draw : other)(pen);
}

}  // namespace kiosk::ui
