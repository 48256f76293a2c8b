// Screens of the visit.
// Sections: frame (header, demo band, content area) · attract · language · identify (keypad) ·
// confirm · checking · results · service problem · receipt · overlays (home, idle) · drawVisit.
#include "ui/screens.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

#include "ui/imgui_scope.hpp"
#include "ui/screen_frame.hpp"
#include "ui/theme.hpp"

namespace kiosk::ui {
namespace detail {

// ---- frame --------------------------------------------------------------------------------------

void drawHeader(Frame& fr, Intent& out, float height) {
    const ImVec2 vp = ImGui::GetMainViewport()->Size;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(0, 0), ImVec2(vp.x, height), color::kBrand);
    const float pad = 0.5f * fr.em();
    const float buttonH = height - 2 * pad;

    // Home: always reachable once a visit has started.
    float titleLeft = 1.0f * fr.em();
    if (!std::holds_alternative<core::Attract>(fr.state.screen)) {
        ImGui::SetCursorScreenPos(ImVec2(pad, pad));
        if (fr.ui.button({fr.t("nav.home"), "nav.home", ImVec2(7.0f * fr.em(), buttonH), ButtonKind::Quiet,
                          Pictogram::Home, fr.f().bodyBold}))
            set(out, ev::HomePressed{});
        titleLeft = 8.0f * fr.em();
    }

    // Language switch: always visible, never loses the visit.
    const float langW = 5.6f * fr.em();
    float x = vp.x - pad - static_cast<float>(fr.ctx.languages.size()) * (langW + pad);
    float langLeft = x;
    // "Listen": the screen's prompt said again, for whoever reads little. As wide as its label needs;
    // where that does not fit beside Home (portrait), the speaker alone, still a full-size target.
    if (fr.ctx.speech && !std::holds_alternative<core::Attract>(fr.state.screen)) {
        const std::string_view label = fr.t("nav.listen");
        ImFont* font = fr.f().bodyBold;
        const float labelW = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, label.data(), label.data() + label.size()).x;
        const float withLabel = std::max(6.4f * fr.em(), labelW + 3.6f * fr.em());  // padding, icon, gap
        const bool fits = x - withLabel - pad >= titleLeft - fr.em() + pad;  // right of Home
        const float listenW = fits ? withLabel : std::max(2.8f * fr.em(), kMinTouchPx * fr.ctx.scale);
        langLeft = x - listenW - pad;
        ImGui::SetCursorScreenPos(ImVec2(langLeft + pad, pad));
        if (fr.ui.button({fits ? label : std::string_view(), "nav.listen", ImVec2(listenW, buttonH), ButtonKind::Quiet,
                          Pictogram::Speaker, fr.f().bodyBold}))
            set(out, ev::RepeatPrompt{});
    }
    for (core::Lang l : fr.ctx.languages) {
        ImGui::SetCursorScreenPos(ImVec2(x + pad, pad));
        const std::string id = "lang." + std::string(core::langCode(l));
        if (fr.ui.button({fr.ctx.catalog->text(l, "lang.short"), id.c_str(), ImVec2(langW, buttonH), ButtonKind::Quiet,
                          Pictogram::None, fr.f().bodyBold, l == fr.state.lang}))
            set(out, ev::LanguageChosen{l});
        x += langW + pad;
    }

    // Title in the space between home and languages: large on one line if it fits, else body bold on
    // one line, else body bold on two lines (portrait, long Javanese title); clipped only as a last resort.
    const std::string_view title = fr.t("app.title");
    const float room = langLeft - titleLeft - fr.em();
    if (room > 4 * fr.em()) {
        auto measure = [&](ImFont* f, float wrap) {
            return f->CalcTextSizeA(f->FontSize, FLT_MAX, wrap, title.data(), title.data() + title.size());
        };
        ImFont* font = fr.f().large;
        float wrap = 0;
        if (measure(font, 0).x > room) {
            font = fr.f().bodyBold;
            if (measure(font, 0).x > room && measure(font, room).y <= height - 0.4f * fr.em()) wrap = room;
        }
        const ImVec2 size = measure(font, wrap);
        dl->PushClipRect(ImVec2(titleLeft, 0), ImVec2(titleLeft + room, height), true);
        dl->AddText(font, font->FontSize, ImVec2(titleLeft, (height - size.y) * 0.5f), color::kOnBrand, title.data(),
                    title.data() + title.size(), wrap);
        dl->PopClipRect();
    }
}

void drawDemoBand(Frame& fr, float top, float height) {
    const ImVec2 vp = ImGui::GetMainViewport()->Size;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(0, top), ImVec2(vp.x, top + height), color::kDemo);
    ImFont* font = fr.f().bodyBold;
    const std::string_view s = fr.t("app.demo_band");
    const ImVec2 size = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, s.data(), s.data() + s.size());
    dl->AddText(font, font->FontSize, ImVec2(std::max(fr.em(), (vp.x - size.x) * 0.5f), top + (height - size.y) * 0.5f),
                color::kText, s.data(), s.data() + s.size());
}

// A coloured note with an icon: warnings, errors, information.
namespace {
struct NoteLayout {
    float pad, iconSize, textW;
    ImVec2 textSize;
    float height;
};
NoteLayout noteLayout(const Frame& fr, std::string_view text, float width) {
    NoteLayout l{};
    l.pad = 0.6f * fr.em();
    l.iconSize = 1.5f * fr.em();
    l.textW = width - 3 * l.pad - l.iconSize;
    ImFont* font = fr.f().body;
    l.textSize = font->CalcTextSizeA(font->FontSize, FLT_MAX, l.textW, text.data(), text.data() + text.size());
    l.height = std::max(l.textSize.y, l.iconSize) + 2 * l.pad;
    return l;
}
}  // namespace

float noteHeight(const Frame& fr, std::string_view text, float width) { return noteLayout(fr, text, width).height; }

float drawNote(Frame& fr, std::string_view text, ImU32 fg, ImU32 bg, Pictogram icon, float width) {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const auto [pad, iconSize, textW, ts, h] = noteLayout(fr, text, width);
    ImFont* font = fr.f().body;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + h), bg, 0.4f * fr.em());
    dl->AddRectFilled(pos, ImVec2(pos.x + 0.25f * fr.em(), pos.y + h), fg, 0.4f * fr.em(), ImDrawFlags_RoundCornersLeft);
    drawPictogram(dl, icon, ImVec2(pos.x + pad + iconSize * 0.5f, pos.y + pad + iconSize * 0.5f), iconSize, fg);
    dl->AddText(font, font->FontSize, ImVec2(pos.x + 2 * pad + iconSize, pos.y + pad + (std::max(ts.y, iconSize) - ts.y) * 0.5f),
                color::kText, text.data(), text.data() + text.size(), textW);
    ImGui::Dummy(ImVec2(width, h));
    return h;
}

