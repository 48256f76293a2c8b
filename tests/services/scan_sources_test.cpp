// Scan sources without hardware: the camera's pure conversions (a hand-made YUYV buffer, an MJPEG
// frame compressed here with tjCompress2), the camera's error values, the decode worker driven by a
// fake FrameSource that makes QR frames (ZXing's MultiFormatWriter) faster than they decode, and
// the serial scanner through a pty pair.
//
// Index: 1. camera conversions  2. helpers  3. scan worker  4. serial scanner
#define ZX_USE_UTF8 1
#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>
#include <doctest/doctest.h>
#include <fcntl.h>
#include <turbojpeg.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "services/camera_source.hpp"
#include "services/reopening_source.hpp"
#include "services/scan_worker.hpp"
#include "services/serial_scanner.hpp"
#include "pty.hpp"

using namespace kiosk;
using namespace std::chrono_literals;
using services::GreyFrame;
using services::ScanNotice;

namespace {

constexpr const char* kNik = "3374015203850002";

// ---- 1. camera conversions -------------------------------------------------------------------------

GreyFrame gradient(int w, int h) {
    GreyFrame f;
    f.width = w;
    f.height = h;
    f.pixels.resize(static_cast<std::size_t>(w) * static_cast<std::size_t>(h));
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            f.pixels[static_cast<std::size_t>(y * w + x)] = static_cast<std::uint8_t>(40 + x * 120 / (w - 1) + y * 60 / (h - 1));
    return f;
}

std::vector<std::uint8_t> compress(const std::vector<std::uint8_t>& src, int w, int h, int pixelFormat, int subsamp) {
    tjhandle tj = tjInitCompress();
    REQUIRE(tj != nullptr);
    unsigned char* jpeg = nullptr;
    unsigned long size = 0;
    const int r = tjCompress2(tj, src.data(), w, 0, h, pixelFormat, &jpeg, &size, subsamp, 95, 0);
    std::vector<std::uint8_t> out;
    if (r == 0) out.assign(jpeg, jpeg + size);
    tjFree(jpeg);
    tjDestroy(tj);
    REQUIRE(r == 0);
    return out;
}

void checkClose(const GreyFrame& got, const GreyFrame& want) {
    REQUIRE(got.width == want.width);
    REQUIRE(got.height == want.height);
    REQUIRE(got.pixels.size() == want.pixels.size());
    int worst = 0;
    double sum = 0;
    for (std::size_t i = 0; i < got.pixels.size(); ++i) {
        const int d = std::abs(int(got.pixels[i]) - int(want.pixels[i]));
        worst = std::max(worst, d);
        sum += d;
    }
    CHECK(worst <= 10);  // JPEG at quality 95 on a smooth image
    CHECK(sum / double(got.pixels.size()) <= 2.0);
}

TEST_CASE("camera YUYV keeps the Y bytes as grey") {
    // 4x2 pixels: Y0 U Y1 V per pair; chroma bytes are junk that must not leak into grey.
    const std::vector<std::uint8_t> yuyv = {10, 200, 20, 99, 30, 7, 40, 250,  //
                                            50, 1, 60, 2, 70, 3, 80, 4};
    auto f = services::greyFromYuyv(yuyv, 4, 2);
    REQUIRE(f.ok());
    CHECK(f->width == 4);
    CHECK(f->height == 2);
    CHECK(f->pixels == std::vector<std::uint8_t>{10, 20, 30, 40, 50, 60, 70, 80});
}

TEST_CASE("camera YUYV with padded rows") {
    // bytesPerLine 12 for a 4-pixel row (8 bytes + 4 padding); the last row needs no padding.
    const std::vector<std::uint8_t> yuyv = {1, 0, 2, 0, 3, 0, 4, 0, 99, 99, 99, 99,  //
                                            5, 0, 6, 0, 7, 0, 8, 0};
    auto f = services::greyFromYuyv(yuyv, 4, 2, 12);
    REQUIRE(f.ok());
    CHECK(f->pixels == std::vector<std::uint8_t>{1, 2, 3, 4, 5, 6, 7, 8});
}

TEST_CASE("camera YUYV refuses short buffers and odd or empty sizes") {
    const std::vector<std::uint8_t> yuyv(15, 0);
    CHECK_FALSE(services::greyFromYuyv(yuyv, 4, 2).ok());  // needs 16
    CHECK_FALSE(services::greyFromYuyv(yuyv, 3, 2).ok());
    CHECK_FALSE(services::greyFromYuyv(yuyv, 0, 0).ok());
    CHECK_FALSE(services::greyFromYuyv(yuyv, 4, 1, 4).ok());  // stride shorter than a row
}

TEST_CASE("camera MJPEG of a grey image decodes back to grey") {
    const GreyFrame want = gradient(160, 120);
    const auto jpeg = compress(want.pixels, want.width, want.height, TJPF_GRAY, TJSAMP_GRAY);
    auto got = services::greyFromMjpeg(jpeg);
    REQUIRE(got.ok());
    checkClose(*got, want);
}

TEST_CASE("camera MJPEG in colour with 4:2:2 chroma decodes to its luminance") {
    // What a UVC camera sends: YCbCr 4:2:2. A grey picture in RGB has Y equal to its grey level.
    const GreyFrame want = gradient(160, 120);
    std::vector<std::uint8_t> rgb;
    for (std::uint8_t v : want.pixels) rgb.insert(rgb.end(), {v, v, v});
    const auto jpeg = compress(rgb, want.width, want.height, TJPF_RGB, TJSAMP_422);
    auto got = services::greyFromMjpeg(jpeg);
    REQUIRE(got.ok());
    checkClose(*got, want);
}

TEST_CASE("camera MJPEG garbage and empty frames are errors") {
    CHECK_FALSE(services::greyFromMjpeg({}).ok());
    const std::vector<std::uint8_t> junk(1000, 0x5a);
    auto r = services::greyFromMjpeg(junk);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().find("JPEG") != std::string::npos);
}

