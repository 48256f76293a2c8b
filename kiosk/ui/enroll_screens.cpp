// Screens of the Pijar Semar enrollment: the form's steps, saving, "cannot save", and the receipt of a
// submission (QR, reference, status, what happens next, printer state).
// Sections: shared pieces · occupation · phone · pickers (kecamatan, kelurahan) · RT/RW · consent ·
// review · saving · save problem · receipt.
#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include "core/enrollment.hpp"
#include "ui/imgui_scope.hpp"
#include "ui/screen_frame.hpp"

namespace kiosk::ui::detail {
namespace {

constexpr std::array<core::EnrollStep, 7> kSteps{core::EnrollStep::Occupation, core::EnrollStep::Phone,
                                                 core::EnrollStep::Kecamatan,  core::EnrollStep::Kelurahan,
                                                 core::EnrollStep::RtRw,       core::EnrollStep::Consent,
                                                 core::EnrollStep::Review};

const char* stepKey(core::EnrollStep s) { return core::enrollStepKey(s); }

std::size_t stepIndex(core::EnrollStep s) {
    return static_cast<std::size_t>(std::find(kSteps.begin(), kSteps.end(), s) - kSteps.begin());
}

std::string occupationName(const Frame& fr, std::string_view code) {
    for (const core::Occupation& o : fr.state.occupations)
        if (o.code == code) return o.name.in(fr.state.lang);
    return std::string(code);
}

// Step n of 7 as a row of segments (done, current, to come) with the words, then the title and hint.
// Returns the y where the step's own content starts.
float drawStepHead(Frame& fr, core::EnrollStep step, float x0, float w, std::string_view hintOverride = {}) {
    const float em = fr.em();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float top = fr.contentMin.y + 0.8f * em;
    const std::size_t at = stepIndex(step);
    const float gap = 0.3f * em;
    const float segW = std::min(3.0f * em, (w * 0.5f - gap * 6) / 7);
    for (std::size_t i = 0; i < kSteps.size(); ++i) {
        const float x = x0 + static_cast<float>(i) * (segW + gap);
        const ImU32 col = i < at ? color::kGood : i == at ? color::kBrand : color::kSecondaryActive;
        dl->AddRectFilled(ImVec2(x, top), ImVec2(x + segW, top + 0.45f * em), col, 0.2f * em);
    }
    const std::string of = core::formatText(fr.t("enroll.step_of"), {{"n", std::to_string(at + 1)}, {"total", "7"}});
    ImFont* small = fr.f().bodyBold;
    dl->AddText(small, small->FontSize, ImVec2(x0 + 7 * (segW + gap) + 0.4f * em, top + (0.45f * em - small->FontSize) * 0.5f),
                color::kTextMuted, of.data(), of.data() + of.size());
    ImGui::SetCursorScreenPos(ImVec2(x0, top + 1.0f * em));
    const std::string k = std::string("enroll.") + stepKey(step);
    fr.ui.text(fr.t(k + ".title"), fr.f().title, color::kText, w);
    const std::string hintKey = hintOverride.empty() ? k + ".hint" : std::string(hintOverride);
    if (fr.ctx.catalog->has(fr.state.lang, hintKey)) fr.ui.text(fr.t(hintKey), fr.f().body, color::kTextMuted, w);
    return ImGui::GetCursorScreenPos().y + 0.6f * em;
}

constexpr float kBarH = 3.0f;  // em: the bottom bar's buttons

float barTop(const Frame& fr) { return fr.contentMax.y - 1.0f * fr.em() - kBarH * fr.em(); }

// Too narrow for Back and two more wide buttons in one bar (portrait): page buttons and the consent
// answers then get a row of their own above the bar.
bool narrowBar(const Frame& fr) { return fr.contentWidth() - 4.0f * fr.em() < 37.0f * fr.em(); }
float upperRowTop(const Frame& fr) { return barTop(fr) - (kBarH + 0.8f) * fr.em(); }
// Where a paged grid ends: above the page row when it has one of its own.
float pagedBottom(const Frame& fr, std::size_t pages) {
    return (pages > 1 && narrowBar(fr) ? upperRowTop(fr) : barTop(fr)) - 0.8f * fr.em();
}

// Back on the left of the bottom bar (every step has it).
void backButton(Frame& fr, Intent& out, float x0) {
    ImGui::SetCursorScreenPos(ImVec2(x0, barTop(fr)));
    if (fr.ui.button({fr.t("nav.back"), "enroll.back", ImVec2(9.0f * fr.em(), kBarH * fr.em()), ButtonKind::Secondary,
                      Pictogram::Back, fr.f().large}))
        set(out, ev::BackPressed{});
}

void continueButton(Frame& fr, Intent& out, ImVec2 pos, float w, bool ready) {
    ImGui::SetCursorScreenPos(pos);
    if (fr.ui.button({fr.t("enroll.continue"), "enroll.continue", ImVec2(w, kBarH * fr.em()),
                      ready ? ButtonKind::Primary : ButtonKind::Secondary, Pictogram::Check, fr.f().large}))
        set(out, ev::StepContinue{});
}

// Page buttons in the middle of the bottom bar, only when there is more than one page.
void pageButtons(Frame& fr, Intent& out, float x0, float w, std::size_t page, std::size_t pages) {
    if (pages <= 1) return;
    const float em = fr.em();
    const float bw = 9.5f * em;
    const float mid = x0 + w * 0.5f;
    const bool narrow = narrowBar(fr);
    const float y = narrow ? upperRowTop(fr) : barTop(fr);
    // Narrow: previous at the left edge and next at the right edge of their own row.
    const float prevX = narrow ? x0 : mid - 4.5f * em - bw;
    const float nextX = narrow ? x0 + w - bw : mid + 4.5f * em;
    const std::string label = core::formatText(fr.t("enroll.page"), {{"n", std::to_string(page + 1)}, {"total", std::to_string(pages)}});
    ImGui::SetCursorScreenPos(ImVec2(mid - 4.0f * em, y + (kBarH * em - fr.f().bodyBold->FontSize) * 0.5f));
    fr.ui.textCentered(label, fr.f().bodyBold, color::kTextMuted, mid - 4.0f * em, 8.0f * em);
    if (page > 0) {
        ImGui::SetCursorScreenPos(ImVec2(prevX, y));
        if (fr.ui.button({fr.t("enroll.page_prev"), "enroll.page.prev", ImVec2(bw, kBarH * em), ButtonKind::Secondary,
                          Pictogram::Back, fr.f().bodyBold}))
            set(out, ev::PagePrevious{});
    }
    if (page + 1 < pages) {
        ImGui::SetCursorScreenPos(ImVec2(nextX, y));
        if (fr.ui.button({fr.t("enroll.page_next"), "enroll.page.next", ImVec2(bw, kBarH * em), ButtonKind::Primary,
                          Pictogram::None, fr.f().bodyBold}))
            set(out, ev::PageNext{});
    }
}

void fieldProblem(Frame& fr, core::FieldProblem p, float x, float w) {
    if (p == core::FieldProblem::None) return;
    ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y + 0.4f * fr.em()));
    drawNote(fr, fr.t(core::toKey(p)), color::kBad, color::kBadBg, Pictogram::Cross, w);
}