// Two buttons side by side, the positive one on the right (reading order ends on "yes").
void buttonPair(Frame& fr, Intent& out, ImVec2 pos, float width, const ButtonSpec& left, const Event& leftEvent,
                const ButtonSpec& right, const Event& rightEvent) {
    const float gap = 1.0f * fr.em();
    const float w = (width - gap) * 0.5f;
    ButtonSpec l = left;
    ButtonSpec r = right;
    l.size = r.size = ImVec2(w, 3.0f * fr.em());
    ImGui::SetCursorScreenPos(pos);
    if (fr.ui.button(l)) set(out, leftEvent);
    ImGui::SetCursorScreenPos(ImVec2(pos.x + w + gap, pos.y));
    if (fr.ui.button(r)) set(out, rightEvent);
}

ProblemColumn problemPage(Frame& fr, ImU32 colour, std::string_view title, std::string_view body, std::string_view staffLine) {
    const float em = fr.em();
    const float w = std::min(fr.contentWidth() - 4 * em, 42.0f * em);
    const float x0 = fr.contentMin.x + (fr.contentWidth() - w) * 0.5f;
    const float cy = fr.contentMin.y + 3.2f * em;
    drawPictogram(ImGui::GetWindowDrawList(), Pictogram::Alert, ImVec2(x0 + w * 0.5f, cy), 4.0f * em, colour);
    ImGui::SetCursorScreenPos(ImVec2(x0, cy + 2.8f * em));
    fr.ui.textCentered(title, fr.f().title, color::kText, x0, w);
    ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y + 0.6f * em));
    fr.ui.textCentered(body, fr.f().large, color::kText, x0, w);
    ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y + 0.6f * em));
    fr.ui.textCentered(staffLine, fr.f().body, color::kTextMuted, x0, w);
    return {x0, w};
}

// ---- attract ------------------------------------------------------------------------------------

void drawAttract(Frame& fr, Intent& out) {
    // The whole screen is one big "start" button: any touch begins.
    ImGui::SetCursorScreenPos(fr.contentMin);
    if (ImGui::InvisibleButton("attract.start_area", ImVec2(fr.contentWidth(), fr.contentHeight())))
        set(out, ev::StartPressed{});
    fr.ui.record("attract.start_area", fr.contentMin, fr.contentMax);

    const float em = fr.em();
    const float x0 = fr.contentMin.x + 2 * em;
    const float w = fr.contentWidth() - 4 * em;
    ImGui::SetCursorScreenPos(ImVec2(x0, fr.contentMin.y + 1.6f * em));
    fr.ui.textCentered(fr.t("app.subtitle"), fr.f().large, color::kTextMuted, x0, w);
    ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y + 0.4f * em));
    fr.ui.textCentered(fr.t("attract.lead"), fr.f().title, color::kText, x0, w);

    // Three program cards, each with its own pictogram.
    struct Card {
        Pictogram icon;
        const char* name;
        const char* desc;
    };
    constexpr Card kCards[] = {{Pictogram::Shield, "program.pijar_semar.name", "program.pijar_semar.desc"},
                               {Pictogram::Tools, "program.blk.name", "program.blk.desc"},
                               {Pictogram::Handshake, "program.mediation.name", "program.mediation.desc"}};
    const float gap = 1.2f * em;
    const bool stack = fr.portrait();
    const float cardW = stack ? w : (w - 2 * gap) / 3;
    const float cardH = stack ? 5.2f * em : 7.2f * em;
    float y = ImGui::GetCursorScreenPos().y + 1.4f * em;
    for (int i = 0; i < 3; ++i) {
        const ImVec2 min = stack ? ImVec2(x0, y + static_cast<float>(i) * (cardH + gap))
                                 : ImVec2(x0 + static_cast<float>(i) * (cardW + gap), y);
        const ImVec2 max(min.x + cardW, min.y + cardH);
        fr.ui.panel(min, max, color::kSurface, color::kOutline);
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const float icon = 3.2f * em;
        drawPictogram(dl, kCards[i].icon, ImVec2(min.x + 0.8f * em + icon * 0.5f, min.y + 0.8f * em + icon * 0.5f), icon,
                      color::kBrand);
        const float tx = min.x + 1.6f * em + icon;
        const float tw = max.x - tx - 0.8f * em;
        ImGui::SetCursorScreenPos(ImVec2(tx, min.y + 0.8f * em));
        fr.ui.text(fr.t(kCards[i].name), fr.f().large, color::kBrand, tw);
        ImGui::SetCursorScreenPos(ImVec2(tx, ImGui::GetCursorScreenPos().y - 0.3f * em));
        fr.ui.text(fr.t(kCards[i].desc), fr.f().body, color::kText, tw);
    }
    y = stack ? y + 3 * (cardH + gap) : y + cardH + gap;

    // A notice for staff along the bottom (a worker can still touch anywhere to start).
    float bottom = fr.contentMax.y;
    if (!fr.ctx.staffAlertKey.empty()) {
        const std::string note = core::formatText(fr.t(fr.ctx.staffAlertKey), {{"kiosk", std::string(fr.ctx.kioskId)}});
        bottom = fr.contentMax.y - 1.0f * em - noteHeight(fr, note, w);
        ImGui::SetCursorScreenPos(ImVec2(x0, bottom));
        drawNote(fr, note, color::kWarn, color::kWarnBg, Pictogram::Alert, w);
    }

    // The call to action, with a tapping hand.
    const float ctaH = 4.2f * em;
    const float ctaW = std::min(w, 26.0f * em);
    const ImVec2 ctaMin(x0 + (w - ctaW) * 0.5f, std::max(y, std::min(y + 0.6f * em, bottom - ctaH - 1.2f * em)));
    const ImVec2 ctaMax(ctaMin.x + ctaW, ctaMin.y + ctaH);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ctaMin, ctaMax, color::kBrand, 0.6f * em);
    drawPictogram(dl, Pictogram::HandTap, ImVec2(ctaMin.x + 2.2f * em, (ctaMin.y + ctaMax.y) * 0.5f), 2.8f * em,
                  color::kOnBrand);
    const std::string_view cta = fr.t("attract.touch_to_start");
    ImFont* font = fr.f().title;
    const float textW = ctaW - 4.6f * em;
    const ImVec2 ts = font->CalcTextSizeA(font->FontSize, FLT_MAX, textW, cta.data(), cta.data() + cta.size());
    dl->AddText(font, font->FontSize, ImVec2(ctaMin.x + 4.0f * em + (textW - ts.x) * 0.5f, ctaMin.y + (ctaH - ts.y) * 0.5f),
                color::kOnBrand, cta.data(), cta.data() + cta.size(), textW);
}

// ---- language -----------------------------------------------------------------------------------

