#pragma once
// The GUI kiosk: window, frame loop and wiring of real services.
#include <string>

#include "app/options.hpp"
#include "core/catalog.hpp"
#include "core/config.hpp"

namespace kiosk::app {

// `configProblem` non-empty: the config could not be used; the kiosk shows an out-of-service
// screen naming it for staff instead of starting visits. Returns the process exit code.
int runKiosk(const Options& opt, const core::KioskConfig& cfg, const core::Catalog& catalog,
             const std::string& configProblem);

}  // namespace kiosk::app