// ---- occupation ---------------------------------------------------------------------------------

bool occupationTile(Frame& fr, const char* id, std::string_view code, std::string_view name, ImVec2 pos, ImVec2 size,
                    bool selected) {
    const float em = fr.em();
    ImGui::SetCursorScreenPos(pos);
    const bool pressed = ImGui::InvisibleButton(id, size);
    const bool held = ImGui::IsItemActive();
    const ImVec2 max(pos.x + size.x, pos.y + size.y);
    fr.ui.record(id, pos, max);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 fill = selected ? color::kInfoBg : held ? color::kSecondaryActive : color::kSurface;
    dl->AddRectFilled(pos, max, fill, 0.5f * em);
    dl->AddRect(pos, max, selected ? color::kBrand : color::kOutline, 0.5f * em, ImDrawFlags_None,
                (selected ? 0.16f : 0.06f) * em);
    ImFont* font = fr.f().bodyBold;
    const float textW = size.x - 1.0f * em;
    const ImVec2 ts = font->CalcTextSizeA(font->FontSize, FLT_MAX, textW, name.data(), name.data() + name.size());
    const float pic = std::min(size.x * 0.55f, size.y - ts.y - 1.4f * em);
    drawOccupation(dl, code, ImVec2(pos.x + size.x * 0.5f, pos.y + 0.5f * em + pic * 0.5f), pic, color::kBrand, color::kAccent);
    ImGui::SetCursorScreenPos(ImVec2(pos.x + 0.5f * em, max.y - 0.5f * em - ts.y));
    fr.ui.textCentered(name, font, color::kText, pos.x + 0.5f * em, textW);
    return pressed;
}

void drawOccupationStep(Frame& fr, const core::Enroll& e, Intent& out, float x0, float w, float top) {
    const float em = fr.em();
    const float bottom = pagedBottom(fr, core::pageCount(fr.state.occupations.size() + 1, core::kTilesPerPage));
    if (fr.state.occupations.empty()) {
        const float cy = top + (bottom - top) * 0.35f;
        if (fr.state.occupationsFailed) {
            drawPictogram(ImGui::GetWindowDrawList(), Pictogram::Alert, ImVec2(x0 + w * 0.5f, cy), 3.0f * em, color::kWarn);
            ImGui::SetCursorScreenPos(ImVec2(x0, cy + 2.2f * em));
            fr.ui.textCentered(fr.t("enroll.occupation.failed"), fr.f().large, color::kText, x0, w);
            const float bw = 12.0f * em;
            ImGui::SetCursorScreenPos(ImVec2(x0 + (w - bw) * 0.5f, ImGui::GetCursorScreenPos().y + 0.8f * em));
            if (fr.ui.button({fr.t("problem.retry"), "enroll.occupation.retry", ImVec2(bw, kBarH * em), ButtonKind::Primary,
                              Pictogram::Back, fr.f().large}))
                set(out, ev::RetryOccupations{});
        } else {
            drawSpinner(ImGui::GetWindowDrawList(), ImVec2(x0 + w * 0.5f, cy), 2.0f * em, fr.ctx.timeSeconds, color::kBrand);
            ImGui::SetCursorScreenPos(ImVec2(x0, cy + 3.0f * em));
            fr.ui.textCentered(fr.t("enroll.occupation.loading"), fr.f().large, color::kText, x0, w);
        }
        backButton(fr, out, x0);
        return;
    }
    // The API's occupations, then "other" (which sends the worker to staff).
    const std::size_t items = fr.state.occupations.size() + 1;
    const std::size_t pages = core::pageCount(items, core::kTilesPerPage);
    const std::size_t page = std::min(e.page, pages - 1);
    const core::PageRange range = core::pageRange(items, core::kTilesPerPage, page);
    const int cols = fr.portrait() ? 2 : 4;
    const int rows = static_cast<int>((core::kTilesPerPage + static_cast<std::size_t>(cols) - 1) / static_cast<std::size_t>(cols));
    const float gap = 0.7f * em;
    const ImVec2 tile((w - static_cast<float>(cols - 1) * gap) / static_cast<float>(cols),
                      (bottom - top - static_cast<float>(rows - 1) * gap) / static_cast<float>(rows));
    for (std::size_t i = range.first; i < range.last; ++i) {
        const std::size_t k = i - range.first;
        const ImVec2 pos(x0 + static_cast<float>(k % static_cast<std::size_t>(cols)) * (tile.x + gap),
                         top + static_cast<float>(k / static_cast<std::size_t>(cols)) * (tile.y + gap));
        const bool other = i == fr.state.occupations.size();
        const std::string code = other ? std::string(core::kOtherOccupation) : fr.state.occupations[i].code;
        const std::string name = other ? std::string(fr.t("enroll.occupation.other")) : fr.state.occupations[i].name.in(fr.state.lang);
        const std::string id = "enroll.occupation." + code;
        if (occupationTile(fr, id.c_str(), code, name, pos, tile, code == e.form.occupation))
            set(out, ev::OccupationChosen{code});
    }
    backButton(fr, out, x0);
    pageButtons(fr, out, x0, w, page, pages);
    if (!e.form.occupation.empty()) continueButton(fr, out, ImVec2(x0 + w - 12.0f * em, barTop(fr)), 12.0f * em, true);
}