void drawChooseLanguage(Frame& fr, Intent& out) {
    const float em = fr.em();
    const float w = std::min(fr.contentWidth() - 4 * em, 30.0f * em);
    const float x0 = fr.contentMin.x + (fr.contentWidth() - w) * 0.5f;
    ImGui::SetCursorScreenPos(ImVec2(x0, fr.contentMin.y + 1.5f * em));
    // The question in every language, since the worker has not chosen yet.
    for (core::Lang l : fr.ctx.languages) {
        fr.ui.textCentered(fr.ctx.catalog->text(l, "language.title"), l == fr.ctx.languages.front() ? fr.f().title : fr.f().large,
                           l == fr.ctx.languages.front() ? color::kText : color::kTextMuted, x0, w);
    }
    float y = ImGui::GetCursorScreenPos().y + 1.2f * em;
    const float h = 3.6f * em;
    for (core::Lang l : fr.ctx.languages) {
        ImGui::SetCursorScreenPos(ImVec2(x0, y));
        const std::string id = "language." + std::string(core::langCode(l));
        if (fr.ui.button({fr.ctx.catalog->text(l, "lang.endonym"), id.c_str(), ImVec2(w, h), ButtonKind::Secondary,
                          Pictogram::Speech, fr.f().large, l == fr.state.lang}))
            set(out, ev::LanguageChosen{l});
        y += h + 0.8f * em;
    }
    ImGui::SetCursorScreenPos(ImVec2(x0, y + 0.6f * em));
    if (fr.ui.button({fr.t("nav.back"), "nav.back", ImVec2(10.0f * em, 2.9f * em), ButtonKind::Secondary, Pictogram::Back,
                      fr.f().bodyBold}))
        set(out, ev::BackPressed{});
}

// ---- identify -----------------------------------------------------------------------------------

// Which of the 16 boxes a reject points at, so the worker sees where to look (bit i = box i).
unsigned boxesAt(const std::vector<core::NikReject>& rejects) {
    unsigned mask = 0;
    for (core::NikReject r : rejects) {
        switch (r) {
            case core::NikReject::UnknownProvince: mask |= 0x0003u; break;
            case core::NikReject::BadDayCode: mask |= 0x00C0u; break;
            case core::NikReject::BadMonth: mask |= 0x0300u; break;
            case core::NikReject::NoSuchDate: mask |= 0x0FC0u; break;
            case core::NikReject::SerialZero: mask |= 0xF000u; break;
            case core::NikReject::NotSixteenDigits: mask |= 0xFFFFu; break;
        }
    }
    return mask;
}

// 16 boxes grouped 4-4-4-4, like the number on the card; the next box to fill is marked, and
// boxes a reject points at are drawn red.
void drawNikBoxes(Frame& fr, std::string_view digits, float x0, float width, unsigned errorBoxes) {
    const float em = fr.em();
    const float groupGap = 0.8f * em;
    const float gap = 0.18f * em;
    const float cell = std::min(1.7f * em, (width - 3 * groupGap - 12 * gap) / 16.0f);
    const float h = cell * 1.45f;
    const float total = 16 * cell + 12 * gap + 3 * groupGap;
    float x = x0 + (width - total) * 0.5f;
    const float y = ImGui::GetCursorScreenPos().y;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImFont* font = fr.f().large;
    for (std::size_t i = 0; i < core::kNikDigits; ++i) {
        const bool filled = i < digits.size();
        const bool cursor = i == digits.size();
        const ImVec2 min(x, y);
        const ImVec2 max(x + cell, y + h);
        dl->AddRectFilled(min, max, color::kSurface, 0.15f * em);
        const bool bad = (errorBoxes >> i) & 1u;
        if (bad) dl->AddRectFilled(min, max, color::kBadBg, 0.15f * em);
        const ImU32 border = bad ? color::kBad : cursor ? color::kBrand : color::kOutline;
        dl->AddRect(min, max, border, 0.15f * em, ImDrawFlags_None, (cursor || bad) ? 0.16f * em : 0.07f * em);
        if (filled) {
            const char c[2] = {digits[i], 0};
            const ImVec2 ts = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, c);
            dl->AddText(font, font->FontSize, ImVec2(x + (cell - ts.x) * 0.5f, y + (h - ts.y) * 0.5f), color::kText, c);
        }
        x += cell + ((i % 4 == 3) ? groupGap : gap);
    }
    ImGui::Dummy(ImVec2(width, h));
}

// The camera picture with a centred aiming frame: Debian's ZXing finds DataMatrix codes only near
// the centre, and everyone aims better at a target.
void drawCameraPreview(Frame& fr, const CameraPreview& cam, float x0, float width, float bottom) {
    const float em = fr.em();
    ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y + 0.4f * em));
    fr.ui.textCentered(fr.t("identify.camera_hint"), fr.f().bodyBold, color::kText, x0, width);
    const float top = ImGui::GetCursorScreenPos().y + 0.4f * em;
    float h = bottom - top;
    float w = h * cam.aspect;
    if (w > width) {
        w = width;
        h = w / cam.aspect;
    }
    if (h < 4.0f * em) return;
    const ImVec2 min(x0 + (width - w) * 0.5f, top);
    const ImVec2 max(min.x + w, min.y + h);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddImageRounded(cam.texture, min, max, ImVec2(0, 0), ImVec2(1, 1), IM_COL32_WHITE, 0.4f * em);
    const float side = h * 0.62f;
    const ImVec2 c((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f);
    const ImVec2 gMin(c.x - side * 0.5f, c.y - side * 0.5f);
    const ImVec2 gMax(c.x + side * 0.5f, c.y + side * 0.5f);
    dl->AddRect(gMin, gMax, color::kDemo, 0.3f * em, ImDrawFlags_None, 0.18f * em);
    ImGui::SetCursorScreenPos(ImVec2(x0, max.y));
}