TEST_CASE("camera missing device gives a clear error") {
    services::CameraSettings s;
    s.device = "/dev/kiosk-test-no-such-video0";
    auto cam = services::CameraSource::open(s);
    REQUIRE_FALSE(cam.ok());
    CHECK(cam.error() == "no camera at /dev/kiosk-test-no-such-video0");
}

TEST_CASE("camera a device that is not a camera is refused") {
    services::CameraSettings s;
    s.device = "/dev/null";
    auto cam = services::CameraSource::open(s);
    REQUIRE_FALSE(cam.ok());
    CHECK(cam.error() == "/dev/null is not a camera");
}

// ---- 2. helpers ---------------------------------------------------------------------------------------

// A QR code with `text`, 4 px modules, centred in a w x h white frame.
GreyFrame qrFrame(const std::string& text, int w = 640, int h = 480) {
    const ZXing::BitMatrix m = ZXing::MultiFormatWriter(ZXing::BarcodeFormat::QRCode).setMargin(0).encode(text, 0, 0);
    GreyFrame f;
    f.width = w;
    f.height = h;
    f.pixels.assign(static_cast<std::size_t>(w) * static_cast<std::size_t>(h), 235);
    constexpr int kModule = 4;
    const int x0 = (w - m.width() * kModule) / 2, y0 = (h - m.height() * kModule) / 2;
    for (int y = 0; y < m.height() * kModule; ++y)
        for (int x = 0; x < m.width() * kModule; ++x)
            if (m.get(x / kModule, y / kModule))
                f.pixels[static_cast<std::size_t>((y0 + y) * w + x0 + x)] = 20;
    return f;
}

GreyFrame blankFrame(int w = 640, int h = 480) {
    GreyFrame f;
    f.width = w;
    f.height = h;
    f.pixels.assign(static_cast<std::size_t>(w) * static_cast<std::size_t>(h), 200);
    return f;
}

// Frames from a script: script(frameNumber, msSinceStart). A short sleep per frame gives a source
// far faster than the decoder (hundreds of frames per second).
class FakeSource final : public services::FrameSource {
public:
    using Script = std::function<std::optional<core::Result<GreyFrame, std::string>>(int n, std::int64_t ms)>;
    FakeSource(Script s, std::chrono::microseconds period) : m_script(std::move(s)), m_period(period) {}
    std::optional<core::Result<GreyFrame, std::string>> next() override {
        std::this_thread::sleep_for(m_period);
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - m_start).count();
        return m_script(m_n++, ms);
    }