// ---- phone --------------------------------------------------------------------------------------

// A box showing what the keypad types, large; a caret box when it has focus.
bool valueBox(Frame& fr, const char* id, std::string_view label, std::string_view value, ImVec2 pos, ImVec2 size,
              bool focused, bool error) {
    const float em = fr.em();
    ImGui::SetCursorScreenPos(pos);
    const bool pressed = ImGui::InvisibleButton(id, size);
    fr.ui.record(id, pos, ImVec2(pos.x + size.x, pos.y + size.y));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 border = error ? color::kBad : focused ? color::kBrand : color::kOutline;
    dl->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y), color::kSurface, 0.4f * em);
    dl->AddRect(pos, ImVec2(pos.x + size.x, pos.y + size.y), border, 0.4f * em, ImDrawFlags_None, (focused ? 0.16f : 0.07f) * em);
    ImFont* lf = fr.f().bodyBold;
    float x = pos.x + 0.7f * em;
    if (!label.empty()) {
        dl->AddText(lf, lf->FontSize, ImVec2(x, pos.y + (size.y - lf->FontSize) * 0.5f), color::kTextMuted, label.data(),
                    label.data() + label.size());
        x += lf->CalcTextSizeA(lf->FontSize, FLT_MAX, 0, label.data(), label.data() + label.size()).x + 0.6f * em;
    }
    ImFont* vf = fr.f().display;
    const float vy = pos.y + (size.y - vf->FontSize) * 0.5f;
    dl->AddText(vf, vf->FontSize, ImVec2(x, vy), color::kText, value.data(), value.data() + value.size());
    if (focused) {
        const float cx = x + vf->CalcTextSizeA(vf->FontSize, FLT_MAX, 0, value.data(), value.data() + value.size()).x + 0.15f * em;
        dl->AddRectFilled(ImVec2(cx, vy + 0.15f * vf->FontSize), ImVec2(cx + 0.12f * em, vy + 0.95f * vf->FontSize), color::kBrand);
    }
    return pressed;
}

struct KeypadLayout {
    ImVec2 pos;
    float keyW, keyH, gap, width;
};

// The keypad on the right in landscape, below the field in portrait; "Continue" under it.
KeypadLayout keypadLayout(const Frame& fr, float top) {
    const float em = fr.em();
    KeypadLayout k{ImVec2(), 5.0f * em, 2.7f * em, 0.45f * em, 0};
    k.width = 3 * k.keyW + 2 * k.gap;
    const float h = 4 * k.keyH + 3 * k.gap + 0.6f * em + kBarH * em;
    const float pad = 1.5f * em;
    k.pos = fr.portrait() ? ImVec2(fr.contentMin.x + (fr.contentWidth() - k.width) * 0.5f, barTop(fr) - 1.2f * em - h)
                          : ImVec2(fr.contentMax.x - pad - k.width, std::max(top, barTop(fr) + kBarH * em - h));
    return k;
}

void keypadWithContinue(Frame& fr, Intent& out, const KeypadLayout& k, bool ready) {
    drawKeypad(fr, out, k.pos, k.keyW, k.keyH, k.gap);
    continueButton(fr, out, ImVec2(k.pos.x, k.pos.y + 4 * k.keyH + 3 * k.gap + 0.6f * fr.em()), k.width, ready);
}

void drawPhoneStep(Frame& fr, const core::Enroll& e, Intent& out, float x0, float w, float top) {
    const float em = fr.em();
    const KeypadLayout k = keypadLayout(fr, top);
    const float leftW = fr.portrait() ? w : k.pos.x - x0 - 1.5f * em;
    const std::string grouped = core::groupPhone(e.form.phone);
    valueBox(fr, "enroll.phone.field", "", grouped, ImVec2(x0, top), ImVec2(leftW, 3.4f * em), true,
             e.problem != core::FieldProblem::None);
    ImGui::SetCursorScreenPos(ImVec2(x0, top + 3.4f * em + 0.4f * em));
    fr.ui.text(fr.t("enroll.phone.example"), fr.f().body, color::kTextMuted, leftW);
    fieldProblem(fr, e.problem, x0, leftW);
    keypadWithContinue(fr, out, k, core::checkPhone(e.form.phone) == core::PhoneProblem::None);
    backButton(fr, out, x0);
}

// ---- pickers --------------------------------------------------------------------------------------

// A grid of name buttons, 4 across in landscape (2 in portrait), 16 a page.
constexpr std::size_t kNamesPerPage = 16;

template <class Names>
void drawNameGrid(Frame& fr, Intent& out, const Names& names, std::string_view selected, const char* idPrefix,
                  std::size_t page, float x0, float w, float top, bool kecamatan) {
    const float em = fr.em();
    const std::size_t pages = std::max<std::size_t>(1, core::pageCount(names.size(), kNamesPerPage));
    page = std::min(page, pages - 1);
    const core::PageRange range = core::pageRange(names.size(), kNamesPerPage, page);
    const std::size_t cols = fr.portrait() ? 2 : 4;
    const float gap = 0.6f * em;
    const float bottom = pagedBottom(fr, pages);
    const std::size_t rows = (kNamesPerPage + cols - 1) / cols;
    const float bh = std::min(3.2f * em, (bottom - top - static_cast<float>(rows - 1) * gap) / static_cast<float>(rows));
    const float bw = (w - static_cast<float>(cols - 1) * gap) / static_cast<float>(cols);
    for (std::size_t i = range.first; i < range.last; ++i) {
        const std::size_t k = i - range.first;
        ImGui::SetCursorScreenPos(ImVec2(x0 + static_cast<float>(k % cols) * (bw + gap), top + static_cast<float>(k / cols) * (bh + gap)));
        const std::string id = std::string(idPrefix) + std::to_string(i);
        const std::string& name = names[i].name;
        if (fr.ui.button({name, id.c_str(), ImVec2(bw, bh), ButtonKind::Secondary, Pictogram::None, fr.f().bodyBold,
                          name == selected})) {
            if (kecamatan) set(out, ev::KecamatanChosen{name});
            else set(out, ev::KelurahanChosen{name});
        }
    }
    pageButtons(fr, out, x0, w, page, pages);
}

