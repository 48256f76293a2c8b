#pragma once
// Screens: a screen is a function of the visit state that returns at most one intent (an Event)
// for the app to feed to the reducer (STYLE pattern 2). Screens never call services, start
// threads or change the state themselves.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.hpp"
#include "core/visit.hpp"
#include "core/wilayah.hpp"
#include "ui/fonts.hpp"
#include "ui/widgets.hpp"

namespace kiosk::ui {

// The live camera picture on the NIK screen (grey, already uploaded by the app as a texture).
struct CameraPreview {
    ImTextureID texture = nullptr;
    float aspect = 16.0f / 9.0f;  // width / height
};

// A QR code as modules (the app makes it with ZXing-cpp's writer; ui only draws squares).
struct QrModules {
    std::string payload;             // what it encodes, so the app knows when to make a new one
    int size = 0;                    // modules per side
    std::vector<unsigned char> dark; // size × size, row-major, 1 = dark
};

struct UiContext {
    const core::Catalog* catalog = nullptr;
    const Fonts* fonts = nullptr;
    float scale = 1.0f;                   // kBodyPx × scale = 1 em
    std::vector<core::Lang> languages{core::Lang::Id, core::Lang::Jv, core::Lang::En};
    bool demoService = false;             // a sandbox with fictional people answers: say so on screen
    float timeSeconds = 0;                // animation clock (spinner); fixed in screenshots
    TapTargets* targets = nullptr;        // tests: where each button was drawn
    std::optional<CameraPreview> camera;  // absent: no camera configured, no camera area
    const core::Wilayah* wilayah = nullptr;  // kecamatan and kelurahan of Kota Semarang (address pickers)
    const QrModules* receiptQr = nullptr;    // the QR of the receipt on screen, if one was made
    std::string_view kioskId;                // shown on the staff-help dialog so staff know which kiosk
    bool speech = false;                     // spoken prompts on: a "listen" button in the header
    // A notice for staff on the Attract screen (catalog key; empty: none), e.g. the central API
    // refused this kiosk's credentials and saved sign-ups cannot be sent until an admin fixes them.
    std::string_view staffAlertKey;
};

// Draws the whole kiosk for `state` into the current ImGui frame (viewport-sized windows).
std::optional<core::Event> drawVisit(const core::VisitState& state, const UiContext& ctx);

// The kiosk cannot serve (e.g. its config is broken): a calm notice for the worker in every
// language, and the technical detail in small print for staff.
void drawOutOfService(const UiContext& ctx, std::string_view detailForStaff);

// True while something on screen moves by itself, so the app keeps rendering frames.
bool animating(const core::VisitState& state);

}  // namespace kiosk::ui
