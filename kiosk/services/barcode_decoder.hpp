#pragma once
// Barcode decoding of grey camera/file frames with ZXing-cpp 1.4 (ZXing stays out of this header).
// Contract: decode() never throws and never keeps the frame; at most one code per frame.
// Traps of Debian's 1.4 build (STYLE.md): ReadBarcodes() can abort on 720p Code128 frames, so only
// ReadBarcode() is used; the DataMatrix detector finds codes only near the frame centre (the preview
// shows a centred guide); PDF417 tolerates little tilt. Per-frame cost is bounded (a fixed series of
// passes, no retries); see DecoderSettings for the strategy and why.
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
//   Strategy A ("fast", every frame, or every other frame with `alternate`):
//     1. Code128 on the full frame, tryHarder off (a few scan lines, ~0.2 ms; 1D bars at 2.5 px per
//        module do not survive halving);
//     2. QR and DataMatrix on a 2x box-downscaled copy with tryHarder and tryRotate (tryHarder is
//        what finds DataMatrix in 1.4; the half copy is 4x cheaper and smooths noise and blur);
//     3. PDF417 on the same copy, tryHarder off (measured faster than on the full frame, and it
//        reads more noisy or blurred ones; but a PDF417 at the smallest module, 2.5 px, is lost).
//   Strategy B ("fine", the other frames with `alternate`): Code128 as in A; DataMatrix on the half
//     copy as in A; then QR and PDF417 on the full frame, tryHarder off, for codes whose modules are
//     too small to survive halving (hard QR at 0.5x scale, PDF417 at 2.5 px per module).
// A code held in view is thus tried with both strategies within two frames (66 ms at 30 fps); a
// still image (the scan CLI) should get both: decodeWith(Fast), then on a miss decodeWith(Fine).
// Frames whose shorter side is under 480 px are not halved (not measured; the halving is for 720p
// and 640x480 camera frames).
struct DecoderSettings {
    std::vector<CodeFormat> formats{CodeFormat::Qr, CodeFormat::Pdf417, CodeFormat::DataMatrix, CodeFormat::Code128};
    // true: calls alternate A, B, A, B ... (the first call of a new decoder uses A); false: A only.
    bool alternate = true;
};

class BarcodeDecoder {
public:
    explicit BarcodeDecoder(DecoderSettings s = {});
    enum class Strategy { Fast, Fine };  // A and B above
    // Empty on no code, an empty format list, a malformed frame (size mismatch, 0x0) or any error
    // inside ZXing. Not thread-safe (alternation state); one decoder per worker.
    std::optional<Decoded> decode(const GreyFrame& f);
    // The strategy the next decode() will use.
    Strategy nextStrategy() const { return m_fineTurn ? Strategy::Fine : Strategy::Fast; }
    // One frame with a given strategy; does not advance the alternation (tests, benchmarks).
    std::optional<Decoded> decodeWith(const GreyFrame& f, Strategy s) const;

private:
    DecoderSettings m_settings;
    bool m_fineTurn = false;
};

// 2x2 box-filtered half-size copy (odd last row/column dropped). Exposed for tests.
GreyFrame downscale2x(const GreyFrame& f);

}  // namespace kiosk::services