// A drawing of a KTP with the NIK row marked: "where do I find the number?" answered without reading.
void drawKtpHint(Frame& fr, float x0, float width, float bottom) {
    const float em = fr.em();
    const float top = ImGui::GetCursorScreenPos().y + 0.6f * em;
    const float cardH = std::min(9.0f * em, bottom - top - 2.0f * em);
    if (cardH < 6.0f * em) return;  // not enough room: the words above already say it
    const float cardW = cardH * 1.58f;  // ID-1 card proportions
    const ImVec2 min(x0 + (width - cardW) * 0.5f, top);
    const ImVec2 max(min.x + cardW, min.y + cardH);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 card = color::rgb(0xD6, 0xE8, 0xF5);
    const ImU32 ink = color::rgb(0x8A, 0x9B, 0xAD);
    dl->AddRectFilled(min, max, card, 0.5f * em);
    dl->AddRect(min, max, color::kOutline, 0.5f * em, ImDrawFlags_None, 2.0f);
    const float u = cardH / 10.0f;  // card unit
    // Header lines (province, city).
    dl->AddRectFilled(ImVec2(min.x + 3.0f * u, min.y + 0.7f * u), ImVec2(max.x - 3.0f * u, min.y + 1.1f * u), ink, 0.2f * u);
    dl->AddRectFilled(ImVec2(min.x + 4.0f * u, min.y + 1.5f * u), ImVec2(max.x - 4.0f * u, min.y + 1.9f * u), ink, 0.2f * u);
    // The NIK row, marked like a highlighter pen.
    ImFont* label = fr.f().bodyBold;
    const std::string_view nikLabel = fr.t("identify.card_nik");
    const ImVec2 rowMin(min.x + 0.6f * u, min.y + 2.5f * u);
    const ImVec2 rowMax(max.x - 4.2f * u, min.y + 4.1f * u);
    dl->AddRectFilled(ImVec2(rowMin.x - 0.2f * u, rowMin.y - 0.2f * u), ImVec2(rowMax.x + 0.2f * u, rowMax.y + 0.2f * u),
                      color::kDemo, 0.3f * u);
    dl->AddRect(ImVec2(rowMin.x - 0.2f * u, rowMin.y - 0.2f * u), ImVec2(rowMax.x + 0.2f * u, rowMax.y + 0.2f * u),
                color::kText, 0.3f * u, ImDrawFlags_None, 3.0f);
    dl->AddText(label, label->FontSize, ImVec2(rowMin.x + 0.3f * u, (rowMin.y + rowMax.y - label->FontSize) * 0.5f),
                color::kText, nikLabel.data(), nikLabel.data() + nikLabel.size());
    const float digitsX = rowMin.x + 0.6f * u + label->CalcTextSizeA(label->FontSize, FLT_MAX, 0, nikLabel.data(),
                                                                      nikLabel.data() + nikLabel.size()).x;
    const float cell = (rowMax.x - digitsX - 0.4f * u) / 16.0f;
    for (int i = 0; i < 16; ++i) {
        const float cx = digitsX + (static_cast<float>(i) + 0.5f) * cell;
        dl->AddRectFilled(ImVec2(cx - cell * 0.3f, rowMin.y + 0.45f * u), ImVec2(cx + cell * 0.3f, rowMax.y - 0.45f * u),
                          color::kText, 0.1f * u);
    }
    // Other rows: name, birth, address.
    for (int r = 0; r < 4; ++r) {
        const float y = min.y + (4.9f + 1.1f * static_cast<float>(r)) * u;
        dl->AddRectFilled(ImVec2(min.x + 0.8f * u, y), ImVec2(min.x + (3.6f + 0.6f * static_cast<float>(r % 2)) * u, y + 0.4f * u), ink, 0.2f * u);
        dl->AddRectFilled(ImVec2(min.x + 4.4f * u, y), ImVec2(max.x - 4.6f * u - static_cast<float>(r) * 0.6f * u, y + 0.4f * u), ink, 0.2f * u);
    }
    // Photo.
    dl->AddRectFilled(ImVec2(max.x - 3.4f * u, min.y + 2.6f * u), ImVec2(max.x - 0.8f * u, min.y + 6.2f * u), ink, 0.2f * u);
    drawPictogram(dl, Pictogram::Person, ImVec2(max.x - 2.1f * u, min.y + 4.3f * u), 2.4f * u, card);
    ImGui::SetCursorScreenPos(ImVec2(x0, max.y + 0.4f * em));
    fr.ui.textCentered(fr.t("identify.card_hint"), fr.f().body, color::kTextMuted, x0, width);
}

void drawKeypad(Frame& fr, Intent& out, ImVec2 pos, float keyW, float keyH, float gap) {
    constexpr const char* kDigitIds[] = {"keypad.0", "keypad.1", "keypad.2", "keypad.3", "keypad.4",
                                         "keypad.5", "keypad.6", "keypad.7", "keypad.8", "keypad.9"};
    // Telephone order (1 2 3 on top), as on every phone a worker has used.
    constexpr int kLayout[4][3] = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}, {-1, 0, -2}};
    for (int r = 0; r < 4; ++r) {
        for (int c = 0; c < 3; ++c) {
            const int k = kLayout[r][c];
            ImGui::SetCursorScreenPos(ImVec2(pos.x + static_cast<float>(c) * (keyW + gap), pos.y + static_cast<float>(r) * (keyH + gap)));
            if (k >= 0) {
                const char label[2] = {static_cast<char>('0' + k), 0};
                if (fr.ui.button({label, kDigitIds[k], ImVec2(keyW, keyH), ButtonKind::Secondary, Pictogram::None,
                                  fr.f().title}))
                    set(out, ev::KeypadDigit{label[0]});
            } else if (k == -1) {
                if (fr.ui.button({fr.t("identify.clear"), "keypad.clear", ImVec2(keyW, keyH), ButtonKind::Secondary,
                                  Pictogram::None, fr.f().bodyBold}))
                    set(out, ev::KeypadClear{});
            } else {
                if (fr.ui.button({fr.t("identify.backspace"), "keypad.backspace", ImVec2(keyW, keyH), ButtonKind::Secondary,
                                  Pictogram::Backspace, fr.f().bodyBold, false, true}))
                    set(out, ev::KeypadBackspace{});
            }
        }
    }
}

void drawIdentify(Frame& fr, const core::Identify& id, Intent& out) {
    const float em = fr.em();
    const float pad = 1.5f * em;
    const float keyW = 5.0f * em;
    const float keyH = 2.9f * em;
    const float gap = 0.5f * em;
    const float padW = 3 * keyW + 2 * gap;
    const float padH = 4 * keyH + 3 * gap + 0.8f * em + 3.0f * em;  // keys, then "Continue"

    const bool stack = fr.portrait();
    const float leftW = stack ? fr.contentWidth() - 2 * pad : fr.contentWidth() - 3 * pad - padW;
    const float x0 = fr.contentMin.x + pad;
    ImGui::SetCursorScreenPos(ImVec2(x0, fr.contentMin.y + pad));

    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float iconSize = 2.4f * em;
    drawPictogram(dl, Pictogram::Card, ImVec2(x0 + iconSize * 0.5f, fr.contentMin.y + pad + 0.9f * em), iconSize, color::kBrand);
    ImGui::SetCursorScreenPos(ImVec2(x0 + iconSize + 0.6f * em, fr.contentMin.y + pad));
    fr.ui.text(fr.t("identify.title"), fr.f().title, color::kText, leftW - iconSize - 0.6f * em);
    ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y + 0.3f * em));
    fr.ui.text(fr.t("identify.hint"), fr.f().body, color::kTextMuted, leftW);
    ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y + 1.0f * em));

    const bool error = !id.rejects.empty() || id.scannedNotANik;
    drawNikBoxes(fr, id.digits, x0, leftW, id.scannedNotANik ? 0u : boxesAt(id.rejects));
    ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y + 0.3f * em));
    const std::string count = core::formatText(fr.t("identify.count"), {{"n", std::to_string(id.digits.size())}});
    fr.ui.textCentered(count, fr.f().bodyBold, color::kTextMuted, x0, leftW);
    ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y + 0.8f * em));

    // Why the number was refused, right below where it is typed.
    for (core::NikReject r : id.rejects) {
        const std::string key = "identify.reject." + std::string(core::toKey(r));
        drawNote(fr, fr.t(key), color::kBad, color::kBadBg, Pictogram::Cross, leftW);
        ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y + 0.2f * em));
    }
    if (id.scannedNotANik) drawNote(fr, fr.t("identify.scan_not_nik"), color::kBad, color::kBadBg, Pictogram::Cross, leftW);

    const ImVec2 padPos = stack ? ImVec2(fr.contentMin.x + (fr.contentWidth() - padW) * 0.5f, fr.contentMax.y - pad - padH)
                          : ImVec2(fr.contentMax.x - pad - padW, fr.contentMin.y + (fr.contentHeight() - padH) * 0.5f);
    const float hintBottom = stack ? padPos.y - pad : fr.contentMax.y - pad;
    if (fr.ctx.camera) drawCameraPreview(fr, *fr.ctx.camera, x0, leftW, hintBottom);
    else if (!error) drawKtpHint(fr, x0, leftW, hintBottom);
    drawKeypad(fr, out, padPos, keyW, keyH, gap);
    ImGui::SetCursorScreenPos(ImVec2(padPos.x, padPos.y + 4 * keyH + 3 * gap + 0.8f * em));
    const bool complete = id.digits.size() == core::kNikDigits;
    if (fr.ui.button({fr.t("identify.continue"), "identify.continue", ImVec2(padW, 3.0f * em),
                      complete ? ButtonKind::Primary : ButtonKind::Secondary, Pictogram::Check, fr.f().large}))
        set(out, ev::NikSubmitted{});
}

