#pragma once
// A headless ImGui harness for tests: an ImGui context with the kiosk's fonts and theme and no
// backend. A tap is io.MousePos + io.MouseDown[0] over frames (ImGui 1.86 buttons fire on
// release). Debian's ImGui keeps its asserts on, so an unbalanced Begin/End aborts the test.
#include <doctest/doctest.h>

#include <optional>

#include "headless_imgui.hpp"

namespace kiosk::testing {

const ImVec2 kDisplay(1920, 1080);

class Harness {
public:
    Harness() : m_imgui(kDisplay), m_ctx(m_imgui.uiContext(&m_targets)) {}

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
    void setCamera(std::optional<ui::CameraPreview> camera) { m_ctx.camera = camera; }
    void setStaffAlert(std::string_view key) { m_ctx.staffAlertKey = key; }
    // Another screen size at scale 1 (portrait 1080×1920); kDisplay again when done.
    void setDisplay(ImVec2 size) { ImGui::GetIO().DisplaySize = size; }
    const core::Catalog& catalog() const { return m_imgui.catalog(); }
    const ui::Fonts& fonts() const { return m_imgui.fonts(); }
    int vertices() const { return m_vertices; }

private:
    HeadlessImGui m_imgui;
    ui::TapTargets m_targets;
    ui::UiContext m_ctx;
    int m_vertices = 0;
};

// The one harness of a test program: ImGui has one current context, and the fonts take a while.
inline Harness& harness() {
    static Harness h;
    return h;
}

}  // namespace kiosk::testing
