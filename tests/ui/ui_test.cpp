// Headless UI tests: an ImGui context with no backend and no window. A tap is io.MousePos +
// io.MouseDown[0] over two frames (ImGui 1.86 buttons fire on release). Debian's ImGui keeps
// its asserts on, so any unbalanced Begin/End or Push/Pop aborts the test run.
#include <doctest/doctest.h>

#include <algorithm>
#include <ios>
#include <imgui.h>

#include "ui/sample_states.hpp"
#include "ui_harness.hpp"

using namespace kiosk;

namespace {

using testing::Harness;
using testing::kDisplay;

using testing::harness;

core::VisitState step(core::VisitState s, const std::optional<core::Event>& e) {
    REQUIRE(e.has_value());
    return core::next(std::move(s), *e, ui::kSampleToday).state;
}

}  // namespace

TEST_CASE("every glyph of every catalog text is in every font") {
    auto& h = harness();
    for (ImFont* f : {h.fonts().body, h.fonts().bodyBold, h.fonts().large, h.fonts().title, h.fonts().display}) {
        const auto missing = ui::missingGlyphs(*f, h.catalog());
        CHECK_MESSAGE(missing.empty(), "missing code point U+" << std::hex << (missing.empty() ? 0u : missing.front()));
    }
}

TEST_CASE("tapping a NIK on the keypad reaches Confirm identity") {
    auto& h = harness();
    core::VisitState s = core::initialVisit(core::VisitSettings{}, 0);
    s = step(s, h.tap(s, "attract.start_area"));
    REQUIRE(std::holds_alternative<core::ChooseLanguage>(s.screen));
    s = step(s, h.tap(s, "language.en"));
    REQUIRE(std::holds_alternative<core::Identify>(s.screen));
    CHECK(s.lang == core::Lang::En);
    for (char c : std::string("3374015203850002")) s = step(s, h.tap(s, std::string("keypad.") + c));
    CHECK(std::get<core::Identify>(s.screen).digits == "3374015203850002");
    s = step(s, h.tap(s, "keypad.backspace"));
    s = step(s, h.tap(s, "keypad.2"));
    s = step(s, h.tap(s, "identify.continue"));
    REQUIRE(std::holds_alternative<core::ConfirmIdentity>(s.screen));
    CHECK(std::get<core::ConfirmIdentity>(s.screen).nik.digits == "3374015203850002");
}

TEST_CASE("a finger that slides off a key does not type") {
    auto& h = harness();
    core::VisitState s = ui::sampleStates()[2].state;  // identify_empty
    REQUIRE(std::holds_alternative<core::Identify>(s.screen));
    h.frame(s);
    const ImVec2 a = h.targets().at("keypad.5").center();
    h.frame(s, a, true);
    h.frame(s, ImVec2(a.x, a.y + 400), true);
    CHECK_FALSE(h.frame(s, ImVec2(a.x, a.y + 400), false).has_value());
}

TEST_CASE("home and the language switch are on every screen after Attract") {
    auto& h = harness();
    for (const auto& sample : ui::sampleStates()) {
        if (sample.state.overlay != core::Overlay::None) continue;
        INFO(sample.name);
        h.frame(sample.state);
        CHECK(h.targets().count("lang.id") == 1);
        CHECK(h.targets().count("lang.jv") == 1);
        CHECK(h.targets().count("lang.en") == 1);
        CHECK(h.targets().count("nav.home") == (sample.name.starts_with("attract") ? 0u : 1u));
    }
}

TEST_CASE("the language switch changes language without losing the typed digits") {
    auto& h = harness();
    core::VisitState s = ui::sampleStates()[3].state;  // identify_half
    const std::string typed = std::get<core::Identify>(s.screen).digits;
    s = step(s, h.tap(s, "lang.jv"));
    CHECK(s.lang == core::Lang::Jv);
    CHECK(std::get<core::Identify>(s.screen).digits == typed);
}