// ---- confirm ------------------------------------------------------------------------------------

void drawConfirm(Frame& fr, const core::ConfirmIdentity& c, Intent& out) {
    const float em = fr.em();
    const float w = std::min(fr.contentWidth() - 4 * em, 40.0f * em);
    const float x0 = fr.contentMin.x + (fr.contentWidth() - w) * 0.5f;
    ImGui::SetCursorScreenPos(ImVec2(x0, fr.contentMin.y + 1.4f * em));
    fr.ui.textCentered(fr.t("confirm.title"), fr.f().title, color::kText, x0, w);
    ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y + 0.8f * em));

    // The NIK masked: only the first and last four digits are shown once typing is over.
    const ImVec2 boxMin = ImGui::GetCursorScreenPos();
    const float boxH = 3.6f * em;
    fr.ui.panel(boxMin, ImVec2(boxMin.x + w, boxMin.y + boxH), color::kSurface, color::kOutline);
    ImGui::SetCursorScreenPos(ImVec2(x0, boxMin.y + (boxH - fr.f().display->FontSize) * 0.5f));
    fr.ui.textCentered(core::maskNik(c.nik.digits), fr.f().display, color::kText, x0, w);
    ImGui::SetCursorScreenPos(ImVec2(x0, boxMin.y + boxH + 0.5f * em));
    fr.ui.textCentered(fr.t("confirm.compare"), fr.f().body, color::kTextMuted, x0, w);
    ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y + 0.8f * em));

    for (core::NikWarning warn : c.nik.warnings) {
        const std::string key = "confirm.warning." + std::string(core::toKey(warn));
        drawNote(fr, fr.t(key), color::kWarn, color::kWarnBg, Pictogram::Alert, w);
        ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y + 0.3f * em));
    }

    const float y = std::max(ImGui::GetCursorScreenPos().y + 0.8f * em, fr.contentMax.y - 4.4f * em);
    buttonPair(fr, out, ImVec2(x0, y), w,
               {fr.t("confirm.no"), "confirm.no", {}, ButtonKind::Secondary, Pictogram::Back, fr.f().large},
               ev::BackPressed{},
               {fr.t("confirm.yes"), "confirm.yes", {}, ButtonKind::Primary, Pictogram::Check, fr.f().large},
               ev::IdentityConfirmed{});
}

// ---- checking -----------------------------------------------------------------------------------

void drawChecking(Frame& fr, Intent& out) {
    const float em = fr.em();
    const float w = std::min(fr.contentWidth() - 4 * em, 36.0f * em);
    const float x0 = fr.contentMin.x + (fr.contentWidth() - w) * 0.5f;
    const float cy = fr.contentMin.y + fr.contentHeight() * 0.32f;
    drawSpinner(ImGui::GetWindowDrawList(), ImVec2(fr.contentMin.x + fr.contentWidth() * 0.5f, cy), 2.4f * em,
                fr.ctx.timeSeconds, color::kBrand);
    ImGui::SetCursorScreenPos(ImVec2(x0, cy + 3.6f * em));
    fr.ui.textCentered(fr.t("checking.title"), fr.f().title, color::kText, x0, w);
    ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y + 0.4f * em));
    fr.ui.textCentered(fr.t("checking.hint"), fr.f().body, color::kTextMuted, x0, w);
    const float bw = 12.0f * em;
    ImGui::SetCursorScreenPos(ImVec2(x0 + (w - bw) * 0.5f, fr.contentMax.y - 4.4f * em));
    if (fr.ui.button({fr.t("checking.cancel"), "checking.cancel", ImVec2(bw, 3.0f * em), ButtonKind::Secondary,
                      Pictogram::Cross, fr.f().large}))
        set(out, ev::CancelChecking{});
}

// ---- results ------------------------------------------------------------------------------------

struct StatusLook {
    const char* key;
    ImU32 fg, bg;
    Pictogram icon;
};
StatusLook lookFor(core::DecisionStatus s) {
    switch (s) {
        case core::DecisionStatus::Eligible: return {"eligible", color::kGood, color::kGoodBg, Pictogram::Check};
        case core::DecisionStatus::Ineligible: return {"ineligible", color::kBad, color::kBadBg, Pictogram::Cross};
        case core::DecisionStatus::AlreadyEnrolled: return {"already_enrolled", color::kInfo, color::kInfoBg, Pictogram::Check};
        case core::DecisionStatus::ReferToStaff: return {"refer_to_staff", color::kWarn, color::kWarnBg, Pictogram::Person};
        case core::DecisionStatus::Submitted: return {"submitted", color::kInfo, color::kInfoBg, Pictogram::Clock};
    }
    return {"refer_to_staff", color::kWarn, color::kWarnBg, Pictogram::Person};
}

const char* programKey(core::ProgramId p) {
    switch (p) {
        case core::ProgramId::PijarSemar: return "pijar_semar";
        case core::ProgramId::Blk: return "blk";
        case core::ProgramId::Mediation: return "mediation";
    }
    return "pijar_semar";
}

Pictogram programIcon(core::ProgramId p) {
    switch (p) {
        case core::ProgramId::PijarSemar: return Pictogram::Shield;
        case core::ProgramId::Blk: return Pictogram::Tools;
        case core::ProgramId::Mediation: return Pictogram::Handshake;
    }
    return Pictogram::Shield;
}

