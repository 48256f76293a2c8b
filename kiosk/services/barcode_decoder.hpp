#pragma once
// Barcode decoding of grey camera/file frames with ZXing-cpp 1.4 (ZXing stays out of this header).
// Contract: decode() never throws and never keeps the frame; at most one code per frame.
// Traps of Debian's 1.4 build (STYLE.md): ReadBarcodes() can abort on 720p Code128 frames, so only
// ReadBarcode() is used; the DataMatrix detector finds codes only near the frame centre (the preview
// shows a centred guide); PDF417 tolerates little tilt.
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

struct DecoderSettings {
    std::vector<CodeFormat> formats{CodeFormat::Qr, CodeFormat::Pdf417, CodeFormat::DataMatrix, CodeFormat::Code128};
    bool tryHarder = true;
    bool tryRotate = true;
    // On a miss, every other call also decodes a 2x box-downscaled copy: it smooths noise and blur
    // and shrinks oversized codes, at about a quarter of the first pass's cost.
    bool secondPassDownscale = true;
};

class BarcodeDecoder {
public:
    explicit BarcodeDecoder(DecoderSettings s = {});
    // Empty on no code, an empty format list, a malformed frame (size mismatch, 0x0) or any error
    // inside ZXing. Not thread-safe (alternation state); one decoder per worker.
    std::optional<Decoded> decode(const GreyFrame& f);

private:
    DecoderSettings m_settings;
    bool m_secondPassTurn = false;
};

// 2x2 box-filtered half-size copy (odd last row/column dropped). Exposed for tests and the preview.
GreyFrame downscale2x(const GreyFrame& f);

}  // namespace kiosk::services