namespace {

// Every button of the last frame at least a finger big and inside `display`.
void checkTargetsBigAndInside(const Harness& h, ImVec2 display) {
    for (const auto& [id, t] : h.targets()) {
        INFO("button " << id);
        CHECK(t.size().x >= ui::kMinTouchPx);
        CHECK(t.size().y >= ui::kMinTouchPx * 0.9f);  // header buttons: 3.4 em band less padding
        CHECK(t.min.x >= 0);
        CHECK(t.min.y >= 0);
        CHECK(t.max.x <= display.x);
        CHECK(t.max.y <= display.y);
    }
}

// No two buttons of the last frame overlap (a dialog covers the screen on purpose: not checked).
void checkTargetsApart(const Harness& h, const core::VisitState& state) {
    if (state.overlay != core::Overlay::None) return;
    const std::vector<std::pair<std::string, ui::TapTarget>> all(h.targets().begin(), h.targets().end());
    for (std::size_t i = 0; i < all.size(); ++i)
        for (std::size_t j = i + 1; j < all.size(); ++j) {
            const auto& a = all[i].second;
            const auto& b = all[j].second;
            const bool overlap = a.min.x < b.max.x && b.min.x < a.max.x && a.min.y < b.max.y && b.min.y < a.max.y;
            CHECK_MESSAGE(!overlap, all[i].first << " overlaps " << all[j].first);
        }
}

}  // namespace

TEST_CASE("smoke: every screen renders in every language with big targets inside the screen") {
    auto& h = harness();
    for (core::Lang lang : core::kAllLangs) {
        for (const auto& sample : ui::sampleStates(lang)) {
            INFO(sample.name << " in " << core::langCode(lang));
            h.setStaffAlert(sample.staffAlertKey);
            h.frame(sample.state);
            CHECK(h.vertices() > 1000);
            CHECK_FALSE(h.targets().empty());
            checkTargetsBigAndInside(h, kDisplay);
        }
    }
    h.setStaffAlert({});
}

TEST_CASE("no two buttons overlap on any screen") {
    auto& h = harness();
    for (const auto& sample : ui::sampleStates()) {
        INFO(sample.name);
        h.frame(sample.state);
        checkTargetsApart(h, sample.state);
    }
}

TEST_CASE("in portrait (1080x1920) every screen in every language keeps its buttons big, apart and inside the screen") {
    // A kiosk mounted upright: the header must still fit Home, Listen and the three languages.
    auto& h = harness();
    const ImVec2 portrait(1080, 1920);
    struct Restore {
        Harness& h;
        ~Restore() { h.setDisplay(kDisplay); }
    } restore{h};
    h.setDisplay(portrait);
    for (core::Lang lang : core::kAllLangs) {
        for (const auto& sample : ui::sampleStates(lang)) {
            INFO(sample.name << " in " << core::langCode(lang));
            h.frame(sample.state);
            checkTargetsBigAndInside(h, portrait);
            checkTargetsApart(h, sample.state);
        }
    }
}

TEST_CASE("while a dialog is up the screen underneath ignores taps") {
    auto& h = harness();
    for (const auto& sample : ui::sampleStates()) {
        if (sample.name != "overlay_home") continue;
        h.frame(sample.state);
        REQUIRE(h.targets().count("keypad.5") == 1);
        const ImVec2 at = h.targets().at("keypad.5").center();
        h.frame(sample.state, at, false);
        h.frame(sample.state, at, true);
        const auto e = h.frame(sample.state, at, false);
        CHECK_FALSE((e && std::holds_alternative<core::ev::KeypadDigit>(*e)));
        const auto no = h.tap(sample.state, "home.no");
        REQUIRE(no.has_value());
        CHECK(std::holds_alternative<core::ev::HomeDismissed>(*no));
    }
}

TEST_CASE("the idle prompt offers I am still here") {
    auto& h = harness();
    for (const auto& sample : ui::sampleStates()) {
        if (sample.name != "overlay_idle") continue;
        const auto e = h.tap(sample.state, "idle.stay");
        REQUIRE(e.has_value());
        CHECK(std::holds_alternative<core::ev::StillHere>(*e));
    }
}

TEST_CASE("with a camera the NIK screen shows its picture and without one the area is absent") {
    auto& h = harness();
    const core::VisitState s = ui::sampleStates()[2].state;  // identify_empty
    REQUIRE(std::holds_alternative<core::Identify>(s.screen));
    auto usesTexture = [](ImTextureID id) {
        const ImDrawData* d = ImGui::GetDrawData();
        for (int l = 0; l < d->CmdListsCount; ++l)
            for (const ImDrawCmd& c : d->CmdLists[l]->CmdBuffer)
                if (c.TextureId == id) return true;
        return false;
    };
    const auto cameraTexture = reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(0xCA3E));
    h.frame(s);
    CHECK_FALSE(usesTexture(cameraTexture));
    h.setCamera(ui::CameraPreview{cameraTexture, 4.0f / 3.0f});
    h.frame(s);
    CHECK(usesTexture(cameraTexture));
    h.setCamera(std::nullopt);
}