std::string_view reasonTextPlain(const Frame& fr, const core::Reason& r) {
    const std::string key = "reason." + r.code;
    if (fr.ctx.catalog->has(fr.state.lang, key)) return fr.t(key);
    const std::string& server = r.message.in(fr.state.lang);
    return server.empty() ? fr.t("reason.unknown") : std::string_view(server);
}

// The reason in the kiosk's own plain words when we know the code; else the server's text.
// "Already covered" names the date the cover began when the central API gave it.
std::string reasonText(const Frame& fr, const core::Reason& r, const core::PersonSummary& person) {
    if (r.code == "already_enrolled" && person.bpjsSince) {
        char date[16];
        std::snprintf(date, sizeof date, "%02d-%02d-%04d", person.bpjsSince->day, person.bpjsSince->month, person.bpjsSince->year);
        return core::formatText(fr.t("reason.already_enrolled_since"), {{"date", date}});
    }
    return std::string(reasonTextPlain(fr, r));
}

void drawProgramCard(Frame& fr, const core::ProgramDecision& d, const core::PersonSummary& person, ImVec2 min, ImVec2 max,
                     Intent& out) {
    const float em = fr.em();
    const StatusLook look = lookFor(d.status);
    fr.ui.panel(min, max, color::kSurface, look.fg);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float pad = 0.9f * em;
    const float icon = 2.6f * em;
    drawPictogram(dl, programIcon(d.program), ImVec2(min.x + pad + icon * 0.5f, min.y + pad + icon * 0.5f), icon, color::kBrand);
    const float w = max.x - min.x - 2 * pad;
    ImGui::SetCursorScreenPos(ImVec2(min.x + pad + icon + 0.5f * em, min.y + pad + (icon - fr.f().large->FontSize) * 0.5f));
    fr.ui.text(fr.t("program." + std::string(programKey(d.program)) + ".name"), fr.f().large, color::kBrand, w - icon - 0.5f * em);

    // Status badge: colour, icon and word together (never colour alone).
    const float badgeH = 2.3f * em;
    const ImVec2 bMin(min.x + pad, min.y + pad + icon + 0.6f * em);
    const ImVec2 bMax(max.x - pad, bMin.y + badgeH);
    dl->AddRectFilled(bMin, bMax, look.bg, 0.3f * em);
    drawPictogram(dl, look.icon, ImVec2(bMin.x + 0.4f * em + 0.75f * em, (bMin.y + bMax.y) * 0.5f), 1.5f * em, look.fg);
    ImFont* bf = fr.f().large;
    const std::string_view status = fr.t("results.status." + std::string(look.key));
    dl->AddText(bf, bf->FontSize, ImVec2(bMin.x + 2.3f * em, bMin.y + (badgeH - bf->FontSize) * 0.5f), look.fg,
                status.data(), status.data() + status.size());

    ImGui::SetCursorScreenPos(ImVec2(min.x + pad, bMax.y + 0.6f * em));
    for (const core::Reason& r : d.reasons) {
        fr.ui.text(reasonText(fr, r, person), fr.f().body, color::kText, w);
        ImGui::SetCursorScreenPos(ImVec2(min.x + pad, ImGui::GetCursorScreenPos().y + 0.2f * em));
    }
    if (d.funding != core::Funding::None) {
        const std::string key = d.funding == core::Funding::Apbd ? "results.funding.apbd" : "results.funding.dbhcht";
        const std::string line = core::formatText(fr.t(key), {{"n", std::to_string(d.placesLeft.value_or(0))}});
        fr.ui.text(line, fr.f().bodyBold, color::kText, w);
        ImGui::SetCursorScreenPos(ImVec2(min.x + pad, ImGui::GetCursorScreenPos().y + 0.2f * em));
    }
    // Pijar Semar can be signed up for right here: the button is the next step.
    if (d.program == core::ProgramId::PijarSemar && d.status == core::DecisionStatus::Eligible) {
        const float bh = 3.0f * em;
        ImGui::SetCursorScreenPos(ImVec2(min.x + pad, std::max(ImGui::GetCursorScreenPos().y + 0.3f * em, max.y - pad - bh)));
        if (fr.ui.button({fr.t("results.enroll"), "results.enroll", ImVec2(w, bh), ButtonKind::Primary, Pictogram::HandTap,
                          fr.f().large}))
            set(out, ev::StartEnrollment{});
        return;
    }
    // The next step, pinned to the bottom of the card.
    const std::string nextKey = "results.next." + std::string(look.key) + "." + programKey(d.program);
    const std::string_view next = fr.t(nextKey);
    ImFont* nf = fr.f().bodyBold;
    const ImVec2 ns = nf->CalcTextSizeA(nf->FontSize, FLT_MAX, w, next.data(), next.data() + next.size());
    const float ny = std::max(ImGui::GetCursorScreenPos().y + 0.3f * em, max.y - pad - ns.y);
    dl->AddLine(ImVec2(min.x + pad, ny - 0.4f * em), ImVec2(max.x - pad, ny - 0.4f * em), color::kOutline, 1.5f);
    dl->AddText(nf, nf->FontSize, ImVec2(min.x + pad, ny), color::kText, next.data(), next.data() + next.size(), w);
}

void drawResults(Frame& fr, const core::Results& r, Intent& out) {
    const float em = fr.em();
    const float pad = 1.5f * em;
    const float x0 = fr.contentMin.x + pad;
    const float w = fr.contentWidth() - 2 * pad;
    ImGui::SetCursorScreenPos(ImVec2(x0, fr.contentMin.y + 1.0f * em));
    const std::string greeting = core::formatText(fr.t("results.greeting"), {{"name", r.outcome.person.displayName}});
    fr.ui.text(greeting, fr.f().title, color::kText, w);
    fr.ui.text(fr.t("results.title"), fr.f().body, color::kTextMuted, w);
    const float top = ImGui::GetCursorScreenPos().y + 0.8f * em;
    const float bottom = fr.contentMax.y - 4.6f * em;
    const float gap = 1.0f * em;
    const bool stack = fr.portrait();
    const float cardW = stack ? w : (w - 2 * gap) / 3;
    const float cardH = stack ? (bottom - top - 2 * gap) / 3 : bottom - top;
    for (std::size_t i = 0; i < r.outcome.programs.size(); ++i) {
        const float fi = static_cast<float>(i);
        const ImVec2 min = stack ? ImVec2(x0, top + fi * (cardH + gap)) : ImVec2(x0 + fi * (cardW + gap), top);
        drawProgramCard(fr, r.outcome.programs[i], r.outcome.person, min, ImVec2(min.x + cardW, min.y + cardH), out);
    }
    // Staff on the left, "finish" on the right: someone who cannot go on alone always has a way.
    const float bw = std::min(16.0f * em, (w - gap) * 0.5f);
    const float by = fr.contentMax.y - 3.8f * em;
    ImGui::SetCursorScreenPos(ImVec2(x0, by));
    if (fr.ui.button({fr.t("results.staff"), "results.staff", ImVec2(bw, 3.0f * em), ButtonKind::Secondary, Pictogram::Person,
                      fr.f().large}))
        set(out, ev::CallStaff{});
    ImGui::SetCursorScreenPos(ImVec2(x0 + w - bw, by));
    if (fr.ui.button({fr.t("results.finish"), "results.finish", ImVec2(bw, 3.0f * em), ButtonKind::Secondary, Pictogram::Check,
                      fr.f().large}))
        set(out, ev::FinishVisit{});
}

