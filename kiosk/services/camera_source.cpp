#include "services/camera_source.hpp"

#include <fcntl.h>
#include <libv4l2.h>
#include <linux/videodev2.h>
#include <poll.h>
#include <sys/mman.h>
#include <turbojpeg.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <utility>
#include <vector>

namespace kiosk::services {
namespace {

std::string errnoText(int e) { return std::strerror(e); }

int xioctl(int fd, unsigned long request, void* arg) {
    int r = 0;
    do {
        r = v4l2_ioctl(fd, request, arg);
    } while (r == -1 && errno == EINTR);
    return r;
}

class TjDecompressor {
public:
    TjDecompressor() : m_handle(tjInitDecompress()) {}
    ~TjDecompressor() {
        if (m_handle != nullptr) tjDestroy(m_handle);
    }
    TjDecompressor(const TjDecompressor&) = delete;
    TjDecompressor& operator=(const TjDecompressor&) = delete;
    tjhandle get() const { return m_handle; }

private:
    tjhandle m_handle;
};

core::Result<GreyFrame, std::string> decodeJpegGrey(tjhandle tj, std::span<const std::uint8_t> bytes) {
    using core::unexpected;
    if (tj == nullptr) return unexpected(std::string("JPEG decoder unavailable"));
    if (bytes.empty()) return unexpected(std::string("empty JPEG frame"));
    const auto size = static_cast<unsigned long>(bytes.size());
    int width = 0, height = 0, subsamp = 0, colorspace = 0;
    if (tjDecompressHeader3(tj, bytes.data(), size, &width, &height, &subsamp, &colorspace) != 0)
        return unexpected("bad JPEG frame: " + std::string(tjGetErrorStr2(tj)));
    if (width <= 0 || height <= 0 || width > kMaxImageSide || height > kMaxImageSide)
        return unexpected("JPEG frame of " + std::to_string(width) + "x" + std::to_string(height) + " refused");
    GreyFrame f;
    f.width = width;
    f.height = height;
    f.pixels.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
    // Cameras often end MJPEG frames with junk bytes: libjpeg-turbo warns and decodes on; only a
    // fatal error loses the frame. Missing Huffman tables (common in MJPEG) get the standard ones.
    if (tjDecompress2(tj, bytes.data(), size, f.pixels.data(), width, 0, height, TJPF_GRAY, TJFLAG_FASTDCT) != 0 &&
        tjGetErrorCode(tj) == TJERR_FATAL)
        return unexpected("bad JPEG frame: " + std::string(tjGetErrorStr2(tj)));
    return f;
}

std::uint32_t fourcc(CameraPixelFormat f) {
    return f == CameraPixelFormat::Yuyv ? V4L2_PIX_FMT_YUYV : V4L2_PIX_FMT_MJPEG;
}

}  // namespace

core::Result<GreyFrame, std::string> greyFromYuyv(std::span<const std::uint8_t> bytes, int width, int height,
                                                  std::size_t bytesPerLine) {
    using core::unexpected;
    if (width <= 0 || height <= 0 || width % 2 != 0 || width > kMaxImageSide || height > kMaxImageSide)
        return unexpected("YUYV frame of " + std::to_string(width) + "x" + std::to_string(height) + " refused");
    const auto w = static_cast<std::size_t>(width), h = static_cast<std::size_t>(height);
    const std::size_t stride = bytesPerLine == 0 ? 2 * w : bytesPerLine;
    if (stride < 2 * w) return unexpected(std::string("YUYV row stride shorter than the row"));
    if (bytes.size() < stride * (h - 1) + 2 * w)
        return unexpected("short YUYV frame: " + std::to_string(bytes.size()) + " bytes for " + std::to_string(width) +
                          "x" + std::to_string(height));
    GreyFrame f;
    f.width = width;
    f.height = height;
    f.pixels.resize(w * h);
    for (std::size_t y = 0; y < h; ++y) {
        const std::uint8_t* row = bytes.data() + y * stride;
        std::uint8_t* out = f.pixels.data() + y * w;
        for (std::size_t x = 0; x < w; ++x) out[x] = row[2 * x];
    }
    return f;
}

core::Result<GreyFrame, std::string> greyFromMjpeg(std::span<const std::uint8_t> bytes) {
    TjDecompressor tj;
    return decodeJpegGrey(tj.get(), bytes);
}

struct CameraSource::Impl {
    struct Mapping {
        void* start = nullptr;
        std::size_t length = 0;
    };
    std::string device;
    int fd = -1;
    std::vector<Mapping> buffers;
    bool buffersRequested = false;
    bool streaming = false;
    int width = 0, height = 0;
    std::size_t bytesPerLine = 0;
    CameraPixelFormat format = CameraPixelFormat::Mjpeg;
    int timeoutMs = 500;
    TjDecompressor tj;