// The kecamatan the form holds, if it is one of the pickers' (a name from the population data that
// the address file does not know is not offered: the worker picks one).
const core::Kecamatan* chosenKecamatan(const Frame& fr, const core::Enroll& e) {
    return fr.ctx.wilayah ? fr.ctx.wilayah->find(e.form.kecamatan) : nullptr;
}

void drawKecamatanStep(Frame& fr, const core::Enroll& e, Intent& out, float x0, float w, float top) {
    if (fr.ctx.wilayah) drawNameGrid(fr, out, fr.ctx.wilayah->kecamatan, e.form.kecamatan, "enroll.kecamatan.", e.page, x0, w, top, true);
    backButton(fr, out, x0);
    if (chosenKecamatan(fr, e))
        continueButton(fr, out, ImVec2(x0 + w - 12.0f * fr.em(), barTop(fr)), 12.0f * fr.em(), true);
}

void drawKelurahanStep(Frame& fr, const core::Enroll& e, Intent& out, float x0, float w, float top) {
    const core::Kecamatan* kec = chosenKecamatan(fr, e);
    if (kec) drawNameGrid(fr, out, kec->kelurahan, e.form.kelurahan, "enroll.kelurahan.", e.page, x0, w, top, false);
    fieldProblem(fr, e.problem, x0, w);
    backButton(fr, out, x0);
    if (kec && kec->find(e.form.kelurahan))
        continueButton(fr, out, ImVec2(x0 + w - 12.0f * fr.em(), barTop(fr)), 12.0f * fr.em(), true);
}

// ---- RT / RW --------------------------------------------------------------------------------------

void drawRtRwStep(Frame& fr, const core::Enroll& e, Intent& out, float x0, float w, float top) {
    const float em = fr.em();
    const KeypadLayout k = keypadLayout(fr, top);
    const float leftW = fr.portrait() ? w : k.pos.x - x0 - 1.5f * em;
    const float boxW = (leftW - 1.0f * em) * 0.5f;
    const bool rtBad = e.problem == core::FieldProblem::RtInvalid;
    const bool rwBad = e.problem == core::FieldProblem::RwInvalid;
    if (valueBox(fr, "enroll.rt", fr.t("enroll.rtrw.rt"), e.form.rt, ImVec2(x0, top), ImVec2(boxW, 3.4f * em),
                 !e.form.rwFocused, rtBad))
        set(out, ev::RtRwFocus{false});
    if (valueBox(fr, "enroll.rw", fr.t("enroll.rtrw.rw"), e.form.rw, ImVec2(x0 + boxW + 1.0f * em, top),
                 ImVec2(boxW, 3.4f * em), e.form.rwFocused, rwBad))
        set(out, ev::RtRwFocus{true});
    ImGui::SetCursorScreenPos(ImVec2(x0, top + 3.8f * em));
    fr.ui.text(fr.t("enroll.rtrw.example"), fr.f().body, color::kTextMuted, leftW);
    fieldProblem(fr, e.problem, x0, leftW);
    keypadWithContinue(fr, out, k, core::stepProblem(e.form, core::EnrollStep::RtRw) == core::FieldProblem::None);
    backButton(fr, out, x0);
}

// ---- consent --------------------------------------------------------------------------------------

