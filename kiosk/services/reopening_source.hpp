#pragma once
// A frame source that survives its device: when the camera is unplugged (or keeps failing), the
// source is closed and opened again through `open`, so plugging the camera back in brings the
// preview and scanning back without restarting the kiosk. Also starts without a device: the
// camera may be plugged in later.
#include <functional>
#include <memory>
#include <string>

#include "core/result.hpp"
#include "services/image_source.hpp"

namespace kiosk::services {

class ReopeningSource final : public FrameSource {
public:
    using Opener = std::function<core::Result<std::unique_ptr<FrameSource>, std::string>()>;
    // `failuresBeforeReopen`: consecutive errors that mean the device is gone (an unplugged V4L2
    // camera fails every call; one timeout alone is not a reason to reopen).
    explicit ReopeningSource(Opener open, int failuresBeforeReopen = 2);

    // Errors (no device yet, device lost) are values; the scan worker backs off between calls,
    // so a missing camera is tried again about once per backoff, not in a busy loop. Never nullopt.
    std::optional<core::Result<GreyFrame, std::string>> next() override;
    int opens() const { return m_opens; }  // successful opens so far (diagnostics, tests)

private:
    Opener m_open;
    std::unique_ptr<FrameSource> m_source;
    int m_failuresBeforeReopen;
    int m_failures = 0;
    int m_opens = 0;
};

}  // namespace kiosk::services
