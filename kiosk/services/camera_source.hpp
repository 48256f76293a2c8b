#pragma once
// A V4L2 camera as a FrameSource (libv4l2, mmap streaming). Frames come out as 8-bit grey:
// YUYV keeps the Y bytes, MJPEG is decoded straight to grey with libturbojpeg (no colour work).
// UU PDP art. 17: frames live only in memory, are never written anywhere, and nothing here looks
// for faces. libv4l2 and turbojpeg stay in the .cpp (STYLE pattern 4); every handle (fd, mmaps,
// tjhandle) is released by RAII.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "core/result.hpp"
#include "services/barcode_decoder.hpp"
#include "services/image_source.hpp"

namespace kiosk::services {

enum class CameraPixelFormat { Yuyv, Mjpeg };

struct CameraSettings {
    std::string device = "/dev/video0";
    int width = 1280, height = 720;  // asked for; the driver may pick the nearest size it has
    int fps = 30;                    // asked for (best effort: not every driver takes a rate)
    // Tried first; if the driver refuses it, the other one is tried. MJPEG keeps USB bandwidth low at 720p.
    CameraPixelFormat format = CameraPixelFormat::Mjpeg;
    int frameTimeoutMs = 500;  // next() reports "no frame" after this long; also bounds how long a stop waits
    int bufferCount = 4;       // mmap streaming buffers
};

// Pure conversions (tested without a camera). Errors are plain sentences.
// YUYV 4:2:2 (Y0 U Y1 V): the Y bytes are the grey image. width must be even; bytesPerLine 0 means
// 2 * width (drivers may pad rows); `bytes` may be longer than needed, never shorter.
core::Result<GreyFrame, std::string> greyFromYuyv(std::span<const std::uint8_t> bytes, int width, int height,
                                                  std::size_t bytesPerLine = 0);
// One JPEG (an MJPEG frame) decoded to grey. Frames larger than kMaxImageSide a side are refused.
core::Result<GreyFrame, std::string> greyFromMjpeg(std::span<const std::uint8_t> bytes);

class CameraSource final : public FrameSource {
public:
    // Opens, negotiates the format, maps the buffers and starts streaming. Errors name the device:
    // "no camera at /dev/video0", "/dev/null is not a camera", "cannot open /dev/video0: Permission denied".
    static core::Result<std::unique_ptr<CameraSource>, std::string> open(const CameraSettings& settings);
    ~CameraSource() override;
    CameraSource(const CameraSource&) = delete;
    CameraSource& operator=(const CameraSource&) = delete;

    // Blocks until the next frame (at most frameTimeoutMs). Never nullopt: a camera never ends; a
    // timeout, a bad frame or an unplugged camera is an error value (the worker backs off and retries).
    std::optional<core::Result<GreyFrame, std::string>> next() override;

    // What the driver agreed to.
    int width() const;
    int height() const;
    CameraPixelFormat pixelFormat() const;

    struct Impl;  // public name so the .cpp's helpers can build it; defined in the .cpp only

private:
    explicit CameraSource(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace kiosk::services