private:
    Script m_script;
    std::chrono::microseconds m_period;
    std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
    int m_n = 0;
};

using FrameOut = std::optional<core::Result<GreyFrame, std::string>>;
FrameOut frameOf(const GreyFrame& f) { return FrameOut(core::Result<GreyFrame, std::string>(f)); }
FrameOut errorOf(std::string e) { return FrameOut(core::Result<GreyFrame, std::string>(core::unexpected(std::move(e)))); }

// The app's thread-safe Post, standing in for the event queue.
class Inbox {
public:
    services::ScanPost post() {
        return [this](ScanNotice n) {
            {
                std::lock_guard lock(m_mutex);
                m_notices.push_back(std::move(n));
            }
            m_cv.notify_all();
        };
    }
    bool waitFor(const std::function<bool(const std::vector<ScanNotice>&)>& pred, std::chrono::milliseconds timeout) {
        std::unique_lock lock(m_mutex);
        return m_cv.wait_for(lock, timeout, [&] { return pred(m_notices); });
    }
    std::vector<ScanNotice> notices() {
        std::lock_guard lock(m_mutex);
        return m_notices;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::vector<ScanNotice> m_notices;
};

std::size_t countKind(const std::vector<ScanNotice>& v, core::PayloadKind k) {
    return static_cast<std::size_t>(std::count_if(v.begin(), v.end(), [&](const ScanNotice& n) {
        return n.kind == ScanNotice::Kind::Scanned && n.payload.kind == k;
    }));
}

services::ScanWorkerSettings qrOnly() {
    services::ScanWorkerSettings s;
    s.decoder.formats = {services::CodeFormat::Qr};
    return s;
}

// ---- 3. scan worker --------------------------------------------------------------------------------

TEST_CASE("scan worker a held card fires once while frames arrive faster than decoding") {
    const GreyFrame card = qrFrame(kNik, 1280, 720);
    Inbox inbox;
    auto worker = std::make_unique<services::ScanWorker>(
        std::make_unique<FakeSource>([&](int, std::int64_t) { return frameOf(card); }, 200us), qrOnly(),
        core::MacVerifier{}, inbox.post());
    REQUIRE(inbox.waitFor([](const auto& v) { return !v.empty(); }, 10s));
    // Keep the card in view for a while: many more decodes of the same payload, no second notice.
    const auto start = std::chrono::steady_clock::now();
    services::ScanWorkerStats st;
    std::size_t worstDepth = 0;
    while (std::chrono::steady_clock::now() - start < 600ms) {
        st = worker->stats();
        worstDepth = std::max(worstDepth, st.mailboxDepth);
        // Every frame is accounted for: decoded, dropped, or the one waiting in the slot.
        CHECK(st.framesIn == st.framesDecoded + st.framesDropped + st.mailboxDepth);
        std::this_thread::sleep_for(20ms);
    }
    const auto notices = inbox.notices();
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].kind == ScanNotice::Kind::Scanned);
    CHECK(notices[0].payload.kind == core::PayloadKind::Nik);
    CHECK(notices[0].payload.nikDigits == kNik);
    REQUIRE(notices[0].format.has_value());
    CHECK(*notices[0].format == services::CodeFormat::Qr);
    CHECK(worstDepth <= 1);
    CHECK(st.mailboxPeak == 1);
    CHECK(st.framesDropped > 0);
    CHECK(st.framesDecoded >= 3);
    CHECK(st.duplicates >= 2);
    CHECK(st.posted == 1);
    MESSAGE("frames in " << st.framesIn << ", decoded " << st.framesDecoded << ", dropped " << st.framesDropped);

    // The preview: 320 px wide, aspect kept, refreshed at the source's rate.
    auto p1 = worker->latestPreview();
    REQUIRE(p1.has_value());
    CHECK(p1->grey.width == 320);
    CHECK(p1->grey.height == 180);
    CHECK(p1->grey.pixels.size() == 320u * 180u);
    std::this_thread::sleep_for(50ms);
    auto p2 = worker->latestPreview();
    REQUIRE(p2.has_value());
    CHECK(p2->sequence > p1->sequence);

    // forgetLastScan: the same card is reported again at once (a new visit).
    worker->forgetLastScan();
    CHECK(inbox.waitFor([](const auto& v) { return v.size() == 2; }, 10s));
}