// ---- service problem ----------------------------------------------------------------------------

const char* problemKey(core::ServiceErrorKind k) {
    switch (k) {
        case core::ServiceErrorKind::Offline: return "problem.offline";
        case core::ServiceErrorKind::Timeout: return "problem.timeout";
        case core::ServiceErrorKind::NotFound: return "problem.not_found";
        case core::ServiceErrorKind::Tls:
        case core::ServiceErrorKind::Unauthorized:
        case core::ServiceErrorKind::Refused:
        case core::ServiceErrorKind::Invalid:
        case core::ServiceErrorKind::ServerError: break;
    }
    return "problem.service";
}

void drawServiceProblem(Frame& fr, const core::ServiceProblem& p, Intent& out) {
    const float em = fr.em();
    const auto [x0, w] = problemPage(fr, color::kWarn, fr.t("problem.title"), fr.t(problemKey(p.error.kind)), fr.t("problem.staff"));
    const bool retryable = p.error.kind != core::ServiceErrorKind::NotFound;
    const ImVec2 pos(x0, fr.contentMax.y - 4.4f * em);
    if (retryable) {
        buttonPair(fr, out, pos, w, {fr.t("problem.finish"), "problem.finish", {}, ButtonKind::Secondary, Pictogram::Home, fr.f().large},
                   ev::FinishVisit{},
                   {fr.t("problem.retry"), "problem.retry", {}, ButtonKind::Primary, Pictogram::Back, fr.f().large},
                   ev::RetryChecking{});
    } else {
        const float bw = 16.0f * em;
        ImGui::SetCursorScreenPos(ImVec2(x0 + (w - bw) * 0.5f, pos.y));
        if (fr.ui.button({fr.t("problem.finish"), "problem.finish", ImVec2(bw, 3.0f * em), ButtonKind::Primary,
                          Pictogram::Home, fr.f().large}))
            set(out, ev::FinishVisit{});
    }
}

// ---- receipt ------------------------------------------------------------------------------------

void drawReceipt(Frame& fr, const core::Receipt& r, Intent& out) {
    const float em = fr.em();
    const float w = std::min(fr.contentWidth() - 4 * em, 40.0f * em);
    const float x0 = fr.contentMin.x + (fr.contentWidth() - w) * 0.5f;
    const float cy = fr.contentMin.y + 3.4f * em;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddCircleFilled(ImVec2(x0 + w * 0.5f, cy), 2.2f * em, color::kGoodBg);
    drawPictogram(dl, Pictogram::Check, ImVec2(x0 + w * 0.5f, cy), 3.2f * em, color::kGood);
    ImGui::SetCursorScreenPos(ImVec2(x0, cy + 3.0f * em));
    fr.ui.textCentered(fr.t("receipt.title"), fr.f().title, color::kText, x0, w);
    ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y + 0.5f * em));
    fr.ui.textCentered(core::formatText(fr.t("receipt.nik"), {{"nik", r.maskedNik}}), fr.f().large, color::kText, x0, w);
    ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y + 0.5f * em));
    fr.ui.textCentered(fr.t("receipt.body"), fr.f().body, color::kText, x0, w);
    const std::int64_t leftMs = std::int64_t{fr.state.settings.receiptSeconds} * 1000 - (fr.state.nowMs - r.shownMs);
    const std::string autoText = core::formatText(fr.t("receipt.auto"), {{"n", std::to_string(std::max<std::int64_t>(0, (leftMs + 999) / 1000))}});
    ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y + 0.5f * em));
    fr.ui.textCentered(autoText, fr.f().body, color::kTextMuted, x0, w);
    const float bw = 14.0f * em;
    ImGui::SetCursorScreenPos(ImVec2(x0 + (w - bw) * 0.5f, fr.contentMax.y - 4.4f * em));
    if (fr.ui.button({fr.t("receipt.done"), "receipt.done", ImVec2(bw, 3.0f * em), ButtonKind::Primary, Pictogram::Home,
                      fr.f().large}))
        set(out, ev::FinishVisit{});
}

// ---- overlays -----------------------------------------------------------------------------------

// A dimmed full-screen layer with a centred dialog; it takes every touch while it is up.
void drawDialog(Frame& fr, Intent& out, const char* windowId, std::string_view title, std::string_view body,
                const std::string* big, const ButtonSpec& left, const Event& leftEvent, const ButtonSpec* right,
                const Event& rightEvent) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->Pos);
    ImGui::SetNextWindowSize(vp->Size);
    ImGui::SetNextWindowFocus();
    StyleColorScope bg(ImGuiCol_WindowBg, color::kScrim);
    WindowScope win(windowId, kFullscreenFlags & ~ImGuiWindowFlags_NoBringToFrontOnFocus);
    if (!win) return;
    const float em = fr.em();
    const float w = std::min(vp->Size.x - 4 * em, 40.0f * em);
    const float x0 = (vp->Size.x - w) * 0.5f;
    ImFont* tf = fr.f().title;
    ImFont* bf = fr.f().large;
    const float inner = w - 3 * em;
    const float th = tf->CalcTextSizeA(tf->FontSize, FLT_MAX, inner, title.data(), title.data() + title.size()).y;
    const float bh = bf->CalcTextSizeA(bf->FontSize, FLT_MAX, inner, body.data(), body.data() + body.size()).y;
    const float h = 1.5f * em + th + 0.6f * em + bh + (big ? fr.f().display->FontSize * 1.3f : 0) + 1.2f * em + 3.0f * em + 1.5f * em;
    const float y0 = (vp->Size.y - h) * 0.5f;
    fr.ui.panel(ImVec2(x0, y0), ImVec2(x0 + w, y0 + h), color::kSurface);
    ImGui::SetCursorScreenPos(ImVec2(x0 + 1.5f * em, y0 + 1.5f * em));
    fr.ui.textCentered(title, tf, color::kText, x0 + 1.5f * em, inner);
    ImGui::SetCursorScreenPos(ImVec2(x0 + 1.5f * em, ImGui::GetCursorScreenPos().y + 0.6f * em));
    fr.ui.textCentered(body, bf, color::kText, x0 + 1.5f * em, inner);
    if (big) {
        ImGui::SetCursorScreenPos(ImVec2(x0 + 1.5f * em, ImGui::GetCursorScreenPos().y + 0.2f * em));
        fr.ui.textCentered(*big, fr.f().display, color::kBad, x0 + 1.5f * em, inner);
    }
    const ImVec2 pos(x0 + 1.5f * em, y0 + h - 1.5f * em - 3.0f * em);
    if (right) {
        buttonPair(fr, out, pos, inner, left, leftEvent, *right, rightEvent);
    } else {
        ButtonSpec only = left;
        only.size = ImVec2(inner, 3.0f * em);
        ImGui::SetCursorScreenPos(pos);
        if (fr.ui.button(only)) set(out, leftEvent);
    }
}