void drawConsentStep(Frame& fr, const core::Enroll& e, Intent& out, float x0, float w, float top) {
    const float em = fr.em();
    const float gap = 1.2f * em;
    const float bodyW = fr.portrait() ? w : std::round(w * 0.62f);
    // The text on a white sheet: what is shared, with whom, why, and the worker's rights.
    constexpr std::array<const char*, 3> kParts{"consent.what", "consent.who", "consent.rights"};
    ImFont* font = fr.f().body;
    const float textW = bodyW - 2.0f * em;
    float sheetH = 0.8f * em;
    for (const char* key : kParts) {
        const std::string_view t = fr.t(key);
        sheetH += font->CalcTextSizeA(font->FontSize, FLT_MAX, textW, t.data(), t.data() + t.size()).y + 0.5f * em;
    }
    sheetH += 0.4f * em;
    fr.ui.panel(ImVec2(x0, top), ImVec2(x0 + bodyW, top + sheetH), color::kSurface, color::kOutline);
    ImGui::SetCursorScreenPos(ImVec2(x0 + 1.0f * em, top + 0.8f * em));
    for (const char* key : kParts) {
        fr.ui.text(fr.t(key), font, color::kText, textW);
        ImGui::SetCursorScreenPos(ImVec2(x0 + 1.0f * em, ImGui::GetCursorScreenPos().y + 0.5f * em));
    }
    const float sheetBottom = top + sheetH;

    // The optional purpose, separate and off unless turned on.
    const bool sms = e.form.consent && e.form.consent->smsReminders;
    const float optX = fr.portrait() ? x0 : x0 + bodyW + gap;
    const float optW = fr.portrait() ? w : w - bodyW - gap;
    const float optY = fr.portrait() ? sheetBottom + 0.8f * em : top;
    float y = optY;
    if (fr.ctx.speech) {
        ImGui::SetCursorScreenPos(ImVec2(optX, y));
        if (fr.ui.button({fr.t("consent.read_aloud"), "consent.read_aloud", ImVec2(optW, kBarH * em), ButtonKind::Secondary,
                          Pictogram::Speaker, fr.f().bodyBold, e.consentReadAloud}))
            set(out, ev::ReadAloud{});
        y += kBarH * em + 1.0f * em;
    }
    ImGui::SetCursorScreenPos(ImVec2(optX, y));
    fr.ui.text(fr.t("consent.optional"), fr.f().bodyBold, color::kTextMuted, optW);
    ImGui::SetCursorScreenPos(ImVec2(optX, ImGui::GetCursorScreenPos().y + 0.3f * em));
    if (fr.ui.button({fr.t(sms ? "consent.sms_on" : "consent.sms_off"), "consent.sms", ImVec2(optW, 4.2f * em),
                      ButtonKind::Secondary, sms ? Pictogram::Check : Pictogram::Cross, fr.f().bodyBold, sms}))
        set(out, ev::SmsReminderToggled{});

    backButton(fr, out, x0);
    // Decline and accept side by side at the right of the bar, or on their own row when narrow.
    const bool narrow = narrowBar(fr);
    const float bw = narrow ? (w - 1.0f * em) * 0.5f : 13.0f * em;
    const float by = narrow ? upperRowTop(fr) : barTop(fr);
    ImGui::SetCursorScreenPos(ImVec2(x0 + w - 2 * bw - 1.0f * em, by));
    if (fr.ui.button({fr.t("consent.decline"), "consent.decline", ImVec2(bw, kBarH * em), ButtonKind::Secondary,
                      Pictogram::Cross, fr.f().large}))
        set(out, ev::ConsentDeclined{});
    ImGui::SetCursorScreenPos(ImVec2(x0 + w - bw, by));
    if (fr.ui.button({fr.t("consent.accept"), "consent.accept", ImVec2(bw, kBarH * em), ButtonKind::Primary,
                      Pictogram::Check, fr.f().large}))
        set(out, ev::ConsentAccepted{false});
}

// ---- review ---------------------------------------------------------------------------------------

void reviewRow(Frame& fr, Intent& out, core::EnrollStep step, std::string_view label, std::string_view value,
               bool bad, ImVec2 pos, ImVec2 size) {
    const float em = fr.em();
    fr.ui.panel(pos, ImVec2(pos.x + size.x, pos.y + size.y), color::kSurface, bad ? color::kBad : color::kOutline);
    const float bw = 6.5f * em;
    const float textW = size.x - bw - 1.8f * em;
    ImGui::SetCursorScreenPos(ImVec2(pos.x + 0.8f * em, pos.y + 0.35f * em));
    fr.ui.text(label, fr.f().body, color::kTextMuted, textW);
    ImGui::SetCursorScreenPos(ImVec2(pos.x + 0.8f * em, ImGui::GetCursorScreenPos().y));
    fr.ui.text(value, fr.f().large, bad ? color::kBad : color::kText, textW);
    const std::string id = std::string("review.edit.") + stepKey(step);
    ImGui::SetCursorScreenPos(ImVec2(pos.x + size.x - bw - 0.5f * em, pos.y + (size.y - 2.7f * em) * 0.5f));
    if (fr.ui.button({fr.t("review.edit"), id.c_str(), ImVec2(bw, 2.7f * em), ButtonKind::Secondary, Pictogram::None,
                      fr.f().bodyBold}))
        set(out, ev::EditStep{step});
}

void drawReviewStep(Frame& fr, const core::Enroll& e, Intent& out, float x0, float w, float top) {
    const float em = fr.em();
    const core::EnrollmentForm& f = e.form;
    // What and who, in one line above the answers.
    const core::ProgramDecision& d = e.outcome.decision(core::ProgramId::PijarSemar);
    std::string summary = core::formatText(fr.t("review.summary"), {{"nik", core::maskNik(e.nik.digits)}});
    if (d.funding != core::Funding::None)
        summary += "  ·  " + std::string(fr.t(d.funding == core::Funding::Apbd ? "review.funding.apbd" : "review.funding.dbhcht"));
    ImGui::SetCursorScreenPos(ImVec2(x0, top - 0.2f * em));
    fr.ui.text(summary, fr.f().bodyBold, color::kBrand, w);
    const float rowsTop = ImGui::GetCursorScreenPos().y + 0.4f * em;

    const std::string rtrw = core::formatText(fr.t("review.rtrw_value"), {{"rt", core::padRtRw(f.rt)}, {"rw", core::padRtRw(f.rw)}});
    const bool sms = f.consent && f.consent->smsReminders;
    const std::string consent = std::string(fr.t("review.consent_given")) + " · " + std::string(fr.t(sms ? "review.sms_yes" : "review.sms_no"));
    struct Row {
        core::EnrollStep step;
        const char* label;
        std::string value;
    };
    const std::array<Row, 6> rows{{{core::EnrollStep::Occupation, "review.occupation", occupationName(fr, f.occupation)},
                                   {core::EnrollStep::Phone, "review.phone", core::groupPhone(f.phone)},
                                   {core::EnrollStep::Kecamatan, "review.kecamatan", f.kecamatan},
                                   {core::EnrollStep::Kelurahan, "review.kelurahan", f.kelurahan},
                                   {core::EnrollStep::RtRw, "review.rtrw", rtrw},
                                   {core::EnrollStep::Consent, "review.consent", consent}}};
    const std::size_t cols = fr.portrait() ? 1 : 2;
    const float gap = 0.6f * em;
    const float rowW = (w - static_cast<float>(cols - 1) * gap) / static_cast<float>(cols);
    const float rowH = 3.6f * em;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const ImVec2 pos(x0 + static_cast<float>(i % cols) * (rowW + gap), rowsTop + static_cast<float>(i / cols) * (rowH + gap));
        const bool bad = core::stepProblem(f, rows[i].step) != core::FieldProblem::None;
        reviewRow(fr, out, rows[i].step, fr.t(rows[i].label), rows[i].value, bad, pos, ImVec2(rowW, rowH));
    }
    backButton(fr, out, x0);
    const float bw = 16.0f * em;
    ImGui::SetCursorScreenPos(ImVec2(x0 + w - bw, barTop(fr)));
    if (fr.ui.button({fr.t("review.submit"), "review.submit", ImVec2(bw, kBarH * em), ButtonKind::Primary, Pictogram::Check,
                      fr.f().large}))
        set(out, ev::SubmitEnrollment{});
}

