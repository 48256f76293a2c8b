#include "services/barcode_decoder.hpp"

#define ZX_USE_UTF8 1  // Result::text() as UTF-8 std::string (1.4 defaults to std::wstring)
#include <ZXing/ReadBarcode.h>

#include <algorithm>

namespace kiosk::services {
namespace {

struct FormatKey {
    CodeFormat format;
    std::string_view key;
    ZXing::BarcodeFormat zx;
};
constexpr FormatKey kFormats[] = {
    {CodeFormat::Qr, "qr", ZXing::BarcodeFormat::QRCode},
    {CodeFormat::Pdf417, "pdf417", ZXing::BarcodeFormat::PDF417},
    {CodeFormat::DataMatrix, "datamatrix", ZXing::BarcodeFormat::DataMatrix},
    {CodeFormat::Code128, "code128", ZXing::BarcodeFormat::Code128},
};

std::optional<CodeFormat> fromZx(ZXing::BarcodeFormat f) {
    for (const auto& k : kFormats)
        if (k.zx == f) return k.format;
    return std::nullopt;
}

bool wellFormed(const GreyFrame& f) {
    return f.width > 0 && f.height > 0 &&
           f.pixels.size() == static_cast<std::size_t>(f.width) * static_cast<std::size_t>(f.height);
}

std::optional<Decoded> readOnce(const ZXing::ImageView& view, const ZXing::DecodeHints& hints) {
    const ZXing::Result r = ZXing::ReadBarcode(view, hints);
    if (!r.isValid()) return std::nullopt;
    const auto format = fromZx(r.format());
    if (!format) return std::nullopt;  // cannot happen with restricted hints; never report a foreign format
    return Decoded{*format, r.text()};
}

// Where a pass looks: the whole frame, the 2x box-downscaled copy, or a centred window of the full
// frame (a view, no copy) covering this fraction of its width and height.
struct Region {
    bool half = false;
    double centre = 1.0;
};
constexpr Region kFull{};
constexpr Region kHalf{true, 1.0};
constexpr Region kCentre75{false, 0.75};
constexpr Region kCentre60{false, 0.60};

}  // namespace

std::string_view toKey(CodeFormat f) {
    for (const auto& k : kFormats)
        if (k.format == f) return k.key;
    return "unknown";
}

std::optional<CodeFormat> codeFormatFromKey(std::string_view key) {
    for (const auto& k : kFormats)
        if (k.key == key) return k.format;
    return std::nullopt;
}

GreyFrame downscale2x(const GreyFrame& f) {
    GreyFrame out;
    if (!wellFormed(f)) return out;
    out.width = f.width / 2;
    out.height = f.height / 2;
    out.pixels.resize(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height));
    const auto w = static_cast<std::size_t>(f.width);
    for (std::size_t y = 0; y < static_cast<std::size_t>(out.height); ++y) {
        const std::uint8_t* r0 = f.pixels.data() + 2 * y * w;
        const std::uint8_t* r1 = r0 + w;
        std::uint8_t* o = out.pixels.data() + y * static_cast<std::size_t>(out.width);
        for (std::size_t x = 0; x < static_cast<std::size_t>(out.width); ++x) {
            const unsigned sum = 2u + r0[2 * x] + r0[2 * x + 1] + r1[2 * x] + r1[2 * x + 1];
            o[x] = static_cast<std::uint8_t>(sum / 4u);
        }
    }
    return out;
}

BarcodeDecoder::BarcodeDecoder(DecoderSettings s) : m_settings(std::move(s)) {}

std::optional<Decoded> BarcodeDecoder::decode(const GreyFrame& f) {
    const Strategy s = nextStrategy();
    if (m_settings.cycle) m_turn = (m_turn + 1) % kCycle.size();
    return decodeWith(f, s);
}

std::optional<Decoded> BarcodeDecoder::decodeStill(const GreyFrame& f) const {
    for (const Strategy s : kCycle)
        if (auto d = decodeWith(f, s)) return d;
    return decodeWith(f, Strategy::Whole);
}

std::optional<Decoded> BarcodeDecoder::decodeWith(const GreyFrame& f, Strategy strategy) const {
    try {
        if (!wellFormed(f) || m_settings.formats.empty()) return std::nullopt;
        ZXing::BarcodeFormats wanted;
        for (const CodeFormat cf : m_settings.formats)
            for (const auto& k : kFormats)
                if (k.format == cf) wanted |= k.zx;
        using ZF = ZXing::BarcodeFormat;
        // One pass: the wanted formats among `formats`, in `region`.
        std::optional<GreyFrame> half;
        const auto pass = [&](ZXing::BarcodeFormats formats, Region region, bool tryHarder,
                              bool tryRotate) -> std::optional<Decoded> {
            ZXing::BarcodeFormats use;
            for (const auto& k : kFormats)
                if (formats.testFlag(k.zx) && wanted.testFlag(k.zx)) use |= k.zx;
            if (use.empty()) return std::nullopt;
            const bool large = std::min(f.width, f.height) >= 480;  // smaller frames: always whole
            const GreyFrame* frame = &f;
            if (region.half && large) {
                if (!half) half = downscale2x(f);
                frame = &*half;
            }
            ZXing::ImageView view(frame->pixels.data(), frame->width, frame->height, ZXing::ImageFormat::Lum);
            if (!region.half && region.centre < 1.0 && large) {
                const int w = static_cast<int>(f.width * region.centre);
                const int h = static_cast<int>(f.height * region.centre);
                view = view.cropped((f.width - w) / 2, (f.height - h) / 2, w, h);
            }
            ZXing::DecodeHints hints;
            hints.setFormats(use)
                .setTryHarder(tryHarder)
                .setTryRotate(tryRotate)
                .setTryDownscale(false)
                .setBinarizer(ZXing::Binarizer::LocalAverage)
                .setMaxNumberOfSymbols(1);
            return readOnce(view, hints);
        };
        if (auto d = pass(ZF::Code128, kFull, false, false)) return d;
        switch (strategy) {
            case Strategy::Fast:
                if (auto d = pass(ZF::QRCode | ZF::DataMatrix, kHalf, true, true)) return d;
                return pass(ZF::PDF417, kHalf, false, false);
            case Strategy::FineQr: return pass(ZF::QRCode, kCentre75, false, false);
            case Strategy::FinePdf:
                if (auto d = pass(ZF::PDF417, kCentre60, false, false)) return d;
                return pass(ZF::QRCode, kCentre60, false, false);  // cheap, and a QR glimpsed now is not missed
            case Strategy::Whole: return pass(ZF::QRCode | ZF::DataMatrix | ZF::PDF417, kFull, true, true);
        }
        return std::nullopt;
    } catch (...) {
        return std::nullopt;  // bad_alloc or anything ZXing throws: a missed frame, never a crash
    }
}

}  // namespace kiosk::services