TEST_CASE("scan worker two codes in view alternately each fire once") {
    const GreyFrame a = qrFrame(kNik), b = qrFrame("Selamat datang di Mall Pelayanan Publik");
    Inbox inbox;
    services::ScanWorker worker(std::make_unique<FakeSource>(
                                    [&](int, std::int64_t ms) { return frameOf((ms / 40) % 2 == 0 ? a : b); }, 500us),
                                qrOnly(), core::MacVerifier{}, inbox.post());
    REQUIRE(inbox.waitFor([](const auto& v) { return v.size() >= 2; }, 10s));
    std::this_thread::sleep_for(800ms);  // ~20 more switches between the two
    const auto notices = inbox.notices();
    CHECK(notices.size() == 2);
    CHECK(countKind(notices, core::PayloadKind::Nik) == 1);
    CHECK(countKind(notices, core::PayloadKind::NotANik) == 1);
    CHECK(worker.stats().duplicates > 0);
}

TEST_CASE("scan worker the same card after the de-duplication window fires again") {
    const GreyFrame card = qrFrame(kNik), empty = blankFrame();
    Inbox inbox;
    auto settings = qrOnly();
    settings.dedupWindow = 150ms;
    // card 0-300 ms, nothing 300-900 ms (longer than the window), then the card again
    services::ScanWorker worker(std::make_unique<FakeSource>(
                                    [&](int, std::int64_t ms) { return frameOf(ms < 300 || ms >= 900 ? card : empty); }, 1ms),
                                settings, core::MacVerifier{}, inbox.post());
    REQUIRE(inbox.waitFor([](const auto& v) { return countKind(v, core::PayloadKind::Nik) >= 2; }, 10s));
    std::this_thread::sleep_for(200ms);
    CHECK(countKind(inbox.notices(), core::PayloadKind::Nik) == 2);
}

TEST_CASE("scan worker source problems are posted once and an ended source says so") {
    const GreyFrame card = qrFrame(kNik);
    Inbox inbox;
    auto settings = qrOnly();
    settings.errorBackoff = 5ms;
    services::ScanWorker worker(std::make_unique<FakeSource>(
                                    [&](int n, std::int64_t) -> FrameOut {
                                        if (n < 3) return errorOf("no frame from the camera at /dev/video0 within 500 ms");
                                        if (n < 6) return frameOf(card);
                                        return std::nullopt;
                                    },
                                    1ms),
                                settings, core::MacVerifier{}, inbox.post());
    REQUIRE(inbox.waitFor([](const auto& v) {
        return std::any_of(v.begin(), v.end(), [](const ScanNotice& n) { return n.kind == ScanNotice::Kind::SourceEnded; });
    }, 10s));
    REQUIRE(inbox.waitFor([](const auto& v) { return countKind(v, core::PayloadKind::Nik) == 1; }, 10s));
    const auto notices = inbox.notices();
    const auto problems = std::count_if(notices.begin(), notices.end(),
                                        [](const ScanNotice& n) { return n.kind == ScanNotice::Kind::SourceProblem; });
    CHECK(problems == 1);
    CHECK(notices.front().problem == "no frame from the camera at /dev/video0 within 500 ms");
    CHECK(worker.stats().sourceEnded);
    CHECK(worker.stats().framesIn == 3);
}

TEST_CASE("scan worker destruction is prompt while 720p frames pour in") {
    const GreyFrame card = qrFrame(kNik, 1280, 720);
    Inbox inbox;
    auto worker = std::make_unique<services::ScanWorker>(
        std::make_unique<FakeSource>([&](int, std::int64_t) { return frameOf(card); }, 1ms), services::ScanWorkerSettings{},
        core::MacVerifier{}, inbox.post());
    REQUIRE(inbox.waitFor([](const auto& v) { return !v.empty(); }, 10s));
    std::this_thread::sleep_for(100ms);  // mid-decode, most likely
    const auto t0 = std::chrono::steady_clock::now();
    worker.reset();
    const auto took = std::chrono::steady_clock::now() - t0;
    MESSAGE("stop took " << std::chrono::duration_cast<std::chrono::microseconds>(took).count() << " us");
    CHECK(took < 500ms);  // one decode (tens of ms on a busy 2-core machine) and one next()
}

