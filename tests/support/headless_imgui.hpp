#pragma once
// An ImGui context with the kiosk's catalogs, address data, fonts and theme and no backend or window: what
// headless UI tests and benchmarks draw into. Throws if the catalogs or fonts cannot be loaded.
#include <imgui.h>
#include <stdexcept>

#include "services/catalog_file.hpp"
#include "services/wilayah_file.hpp"
#include "ui/fonts.hpp"
#include "ui/screens.hpp"
#include "ui/theme.hpp"

namespace kiosk::testing {

class HeadlessImGui {
public:
    explicit HeadlessImGui(ImVec2 display = ImVec2(1920, 1080)) {
        auto cat = services::loadCatalogs(KIOSK_SOURCE_DIR "/assets/i18n");
        if (!cat) throw std::runtime_error(cat.error().describe());
        m_catalog = cat.value();
        auto wil = services::loadWilayahFile(KIOSK_SOURCE_DIR "/config/semarang_wilayah.json");
        if (!wil) throw std::runtime_error(wil.error());
        m_wilayah = wil.value();
        m_ctx = ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = display;
        io.DeltaTime = 1.0f / 60.0f;
        const auto err = ui::loadFonts(m_fonts, m_catalog, "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
                                       "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf", 1.0f);
        if (!err.empty()) throw std::runtime_error(err);
        unsigned char* px = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&px, &w, &h);  // a backend would upload it; here it only has to exist
        ui::applyTheme(1.0f);
    }
    ~HeadlessImGui() { ImGui::DestroyContext(m_ctx); }
    HeadlessImGui(const HeadlessImGui&) = delete;
    HeadlessImGui& operator=(const HeadlessImGui&) = delete;

    // The context screens draw with: scale 1 (1080p), the DEMO band on.
    ui::UiContext uiContext(ui::TapTargets* targets = nullptr) const {
        ui::UiContext c;
        c.catalog = &m_catalog;
        c.fonts = &m_fonts;
        c.scale = 1.0f;
        c.demoService = true;
        c.targets = targets;
        c.wilayah = &m_wilayah;
        c.kioskId = "MPP-SMG-TEST-01";
        c.speech = true;
        return c;
    }
    const core::Catalog& catalog() const { return m_catalog; }
    const ui::Fonts& fonts() const { return m_fonts; }

private:
    core::Catalog m_catalog;
    core::Wilayah m_wilayah;
    ui::Fonts m_fonts;
    ImGuiContext* m_ctx = nullptr;
};

}  // namespace kiosk::testing