// ---- receipt helpers ------------------------------------------------------------------------------

void drawQr(const QrModules& qr, ImVec2 pos, float side) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(pos, ImVec2(pos.x + side, pos.y + side), color::kSurface);
    if (qr.size <= 0) return;
    const int quiet = 2;  // modules of white border (the sheet adds more)
    const float m = side / static_cast<float>(qr.size + 2 * quiet);
    for (int y = 0; y < qr.size; ++y) {
        for (int x = 0; x < qr.size; ++x) {
            if (!qr.dark[static_cast<std::size_t>(y * qr.size + x)]) continue;
            const ImVec2 a(pos.x + static_cast<float>(x + quiet) * m, pos.y + static_cast<float>(y + quiet) * m);
            dl->AddRectFilled(a, ImVec2(a.x + m, a.y + m), color::rgb(0, 0, 0));
        }
    }
}

const char* printKey(core::PrintStatus p) {
    switch (p) {
        case core::PrintStatus::None: return nullptr;
        case core::PrintStatus::Printing: return "receipt.print.printing";
        case core::PrintStatus::Printed: return "receipt.print.printed";
        case core::PrintStatus::NoPrinter: return "receipt.print.none";
        case core::PrintStatus::OutOfPaper: return "receipt.print.out_of_paper";
        case core::PrintStatus::Failed: return "receipt.print.failed";
    }
    return nullptr;
}

}  // namespace

// ---- enroll ---------------------------------------------------------------------------------------

void drawEnroll(Frame& fr, const core::Enroll& e, Intent& out) {
    const float em = fr.em();
    const float pad = 1.5f * em;
    const float x0 = fr.contentMin.x + pad;
    const float w = fr.contentWidth() - 2 * pad;
    // "The blue one is filled in" only when it is: otherwise the plain "touch your kecamatan".
    std::string_view hint;
    const core::Kecamatan* kec = chosenKecamatan(fr, e);
    if (e.step == core::EnrollStep::Kecamatan && !kec) hint = "enroll.kecamatan.hint_choose";
    if (e.step == core::EnrollStep::Kelurahan && !(kec && kec->find(e.form.kelurahan))) hint = "enroll.kelurahan.hint_choose";
    const float top = drawStepHead(fr, e.step, x0, w, hint);
    switch (e.step) {
        case core::EnrollStep::Occupation: drawOccupationStep(fr, e, out, x0, w, top); break;
        case core::EnrollStep::Phone: drawPhoneStep(fr, e, out, x0, w, top); break;
        case core::EnrollStep::Kecamatan: drawKecamatanStep(fr, e, out, x0, w, top); break;
        case core::EnrollStep::Kelurahan: drawKelurahanStep(fr, e, out, x0, w, top); break;
        case core::EnrollStep::RtRw: drawRtRwStep(fr, e, out, x0, w, top); break;
        case core::EnrollStep::Consent: drawConsentStep(fr, e, out, x0, w, top); break;
        case core::EnrollStep::Review: drawReviewStep(fr, e, out, x0, w, top); break;
    }
}

void drawSaving(Frame& fr) {
    const float em = fr.em();
    const float w = std::min(fr.contentWidth() - 4 * em, 36.0f * em);
    const float x0 = fr.contentMin.x + (fr.contentWidth() - w) * 0.5f;
    const float cy = fr.contentMin.y + fr.contentHeight() * 0.35f;
    drawSpinner(ImGui::GetWindowDrawList(), ImVec2(x0 + w * 0.5f, cy), 2.4f * em, fr.ctx.timeSeconds, color::kBrand);
    ImGui::SetCursorScreenPos(ImVec2(x0, cy + 3.6f * em));
    fr.ui.textCentered(fr.t("saving.title"), fr.f().title, color::kText, x0, w);
}

void drawSaveProblem(Frame& fr, const core::SaveProblem& p, Intent& out) {
    const float em = fr.em();
    const char* staffKey = p.kind == core::SaveProblemKind::DiskFull   ? "save_problem.staff.disk_full"
                           : p.kind == core::SaveProblemKind::ReadOnly ? "save_problem.staff.read_only"
                                                                       : "save_problem.staff.other";
    const auto [x0, w] = problemPage(fr, color::kBad, fr.t("save_problem.title"), fr.t("save_problem.body"), fr.t(staffKey));
    buttonPair(fr, out, ImVec2(x0, fr.contentMax.y - 4.4f * em), w,
               {fr.t("problem.finish"), "save_problem.finish", {}, ButtonKind::Secondary, Pictogram::Home, fr.f().large},
               ev::FinishVisit{},
               {fr.t("problem.retry"), "save_problem.retry", {}, ButtonKind::Primary, Pictogram::Back, fr.f().large},
               ev::RetrySave{});
}