    Impl() = default;
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;
    ~Impl() {
        if (fd < 0) return;
        if (streaming) {
            v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
            (void)xioctl(fd, VIDIOC_STREAMOFF, &type);
        }
        for (const Mapping& m : buffers) v4l2_munmap(m.start, m.length);
        if (buffersRequested) {
            v4l2_requestbuffers req{};
            req.count = 0;
            req.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
            req.memory = V4L2_MEMORY_MMAP;
            (void)xioctl(fd, VIDIOC_REQBUFS, &req);
        }
        v4l2_close(fd);
    }
};

CameraSource::CameraSource(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
CameraSource::~CameraSource() = default;

int CameraSource::width() const { return m_impl->width; }
int CameraSource::height() const { return m_impl->height; }
CameraPixelFormat CameraSource::pixelFormat() const { return m_impl->format; }

core::Result<std::unique_ptr<CameraSource>, std::string> CameraSource::open(const CameraSettings& s) {
    using core::unexpected;
    auto impl = std::make_unique<Impl>();
    impl->device = s.device;
    impl->timeoutMs = s.frameTimeoutMs > 0 ? s.frameTimeoutMs : 500;
    const std::string& dev = s.device;

    impl->fd = v4l2_open(dev.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (impl->fd < 0) {
        const int e = errno;
        if (e == ENOENT || e == ENODEV || e == ENXIO) return unexpected("no camera at " + dev);
        if (e == ENOTTY || e == EINVAL) return unexpected(dev + " is not a camera");  // libv4l2's capability probe
        return unexpected("cannot open " + dev + ": " + errnoText(e));
    }
    const int fd = impl->fd;

    v4l2_capability cap{};
    if (xioctl(fd, VIDIOC_QUERYCAP, &cap) != 0) return unexpected(dev + " is not a camera");
    const std::uint32_t caps = (cap.capabilities & V4L2_CAP_DEVICE_CAPS) != 0 ? cap.device_caps : cap.capabilities;
    if ((caps & V4L2_CAP_VIDEO_CAPTURE) == 0) return unexpected(dev + " is not a camera");
    if ((caps & V4L2_CAP_STREAMING) == 0) return unexpected(dev + " cannot stream frames");
    if (tjhandle h = impl->tj.get(); h == nullptr) return unexpected(std::string("JPEG decoder unavailable"));

    bool agreed = false;
    const CameraPixelFormat other = s.format == CameraPixelFormat::Mjpeg ? CameraPixelFormat::Yuyv : CameraPixelFormat::Mjpeg;
    for (CameraPixelFormat want : {s.format, other}) {
        v4l2_format fmt{};
        fmt.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        fmt.fmt.pix.width = static_cast<std::uint32_t>(s.width);
        fmt.fmt.pix.height = static_cast<std::uint32_t>(s.height);
        fmt.fmt.pix.pixelformat = fourcc(want);
        fmt.fmt.pix.field = V4L2_FIELD_ANY;
        if (xioctl(fd, VIDIOC_S_FMT, &fmt) != 0 || fmt.fmt.pix.pixelformat != fourcc(want)) continue;
        if (fmt.fmt.pix.width == 0 || fmt.fmt.pix.height == 0 || fmt.fmt.pix.width > kMaxImageSide ||
            fmt.fmt.pix.height > kMaxImageSide)
            continue;
        impl->format = want;
        impl->width = static_cast<int>(fmt.fmt.pix.width);
        impl->height = static_cast<int>(fmt.fmt.pix.height);
        impl->bytesPerLine = fmt.fmt.pix.bytesperline;
        agreed = true;
        break;
    }
    if (!agreed) return unexpected(dev + " offers neither MJPEG nor YUYV frames");

    // The rate is a wish: drivers without V4L2_CAP_TIMEPERFRAME keep their own.
    v4l2_streamparm parm{};
    parm.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    if (s.fps > 0 && xioctl(fd, VIDIOC_G_PARM, &parm) == 0 && (parm.parm.capture.capability & V4L2_CAP_TIMEPERFRAME) != 0) {
        parm.parm.capture.timeperframe.numerator = 1;
        parm.parm.capture.timeperframe.denominator = static_cast<std::uint32_t>(s.fps);
        (void)xioctl(fd, VIDIOC_S_PARM, &parm);
    }

    v4l2_requestbuffers req{};
    req.count = static_cast<std::uint32_t>(s.bufferCount >= 2 ? s.bufferCount : 2);
    req.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    req.memory = V4L2_MEMORY_MMAP;
    if (xioctl(fd, VIDIOC_REQBUFS, &req) != 0) return unexpected(dev + " cannot stream frames: " + errnoText(errno));
    impl->buffersRequested = true;
    if (req.count < 2) return unexpected(dev + " gave too few frame buffers");

    for (std::uint32_t i = 0; i < req.count; ++i) {
        v4l2_buffer buf{};
        buf.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        buf.memory = V4L2_MEMORY_MMAP;
        buf.index = i;
        if (xioctl(fd, VIDIOC_QUERYBUF, &buf) != 0) return unexpected(dev + ": frame buffer query failed: " + errnoText(errno));
        void* start = v4l2_mmap(nullptr, buf.length, PROT_READ | PROT_WRITE, MAP_SHARED, fd, buf.m.offset);
        if (start == MAP_FAILED) return unexpected(dev + ": cannot map frame buffers: " + errnoText(errno));
        impl->buffers.push_back({start, buf.length});
        if (xioctl(fd, VIDIOC_QBUF, &buf) != 0) return unexpected(dev + ": cannot queue frame buffers: " + errnoText(errno));
    }
    v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    if (xioctl(fd, VIDIOC_STREAMON, &type) != 0) return unexpected(dev + " cannot start streaming: " + errnoText(errno));
    impl->streaming = true;
    return std::unique_ptr<CameraSource>(new CameraSource(std::move(impl)));
}

std::optional<core::Result<GreyFrame, std::string>> CameraSource::next() {
    using core::unexpected;
    using Out = core::Result<GreyFrame, std::string>;
    Impl& m = *m_impl;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(m.timeoutMs);
    pollfd p{m.fd, POLLIN, 0};
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        const int r = ::poll(&p, 1, static_cast<int>(std::max<std::int64_t>(left.count(), 0)));
        if (r > 0) break;
        if (r == 0) return Out(unexpected("no frame from the camera at " + m.device + " within " + std::to_string(m.timeoutMs) + " ms"));
        if (errno != EINTR) return Out(unexpected("camera at " + m.device + ": " + errnoText(errno)));
    }
    if ((p.revents & POLLIN) == 0) return Out(unexpected("the camera at " + m.device + " stopped (unplugged?)"));

    v4l2_buffer buf{};
    buf.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    buf.memory = V4L2_MEMORY_MMAP;
    if (xioctl(m.fd, VIDIOC_DQBUF, &buf) != 0) {
        const int e = errno;
        if (e == EAGAIN) return Out(unexpected("no frame from the camera at " + m.device));
        if (e == ENODEV) return Out(unexpected("the camera at " + m.device + " was unplugged"));
        return Out(unexpected("camera at " + m.device + ": " + errnoText(e)));
    }
    // The buffer goes back to the driver whatever happens to this frame.
    struct Requeue {
        int fd;
        v4l2_buffer& b;
        ~Requeue() { (void)xioctl(fd, VIDIOC_QBUF, &b); }
    } requeue{m.fd, buf};

    if (buf.index >= m.buffers.size()) return Out(unexpected("camera at " + m.device + " returned an unknown buffer"));
    if ((buf.flags & V4L2_BUF_FLAG_ERROR) != 0) return Out(unexpected("damaged frame from the camera at " + m.device));
    const Impl::Mapping& map = m.buffers[buf.index];
    const std::size_t used = buf.bytesused != 0 && buf.bytesused <= map.length ? buf.bytesused : map.length;
    const std::span<const std::uint8_t> bytes(static_cast<const std::uint8_t*>(map.start), used);
    if (m.format == CameraPixelFormat::Yuyv) return Out(greyFromYuyv(bytes, m.width, m.height, m.bytesPerLine));
    return Out(decodeJpegGrey(m.tj.get(), bytes));
}

}  // namespace kiosk::services