void drawOverlay(Frame& fr, Intent& out) {
    switch (fr.state.overlay) {
        case core::Overlay::None: return;
        case core::Overlay::ConfirmHome: {
            const ButtonSpec yes{fr.t("home.yes"), "home.yes", {}, ButtonKind::Danger, Pictogram::Home, fr.f().large};
            drawDialog(fr, out, "##confirm_home", fr.t("home.title"), fr.t("home.body"), nullptr,
                       {fr.t("home.no"), "home.no", {}, ButtonKind::Secondary, Pictogram::Back, fr.f().large},
                       ev::HomeDismissed{}, &yes, ev::HomeConfirmed{});
            return;
        }
        case core::Overlay::StaffHelp: {
            const std::string body = core::formatText(fr.t("staff_help.body"), {{"kiosk", std::string(fr.ctx.kioskId)}});
            drawDialog(fr, out, "##staff_help", fr.t("staff_help.title"), body, nullptr,
                       {fr.t("staff_help.ok"), "staff_help.ok", {}, ButtonKind::Primary, Pictogram::Check, fr.f().large},
                       ev::DismissOverlay{}, nullptr, ev::DismissOverlay{});
            return;
        }
        case core::Overlay::IdlePrompt: {
            const std::string seconds =
                core::formatText(fr.t("idle.seconds"), {{"n", std::to_string(core::idleSecondsLeft(fr.state))}});
            drawDialog(fr, out, "##idle", fr.t("idle.title"), fr.t("idle.body"), &seconds,
                       {fr.t("idle.stay"), "idle.stay", {}, ButtonKind::Primary, Pictogram::HandTap, fr.f().large},
                       ev::StillHere{}, nullptr, ev::StillHere{});
            return;
        }
    }
}

}  // namespace detail

using namespace detail;

void drawOutOfService(const UiContext& ctx, std::string_view detailForStaff) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->Pos);
    ImGui::SetNextWindowSize(vp->Size);
    StyleColorScope bg(ImGuiCol_WindowBg, color::kBackground);
    WindowScope win("##out_of_service", kFullscreenFlags);
    if (!win) return;
    const core::VisitState dummy;
    const float em = kBodyPx * ctx.scale;
    Frame fr{dummy, ctx, Ui(em, ctx.targets), ImVec2(0, 0), vp->Size};
    const float w = std::min(vp->Size.x - 4 * em, 44.0f * em);
    const float x0 = (vp->Size.x - w) * 0.5f;
    drawPictogram(ImGui::GetWindowDrawList(), Pictogram::Alert, ImVec2(vp->Size.x * 0.5f, 4.0f * em), 4.0f * em, color::kWarn);
    ImGui::SetCursorScreenPos(ImVec2(x0, 7.0f * em));
    for (core::Lang l : core::kAllLangs) {
        fr.ui.textCentered(ctx.catalog->text(l, "out_of_service.title"), l == core::Lang::Id ? fr.f().title : fr.f().large,
                           color::kText, x0, w);
        fr.ui.textCentered(ctx.catalog->text(l, "out_of_service.body"), fr.f().body, color::kTextMuted, x0, w);
        ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y + 0.8f * em));
    }
    ImGui::SetCursorScreenPos(ImVec2(x0, vp->Size.y - 5.0f * em));
    fr.ui.text(detailForStaff, fr.f().body, color::kBad, w);
}

bool animating(const core::VisitState& state) {
    if (const auto* e = std::get_if<core::Enroll>(&state.screen))
        return e->step == core::EnrollStep::Occupation && state.occupations.empty() && !state.occupationsFailed;
    if (const auto* l = std::get_if<core::ReceiptLookup>(&state.screen)) return !l->result;
    return std::holds_alternative<core::CheckingEligibility>(state.screen) || std::holds_alternative<core::Saving>(state.screen);
}

std::optional<core::Event> drawVisit(const core::VisitState& state, const UiContext& ctx) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->Pos);
    ImGui::SetNextWindowSize(vp->Size);
    Intent out;
    {
        StyleColorScope bg(ImGuiCol_WindowBg, color::kBackground);
        WindowScope win("##visit", kFullscreenFlags);
        if (!win) return out;
        FontScope font(ctx.fonts->body);
        const float em = kBodyPx * ctx.scale;
        const float headerH = 3.4f * em;
        const float bandH = ctx.demoService ? 1.7f * em : 0.0f;
        Frame fr{state, ctx, Ui(em, ctx.targets), ImVec2(0, headerH + bandH), vp->Size};

        std::visit(
            [&](const auto& screen) {
                using S = std::decay_t<decltype(screen)>;
                if constexpr (std::is_same_v<S, core::Attract>) drawAttract(fr, out);
                else if constexpr (std::is_same_v<S, core::ChooseLanguage>) drawChooseLanguage(fr, out);
                else if constexpr (std::is_same_v<S, core::Identify>) drawIdentify(fr, screen, out);
                else if constexpr (std::is_same_v<S, core::ConfirmIdentity>) drawConfirm(fr, screen, out);
                else if constexpr (std::is_same_v<S, core::CheckingEligibility>) drawChecking(fr, out);
                else if constexpr (std::is_same_v<S, core::Results>) drawResults(fr, screen, out);
                else if constexpr (std::is_same_v<S, core::ServiceProblem>) drawServiceProblem(fr, screen, out);
                else if constexpr (std::is_same_v<S, core::Enroll>) drawEnroll(fr, screen, out);
                else if constexpr (std::is_same_v<S, core::Saving>) drawSaving(fr);
                else if constexpr (std::is_same_v<S, core::ReceiptLookup>) drawReceiptLookup(fr, screen, out);
                else if constexpr (std::is_same_v<S, core::SaveProblem>) drawSaveProblem(fr, screen, out);
                else if constexpr (std::is_same_v<S, core::Receipt>) {
                    if (screen.submission) drawSubmissionReceipt(fr, screen, out);
                    else drawReceipt(fr, screen, out);
                }
            },
            state.screen);
        // Header last so it draws over the content; its buttons take precedence in this frame.
        ImGui::SetCursorScreenPos(ImVec2(0, 0));
        drawHeader(fr, out, headerH);
        if (ctx.demoService) drawDemoBand(fr, headerH, bandH);
        if (state.overlay != core::Overlay::None) {
            out.reset();  // the dialog is modal: nothing underneath reacts
            drawOverlay(fr, out);
        }
    }
    return out;
}

}  // namespace kiosk::ui