void drawSubmissionReceipt(Frame& fr, const core::Receipt& r, Intent& out) {
    const float em = fr.em();
    const core::SubmissionInfo& s = *r.submission;
    const float pad = 1.5f * em;
    const float x0 = fr.contentMin.x + pad;
    const float w = fr.contentWidth() - 2 * pad;
    const bool stack = fr.portrait();
    const float qrSide = stack ? std::min(w * 0.5f, 14.0f * em) : std::min(12.0f * em, fr.contentHeight() - 9.0f * em);
    const ImVec2 qrPos = stack ? ImVec2(x0 + (w - qrSide) * 0.5f, fr.contentMin.y + 1.0f * em)
                               : ImVec2(x0, fr.contentMin.y + 1.2f * em);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    fr.ui.panel(ImVec2(qrPos.x - 0.5f * em, qrPos.y - 0.5f * em), ImVec2(qrPos.x + qrSide + 0.5f * em, qrPos.y + qrSide + 0.5f * em),
                color::kSurface, color::kOutline);
    if (fr.ctx.receiptQr && fr.ctx.receiptQr->payload == s.qrPayload) drawQr(*fr.ctx.receiptQr, qrPos, qrSide);
    ImGui::SetCursorScreenPos(ImVec2(qrPos.x - 0.5f * em, qrPos.y + qrSide + 0.8f * em));
    fr.ui.textCentered(fr.t("receipt.scan_hint"), fr.f().body, color::kTextMuted, qrPos.x - 0.5f * em, qrSide + 1.0f * em);

    const float tx = stack ? x0 : qrPos.x + qrSide + 2.0f * em;
    const float tw = stack ? w : x0 + w - tx;
    float ty = stack ? ImGui::GetCursorScreenPos().y + 0.6f * em : fr.contentMin.y + 0.8f * em;

    // The status: "Tersimpan" after the local commit, "Terkirim" only after the central API said so.
    struct Look {
        const char* key;
        ImU32 fg, bg;
        Pictogram icon;
    };
    const Look look = s.status == core::SubmissionStatus::Sent    ? Look{"receipt.status.sent", color::kGood, color::kGoodBg, Pictogram::Check}
                      : s.status == core::SubmissionStatus::Saved ? Look{"receipt.status.saved", color::kInfo, color::kInfoBg, Pictogram::Clock}
                                                                  : Look{"receipt.status.refused", color::kBad, color::kBadBg, Pictogram::Cross};
    const float badgeH = 3.0f * em;
    dl->AddRectFilled(ImVec2(tx, ty), ImVec2(tx + tw, ty + badgeH), look.bg, 0.4f * em);
    drawPictogram(dl, look.icon, ImVec2(tx + 1.5f * em, ty + badgeH * 0.5f), 2.0f * em, look.fg);
    ImFont* tf = fr.f().title;
    const std::string_view status = fr.t(look.key);
    dl->AddText(tf, tf->FontSize, ImVec2(tx + 3.0f * em, ty + (badgeH - tf->FontSize) * 0.5f), look.fg, status.data(),
                status.data() + status.size());
    ImGui::SetCursorScreenPos(ImVec2(tx, ty + badgeH + 0.4f * em));
    const char* statusBody = s.status == core::SubmissionStatus::Sent    ? "receipt.status.sent_body"
                             : s.status == core::SubmissionStatus::Saved ? "receipt.status.saved_body"
                                                                         : "receipt.status.refused_body";
    fr.ui.text(fr.t(statusBody), fr.f().body, color::kText, tw);
    if (s.status == core::SubmissionStatus::Refused && fr.ctx.catalog->has(fr.state.lang, "reason." + s.refusedCode)) {
        ImGui::SetCursorScreenPos(ImVec2(tx, ImGui::GetCursorScreenPos().y + 0.2f * em));
        fr.ui.text(fr.t("reason." + s.refusedCode), fr.f().bodyBold, color::kBad, tw);
    }

    // Reference, who, what, which quota.
    const std::string& ref = s.serverRef.empty() ? s.localRef : s.serverRef;
    const std::array<std::pair<const char*, std::string>, 3> facts{{
        {"receipt.reference", ref},
        {"receipt.nik_label", r.maskedNik},
        {"receipt.program", std::string(fr.t("program.pijar_semar.name")) + " (JKK + JKM)"},
    }};
    ty = ImGui::GetCursorScreenPos().y + 0.5f * em;
    for (const auto& [label, value] : facts) {
        ImGui::SetCursorScreenPos(ImVec2(tx, ty));
        fr.ui.text(fr.t(label), fr.f().body, color::kTextMuted, 9.0f * em);
        ImGui::SetCursorScreenPos(ImVec2(tx + 9.5f * em, ty - 0.2f * em));
        fr.ui.text(value, fr.f().large, color::kText, tw - 9.5f * em);
        ty = ImGui::GetCursorScreenPos().y + 0.15f * em;
    }
    if (s.funding != core::Funding::None) {
        const std::string key = s.funding == core::Funding::Apbd ? "results.funding.apbd" : "results.funding.dbhcht";
        ImGui::SetCursorScreenPos(ImVec2(tx, ty + 0.2f * em));
        fr.ui.text(core::formatText(fr.t(key), {{"n", std::to_string(s.placesLeft.value_or(0))}}), fr.f().bodyBold,
                   color::kText, tw);
        ty = ImGui::GetCursorScreenPos().y;
    }
    ImGui::SetCursorScreenPos(ImVec2(tx, ty + 0.5f * em));
    drawNote(fr, fr.t("receipt.next"), color::kInfo, color::kInfoBg, Pictogram::Clock, tw);
    if (const char* pk = printKey(s.print)) {
        ImGui::SetCursorScreenPos(ImVec2(tx, ImGui::GetCursorScreenPos().y + 0.3f * em));
        const bool trouble = s.print == core::PrintStatus::OutOfPaper || s.print == core::PrintStatus::Failed ||
                             s.print == core::PrintStatus::NoPrinter;
        drawNote(fr, fr.t(pk), trouble ? color::kWarn : color::kGood, trouble ? color::kWarnBg : color::kGoodBg,
                 trouble ? Pictogram::Alert : Pictogram::Check, tw);
    }

    const std::int64_t leftMs = std::int64_t{fr.state.settings.receiptSeconds} * 1000 - (fr.state.nowMs - r.shownMs);
    const std::string autoText = core::formatText(fr.t("receipt.auto"), {{"n", std::to_string(std::max<std::int64_t>(0, (leftMs + 999) / 1000))}});
    const float by = barTop(fr);
    const float bw = 13.0f * em;
    const float besideW = w - 2 * bw - 2.0f * em;
    if (besideW >= 12.0f * em) {
        ImGui::SetCursorScreenPos(ImVec2(x0, by + (kBarH * em - fr.f().body->FontSize) * 0.5f));
        fr.ui.text(autoText, fr.f().body, color::kTextMuted, besideW);
    } else {  // narrow (portrait): the countdown goes above the buttons
        ImGui::SetCursorScreenPos(ImVec2(x0, by - 1.6f * em));
        fr.ui.textCentered(autoText, fr.f().body, color::kTextMuted, x0, w);
    }
    if (r.continueWith) {
        ImGui::SetCursorScreenPos(ImVec2(x0 + w - 2 * bw - 1.0f * em, by));
        if (fr.ui.button({fr.t("receipt.other_services"), "receipt.other", ImVec2(bw, kBarH * em), ButtonKind::Secondary,
                          Pictogram::Back, fr.f().large}))
            set(out, ev::OtherServices{});
    }
    ImGui::SetCursorScreenPos(ImVec2(x0 + w - bw, by));
    if (fr.ui.button({fr.t("receipt.done"), "receipt.done", ImVec2(bw, kBarH * em), ButtonKind::Primary, Pictogram::Home,
                      fr.f().large}))
        set(out, ev::FinishVisit{});
}