TEST_CASE("scan worker preview downscale averages pixel blocks") {
    GreyFrame f;
    f.width = 1280;
    f.height = 720;
    f.pixels.resize(1280u * 720u);
    for (std::size_t i = 0; i < f.pixels.size(); ++i) f.pixels[i] = (i % 2 == 0) ? 100 : 200;  // columns alternate
    const GreyFrame p = services::downscaleToWidth(f, 320);
    CHECK(p.width == 320);
    CHECK(p.height == 180);
    REQUIRE(p.pixels.size() == 320u * 180u);
    CHECK(std::all_of(p.pixels.begin(), p.pixels.end(), [](std::uint8_t v) { return v == 150; }));
    const GreyFrame small = services::downscaleToWidth(blankFrame(200, 100), 320);
    CHECK(small.width == 200);
    CHECK(services::downscaleToWidth(GreyFrame{}, 320).pixels.empty());
}

// ---- 4. serial scanner -------------------------------------------------------------------------------

using test::Pty;

std::unique_ptr<services::SerialScanner> openScanner(const Pty& pty, Inbox& inbox) {
    services::SerialScannerSettings s;
    s.device = pty.slave;
    s.baud = 115200;
    auto r = services::SerialScanner::open(s, core::MacVerifier{}, inbox.post());
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string() : r.error()));
    return std::move(r.value());
}

TEST_CASE("serial scanner a NIK line gives a Nik") {
    Pty pty;
    Inbox inbox;
    auto scanner = openScanner(pty, inbox);
    pty.write(std::string(kNik) + "\r\n");
    REQUIRE(inbox.waitFor([](const auto& v) { return !v.empty(); }, 5s));
    std::this_thread::sleep_for(50ms);  // the LF of CR LF must not make a second (empty) scan
    const auto notices = inbox.notices();
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].kind == ScanNotice::Kind::Scanned);
    CHECK(notices[0].payload.kind == core::PayloadKind::Nik);
    CHECK(notices[0].payload.nikDigits == kNik);
    CHECK_FALSE(notices[0].format.has_value());
    CHECK(scanner->running());
}

TEST_CASE("serial scanner several lines in one burst and split across writes") {
    Pty pty;
    Inbox inbox;
    auto scanner = openScanner(pty, inbox);
    pty.write("NIK: 3374 0152 0385 0002\nhello\r");
    pty.write("33740152");
    std::this_thread::sleep_for(30ms);
    pty.write("03850002\n");
    REQUIRE(inbox.waitFor([](const auto& v) { return v.size() == 3; }, 5s));
    const auto notices = inbox.notices();
    CHECK(notices[0].payload.kind == core::PayloadKind::Nik);
    CHECK(notices[1].payload.kind == core::PayloadKind::NotANik);
    CHECK(notices[2].payload.kind == core::PayloadKind::Nik);
    CHECK(notices[2].payload.nikDigits == kNik);
}

TEST_CASE("serial scanner control characters are rejected") {
    Pty pty;
    Inbox inbox;
    auto scanner = openScanner(pty, inbox);
    pty.write(std::string("3374\x1b[2J0152\x08") + "03850002\r\n");
    REQUIRE(inbox.waitFor([](const auto& v) { return !v.empty(); }, 5s));
    const auto n = inbox.notices().front();
    CHECK(n.payload.kind == core::PayloadKind::Rejected);
    CHECK(n.payload.rejectReason == "control_characters");
    CHECK(n.payload.nikDigits.empty());
}

