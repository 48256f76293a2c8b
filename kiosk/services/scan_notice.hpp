#pragma once
// What a scan source (camera worker, serial scanner) tells the app, as plain data. Sources call
// their ScanPost from their own thread, so it must be thread-safe and only enqueue (the app's event
// queue, then glfwPostEmptyEvent). A Scanned notice may carry a NIK: the app passes it to the
// reducer and keeps no copy.
#include <functional>
#include <optional>
#include <string>

#include "core/scan_payload.hpp"
#include "services/barcode_decoder.hpp"

namespace kiosk::services {

struct ScanNotice {
    enum class Kind {
        Scanned,        // payload is set (any PayloadKind, Rejected included)
        SourceProblem,  // the source goes on but something is wrong; `problem` says what (sent once per
                        // distinct problem until a frame or line arrives again)
        SourceEnded,    // the source is gone (device unplugged, folder finished); nothing more comes
    } kind = Kind::Scanned;
    core::ScanPayload payload;
    std::optional<CodeFormat> format;  // the symbology for camera scans; nullopt for scanner devices
    std::string problem;               // a plain sentence naming the device, e.g. "no camera at /dev/video0"
};

using ScanPost = std::function<void(ScanNotice)>;

}  // namespace kiosk::services
