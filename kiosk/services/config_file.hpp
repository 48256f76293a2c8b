#pragma once
// Reads config/kiosk.toml (toml++) into core::KioskConfig. A broken or missing file is an error
// value naming the file, the line and the problem in words an admin can act on; never a crash.
// Unknown keys are errors too: a typo must not silently fall back to a default.
#include <string>

#include "core/config.hpp"
#include "core/result.hpp"

namespace kiosk::services {

struct ConfigError {
    std::string path;
    int line = 0;  // 0 when the problem is not on one line (e.g. file missing)
    std::string message;
    std::string describe() const;  // "config/kiosk.toml:12: visit.idle_seconds must be 10..3600"
};

core::Result<core::KioskConfig, ConfigError> loadConfigFile(const std::string& path);
core::Result<core::KioskConfig, ConfigError> parseConfig(std::string_view text, const std::string& sourceName);

}  // namespace kiosk::services