TEST_CASE("serial scanner a 10 KB line is rejected as too long and the next line still works") {
    Pty pty;
    Inbox inbox;
    auto scanner = openScanner(pty, inbox);
    pty.write(std::string(10 * 1024, '7') + "\r\n" + kNik + "\r\n");
    REQUIRE(inbox.waitFor([](const auto& v) { return v.size() == 2; }, 5s));
    const auto notices = inbox.notices();
    CHECK(notices[0].payload.kind == core::PayloadKind::Rejected);
    CHECK(notices[0].payload.rejectReason == "too_long");
    CHECK(notices[1].payload.kind == core::PayloadKind::Nik);
}

TEST_CASE("serial scanner reports a vanished device and stops") {
    Pty pty;
    Inbox inbox;
    auto scanner = openScanner(pty, inbox);
    pty.closeMaster();
    REQUIRE(inbox.waitFor([](const auto& v) { return !v.empty(); }, 5s));
    const auto n = inbox.notices().front();
    CHECK(n.kind == ScanNotice::Kind::SourceEnded);
    CHECK(n.problem == "the scanner at " + pty.slave + " is gone");
    CHECK_FALSE(scanner->running());
}

TEST_CASE("serial scanner stops promptly when destroyed") {
    Pty pty;
    Inbox inbox;
    auto scanner = openScanner(pty, inbox);
    std::this_thread::sleep_for(20ms);
    const auto t0 = std::chrono::steady_clock::now();
    scanner.reset();
    CHECK(std::chrono::steady_clock::now() - t0 < 300ms);
    CHECK(inbox.notices().empty());
}

TEST_CASE("serial scanner open errors name the device") {
    Inbox inbox;
    services::SerialScannerSettings s;
    s.device = "/dev/kiosk-test-no-such-ttyACM0";
    auto r = services::SerialScanner::open(s, {}, inbox.post());
    REQUIRE_FALSE(r.ok());
    CHECK(r.error() == "no scanner at /dev/kiosk-test-no-such-ttyACM0");
    s.device = "/dev/null";
    r = services::SerialScanner::open(s, {}, inbox.post());
    REQUIRE_FALSE(r.ok());
    CHECK(r.error() == "/dev/null is not a serial port");
    s.baud = 1234;
    r = services::SerialScanner::open(s, {}, inbox.post());
    REQUIRE_FALSE(r.ok());
    CHECK(r.error() == "unsupported baud rate 1234");
}

}  // namespace

// ---- 5. a camera unplugged and plugged back in ----------------------------------------------------

namespace {
// A device that gives `frames` frames, then fails as an unplugged V4L2 camera does (every call).
class UnpluggingCamera final : public kiosk::services::FrameSource {
public:
    explicit UnpluggingCamera(int frames) : m_left(frames) {}
    std::optional<kiosk::core::Result<kiosk::services::GreyFrame, std::string>> next() override {
        using Out = kiosk::core::Result<kiosk::services::GreyFrame, std::string>;
        if (m_left-- > 0) return Out(kiosk::services::GreyFrame{2, 2, {1, 2, 3, 4}});
        return Out(kiosk::core::unexpected(std::string("the camera at /dev/video0 was unplugged")));
    }

private:
    int m_left;
};
}  // namespace

TEST_CASE("an unplugged camera is opened again when it comes back and a missing one when it appears") {
    int attempts = 0;
    bool plugged = false;  // absent at start: the kiosk starts without its camera
    kiosk::services::ReopeningSource source([&]() -> kiosk::core::Result<std::unique_ptr<kiosk::services::FrameSource>, std::string> {
        ++attempts;
        if (!plugged) return kiosk::core::unexpected(std::string("no camera at /dev/video0"));
        return std::unique_ptr<kiosk::services::FrameSource>(std::make_unique<UnpluggingCamera>(3));
    });
    auto r = source.next();
    REQUIRE(r.has_value());
    CHECK_FALSE(r->ok());
    CHECK(r->error() == "no camera at /dev/video0");
    plugged = true;
    int frames = 0;
    for (int i = 0; i < 3; ++i) frames += source.next()->ok() ? 1 : 0;
    CHECK(frames == 3);
    CHECK(source.opens() == 1);
    // Unplugged: two failures in a row close it; the next call opens it again and frames flow.
    CHECK_FALSE(source.next()->ok());
    CHECK_FALSE(source.next()->ok());
    CHECK(source.next()->ok());
    CHECK(source.opens() == 2);
    CHECK(attempts == 3);
}