void drawReceiptLookup(Frame& fr, const core::ReceiptLookup& l, Intent& out) {
    const float em = fr.em();
    const float w = std::min(fr.contentWidth() - 4 * em, 44.0f * em);
    const float x0 = fr.contentMin.x + (fr.contentWidth() - w) * 0.5f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImGui::SetCursorScreenPos(ImVec2(x0, fr.contentMin.y + 1.2f * em));
    fr.ui.textCentered(fr.t("lookup.title"), fr.f().title, color::kText, x0, w);
    ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y + 0.3f * em));
    fr.ui.textCentered(l.reference, fr.f().display, color::kText, x0, w);
    float y = ImGui::GetCursorScreenPos().y + 1.0f * em;
    if (!l.result) {
        drawSpinner(dl, ImVec2(x0 + w * 0.5f, y + 2.0f * em), 1.8f * em, fr.ctx.timeSeconds, color::kBrand);
        ImGui::SetCursorScreenPos(ImVec2(x0, y + 4.5f * em));
        fr.ui.textCentered(fr.t("lookup.looking"), fr.f().large, color::kText, x0, w);
    } else {
        const core::SubmissionLookup& r = *l.result;
        struct Look {
            const char* key;
            ImU32 fg, bg;
            Pictogram icon;
        };
        Look look{"not_found", color::kWarn, color::kWarnBg, Pictogram::Alert};
        switch (r.outcome) {
            case core::LookupOutcome::Queued: look = {"queued", color::kInfo, color::kInfoBg, Pictogram::Clock}; break;
            case core::LookupOutcome::Sent: look = {"sent", color::kGood, color::kGoodBg, Pictogram::Check}; break;
            case core::LookupOutcome::Refused: look = {"refused", color::kBad, color::kBadBg, Pictogram::Cross}; break;
            case core::LookupOutcome::NotFound: break;
            case core::LookupOutcome::Unavailable: look = {"unavailable", color::kWarn, color::kWarnBg, Pictogram::Alert}; break;
        }
        const float badgeH = 3.2f * em;
        dl->AddRectFilled(ImVec2(x0, y), ImVec2(x0 + w, y + badgeH), look.bg, 0.4f * em);
        drawPictogram(dl, look.icon, ImVec2(x0 + 1.6f * em, y + badgeH * 0.5f), 2.0f * em, look.fg);
        ImFont* tf = fr.f().title;
        const std::string_view status = fr.t(std::string("lookup.status.") + look.key);
        dl->AddText(tf, tf->FontSize, ImVec2(x0 + 3.2f * em, y + (badgeH - tf->FontSize) * 0.5f), look.fg, status.data(),
                    status.data() + status.size());
        ImGui::SetCursorScreenPos(ImVec2(x0, y + badgeH + 0.6f * em));
        fr.ui.text(fr.t(std::string("lookup.body.") + look.key), fr.f().large, color::kText, w);
        if (r.outcome == core::LookupOutcome::Refused && fr.ctx.catalog->has(fr.state.lang, "reason." + r.refusedCode)) {
            ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y + 0.2f * em));
            fr.ui.text(fr.t("reason." + r.refusedCode), fr.f().bodyBold, color::kBad, w);
        }
        y = ImGui::GetCursorScreenPos().y + 0.6f * em;
        if (!r.program.empty()) {
            const std::string program = fr.ctx.catalog->has(fr.state.lang, "program." + r.program + ".name")
                                            ? std::string(fr.t("program." + r.program + ".name"))
                                            : r.program;
            const std::array<std::pair<const char*, std::string>, 3> facts{{
                {"receipt.program", program},
                {"receipt.nik_label", r.maskedNik},
                {"receipt.reference", r.serverRef},
            }};
            for (const auto& [label, value] : facts) {
                if (value.empty()) continue;
                ImGui::SetCursorScreenPos(ImVec2(x0, y));
                fr.ui.text(fr.t(label), fr.f().body, color::kTextMuted, 9.0f * em);
                ImGui::SetCursorScreenPos(ImVec2(x0 + 9.5f * em, y - 0.2f * em));
                fr.ui.text(value, fr.f().large, color::kText, w - 9.5f * em);
                y = ImGui::GetCursorScreenPos().y + 0.15f * em;
            }
        }
    }
    const float bw = 14.0f * em;
    ImGui::SetCursorScreenPos(ImVec2(x0 + (w - bw) * 0.5f, fr.contentMax.y - 4.4f * em));
    if (fr.ui.button({fr.t("receipt.done"), "lookup.done", ImVec2(bw, kBarH * em), ButtonKind::Primary, Pictogram::Home,
                      fr.f().large}))
        set(out, ev::FinishVisit{});
}

}  // namespace kiosk::ui::detail
