#pragma once
// Barcode decoding of grey camera/file frames with ZXing-cpp 1.4 (ZXing stays out of this header).
// Contract: decode() never throws and never keeps the frame; at most one code per frame.
// Traps of Debian's 1.4 build (STYLE.md): ReadBarcodes() can abort on 720p Code128 frames, so only
// ReadBarcode() is used; the DataMatrix detector finds codes only near the frame centre (the preview
// shows a centred guide); PDF417 tolerates little tilt. Per-frame cost is bounded (a fixed series of
// passes, no retries); see DecoderSettings for the strategy and why.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::services {

enum class CodeFormat { Qr, Pdf417, DataMatrix, Code128 };

// Stable lower-case keys for logs, config and the CLI: "qr", "pdf417", "datamatrix", "code128".
std::string_view toKey(CodeFormat f);
std::optional<CodeFormat> codeFormatFromKey(std::string_view key);

// Row-major 8-bit luminance, no padding: pixels.size() == width * height.
struct GreyFrame {
    int width = 0, height = 0;
    std::vector<std::uint8_t> pixels;
};

struct Decoded {
    CodeFormat format;
    std::string text;  // UTF-8
};

// The decode strategy was chosen by measurement (barcode_bench; figures in tests/README.md). Each
// call runs a bounded series of ZXing ReadBarcode passes on one frame, stopping at the first code;
// every pass is restricted to the configured formats it covers (a pass with none is skipped) and
// ZXing's own downscale pyramid is off (it cost time and found nothing the passes below miss).
// Every strategy starts with Code128 on the full frame, tryHarder off (a few scan lines, ~0.2 ms;
// 1D bars at 2.5 px per module do not survive halving). Then:
//   Fast:    QR and DataMatrix on a 2x box-downscaled copy with tryHarder and tryRotate (tryHarder
//            is what finds DataMatrix in 1.4; the half copy is 4x cheaper and smooths noise and
//            blur), then PDF417 on the same copy (reads more noisy or blurred ones than the full
//            frame, but loses a PDF417 at the smallest module, 2.5 px).
//   FineQr:  QR on the centred 75 % (width and height) of the full frame: small-module QR that
//            halving loses. The window reads as many as the full frame (codes are held in the
//            on-screen guide) at ~55 % of the cost.
//   FinePdf: PDF417 on the centred 60 % of the full frame (PDF417 at 2.5 px per module), then QR
//            on the same window (~1.6 ms; without it a QR glimpsed on this frame would be missed).
//   Whole:   every configured format on the full frame with tryHarder and tryRotate: for still
//            images (the scan CLI), too slow for every camera frame.
// A camera decoder cycles Fast, FineQr, FinePdf one frame each (kCycle), so a code held in view is
// tried every way within three frames (100 ms at 30 fps) while no frame pays for all of them.
// Frames whose shorter side is under 480 px are neither halved nor windowed.
struct DecoderSettings {
    std::vector<CodeFormat> formats{CodeFormat::Qr, CodeFormat::Pdf417, CodeFormat::DataMatrix, CodeFormat::Code128};
    // true: calls go through kCycle (the first call of a new decoder uses Fast); false: Fast only.
    bool cycle = true;
};

class BarcodeDecoder {
public:
    explicit BarcodeDecoder(DecoderSettings s = {});
    enum class Strategy { Fast, FineQr, FinePdf, Whole };
    static constexpr std::array<Strategy, 3> kCycle{Strategy::Fast, Strategy::FineQr, Strategy::FinePdf};
    // Empty on no code, an empty format list, a malformed frame (size mismatch, 0x0) or any error
    // inside ZXing. Not thread-safe (cycle position); one decoder per worker.
    std::optional<Decoded> decode(const GreyFrame& f);
    // The strategy the next decode() will use.
    Strategy nextStrategy() const { return m_settings.cycle ? kCycle[m_turn] : Strategy::Fast; }
    // One frame with a given strategy; does not advance the cycle (stills, tests, benchmarks).
    std::optional<Decoded> decodeWith(const GreyFrame& f, Strategy s) const;
    // A still image: every strategy of the cycle, then Whole, until one reads a code.
    std::optional<Decoded> decodeStill(const GreyFrame& f) const;

private:
    DecoderSettings m_settings;
    std::size_t m_turn = 0;
};

// 2x2 box-filtered half-size copy (odd last row/column dropped). Exposed for tests.
GreyFrame downscale2x(const GreyFrame& f);

}  // namespace kiosk::services
