#pragma once
// A headless ImGui harness for tests: an ImGui context with the kiosk's fonts and theme and no
// backend. A tap is io.MousePos + io.MouseDown[0] over frames (ImGui 1.86 buttons fire on
// release). Debian's ImGui keeps its asserts on, so an unbalanced Begin/End aborts the test.
#include <doctest/doctest.h>

#include <imgui.h>
#include <optional>

#include "services/catalog_file.hpp"
#include "ui/fonts.hpp"
#include "ui/screens.hpp"
#include "ui/theme.hpp"

namespace kiosk::testing {

const ImVec2 kDisplay(1920, 1080);

class Harness {
public:
    Harness() {
        auto cat = services::loadCatalogs(KIOSK_SOURCE_DIR "/assets/i18n");
        REQUIRE(cat.ok());
        m_catalog = cat.value();
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = kDisplay;
        io.DeltaTime = 1.0f / 60.0f;
        const auto err = ui::loadFonts(m_fonts, m_catalog, "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
                                       "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf", 1.0f);
        REQUIRE_MESSAGE(err.empty(), err);
        unsigned char* px = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&px, &w, &h);
        ui::applyTheme(1.0f);
        m_ctx.catalog = &m_catalog;
        m_ctx.fonts = &m_fonts;
        m_ctx.scale = 1.0f;
        m_ctx.demoService = true;
        m_ctx.targets = &m_targets;
    }
    ~Harness() { ImGui::DestroyContext(); }

    std::optional<core::Event> frame(const core::VisitState& s, std::optional<ImVec2> mouse = {}, bool down = false) {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = mouse.value_or(ImVec2(-FLT_MAX, -FLT_MAX));
        io.MouseDown[0] = down;
        m_targets.clear();
        ImGui::NewFrame();
        auto intent = ui::drawVisit(s, m_ctx);
        ImGui::Render();
        m_vertices = ImGui::GetDrawData()->TotalVtxCount;
        return intent;
    }

    // Taps the button recorded as `id` in the last frame of `s`; returns what the screen asked for.
    std::optional<core::Event> tap(const core::VisitState& s, const std::string& id) {
        frame(s);
        const auto it = m_targets.find(id);
        REQUIRE_MESSAGE(it != m_targets.end(), "no button " << id << " on this screen");
        const ImVec2 at = it->second.center();
        frame(s, at, false);  // hover first, as a finger landing does
        frame(s, at, true);
        return frame(s, at, false);
    }

    const ui::TapTargets& targets() const { return m_targets; }
    const core::Catalog& catalog() const { return m_catalog; }
    const ui::Fonts& fonts() const { return m_fonts; }
    int vertices() const { return m_vertices; }

private:
    core::Catalog m_catalog;
    ui::Fonts m_fonts;
    ui::UiContext m_ctx;
    ui::TapTargets m_targets;
    int m_vertices = 0;
};

}  // namespace kiosk::testing
