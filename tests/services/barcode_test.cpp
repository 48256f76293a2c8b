// Barcode decoding by round trip, no stored corpus: ZXing's MultiFormatWriter makes QR, PDF417,
// DataMatrix and Code128 symbols with synthetic NIK payloads; our own renderer places them in
// 640x480 and 1280x720 grey frames (scale, rotation, mild perspective, box blur, noise, low
// contrast); BarcodeDecoder reads them back. EASY set: asserted >= 98 % per format. HARD set:
// reported only. Garbage frames decode to nothing. Fixed RNG seed: the same frames every run.
//
// Index: 1. symbols  2. renderer  3. sets and the harness  4. test cases
#define ZX_USE_UTF8 1
#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <numbers>
#include <random>

#include "services/barcode_decoder.hpp"

using namespace kiosk;
using services::CodeFormat;
using services::GreyFrame;

namespace {

// ---- 1. symbols: a module grid (true = dark), quiet zone not included --------------------------
struct Symbol {
    int cols = 0, rows = 0;
    std::vector<std::uint8_t> dark;
    bool at(int x, int y) const {
        return x >= 0 && y >= 0 && x < cols && y < rows &&
               dark[static_cast<std::size_t>(y) * static_cast<std::size_t>(cols) + static_cast<std::size_t>(x)];
    }
};

ZXing::BarcodeFormat zxFormat(CodeFormat f) {
    switch (f) {
        case CodeFormat::Qr: return ZXing::BarcodeFormat::QRCode;
        case CodeFormat::Pdf417: return ZXing::BarcodeFormat::PDF417;
        case CodeFormat::DataMatrix: return ZXing::BarcodeFormat::DataMatrix;
        case CodeFormat::Code128: return ZXing::BarcodeFormat::Code128;
    }
    return ZXing::BarcodeFormat::QRCode;
}

Symbol makeSymbol(CodeFormat f, const std::string& text) {
    // Non-ASCII text goes in as UTF-8 (with an ECI); plain ASCII keeps the writer's compact default.
    const bool ascii = std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    const ZXing::BitMatrix m = ZXing::MultiFormatWriter(zxFormat(f))
                                   .setMargin(0)
                                   .setEncoding(ascii ? ZXing::CharacterSet::Unknown : ZXing::CharacterSet::UTF8)
                                   .encode(text, 0, 0);
    Symbol s;
    s.cols = m.width();
    // A linear code comes out one row high: give its bars a height of 15 % of the width (min 30 modules).
    s.rows = f == CodeFormat::Code128 ? std::max(30, s.cols * 15 / 100) : m.height();
    s.dark.resize(static_cast<std::size_t>(s.cols) * static_cast<std::size_t>(s.rows));
    for (int y = 0; y < s.rows; ++y)
        for (int x = 0; x < s.cols; ++x)
            s.dark[static_cast<std::size_t>(y) * static_cast<std::size_t>(s.cols) + static_cast<std::size_t>(x)] =
                m.get(x, f == CodeFormat::Code128 ? 0 : y) ? 1 : 0;
    return s;
}

// Module size in pixels at scale 1, and the quiet zone in modules.
double baseModulePx(CodeFormat f) {
    switch (f) {
        case CodeFormat::Qr: return 4.0;
        case CodeFormat::DataMatrix: return 5.0;
        // Bar-width codes: at 2.0-2.05 px per module ZXing 1.4 reads Code128 and PDF417 erratically (measured).
        case CodeFormat::Pdf417: return 2.5;
        case CodeFormat::Code128: return 2.5;
    }
    return 3.0;
}
int quietModules(CodeFormat f) { return f == CodeFormat::Code128 ? 10 : 4; }

// ---- 2. renderer ----------------------------------------------------------------------------------
struct Scene {
    int width = 640, height = 480;
    double modulePx = 4.0;      // after scale
    double angleRad = 0.0;
    double perspX = 0.0, perspY = 0.0;  // keystone, per module unit
    double offsetX = 0.0, offsetY = 0.0;  // code centre relative to the frame centre, pixels
    int ink = 20, paper = 235;  // grey levels
    int blurRadius = 0;         // box blur, 0 = none
    double noiseSigma = 0.0;
    double scale = 1.0;         // for reporting
};

// Forward map: module coordinates centred on the symbol (u, v) -> frame pixel.
// x = R * s * (u, v); then keystone x / (1 + px*u + py*v); then translate.
// The inverse below undoes it exactly (px, py act on the module coordinates).
struct Mapping {
    double c, s, m, px, py, tx, ty;
    void toFrame(double u, double v, double& x, double& y) const {
        const double w = 1.0 + px * u + py * v;
        x = (c * u - s * v) * m / w + tx;
        y = (s * u + c * v) * m / w + ty;
    }
    bool toModule(double x, double y, double& u, double& v) const {
        // (a, b) = R m (u, v) / w with w = 1 + px u + py v. Let (p, q) = R^-1 (a, b) / m = (u, v) / w.
        const double a = x - tx, b = y - ty;
        const double p = (c * a + s * b) / m, q = (-s * a + c * b) / m;
        const double den = 1.0 - px * p - py * q;
        if (den <= 1e-6) return false;
        const double w = 1.0 / den;
        u = p * w;
        v = q * w;
        return true;
    }
};

void boxBlur(GreyFrame& f, int r) {
    if (r <= 0) return;
    const int w = f.width, h = f.height;
    std::vector<std::uint8_t> tmp(f.pixels.size());
    auto idx = [w](int x, int y) { return static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x); };
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            int sum = 0, n = 0;
            for (int k = std::max(0, x - r); k <= std::min(w - 1, x + r); ++k, ++n) sum += f.pixels[idx(k, y)];
            tmp[idx(x, y)] = static_cast<std::uint8_t>(sum / n);
        }
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            int sum = 0, n = 0;
            for (int k = std::max(0, y - r); k <= std::min(h - 1, y + r); ++k, ++n) sum += tmp[idx(x, k)];
            f.pixels[idx(x, y)] = static_cast<std::uint8_t>(sum / n);
        }
}

// Renders with 2x2 supersampling inside the symbol's bounding box; paper elsewhere.
GreyFrame render(const Symbol& sym, const Scene& sc, std::mt19937& rng) {
    GreyFrame f;
    f.width = sc.width;
    f.height = sc.height;
    f.pixels.assign(static_cast<std::size_t>(sc.width) * static_cast<std::size_t>(sc.height),
                    static_cast<std::uint8_t>(sc.paper));
    const double halfU = sym.cols / 2.0, halfV = sym.rows / 2.0;
    const Mapping map{std::cos(sc.angleRad), std::sin(sc.angleRad), sc.modulePx, sc.perspX, sc.perspY,
                      sc.width / 2.0 + sc.offsetX, sc.height / 2.0 + sc.offsetY};
    double minX = 1e9, minY = 1e9, maxX = -1e9, maxY = -1e9;
    for (const auto& [u, v] : {std::pair{-halfU, -halfV}, {halfU, -halfV}, {-halfU, halfV}, {halfU, halfV}}) {
        double x = 0, y = 0;
        map.toFrame(u, v, x, y);
        minX = std::min(minX, x), maxX = std::max(maxX, x), minY = std::min(minY, y), maxY = std::max(maxY, y);
    }
    const int x0 = std::max(0, static_cast<int>(minX) - 2), x1 = std::min(sc.width - 1, static_cast<int>(maxX) + 2);
    const int y0 = std::max(0, static_cast<int>(minY) - 2), y1 = std::min(sc.height - 1, static_cast<int>(maxY) + 2);
    const int range = sc.paper - sc.ink;
    for (int y = y0; y <= y1; ++y)
        for (int x = x0; x <= x1; ++x) {
            int darkSamples = 0;
            for (const double dy : {0.25, 0.75})
                for (const double dx : {0.25, 0.75}) {
                    double u = 0, v = 0;
                    if (!map.toModule(x + dx, y + dy, u, v)) continue;
                    if (sym.at(static_cast<int>(std::floor(u + halfU)), static_cast<int>(std::floor(v + halfV))))
                        ++darkSamples;
                }
            f.pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(sc.width) + static_cast<std::size_t>(x)] =
                static_cast<std::uint8_t>(sc.paper - range * darkSamples / 4);
        }
    boxBlur(f, sc.blurRadius);
    if (sc.noiseSigma > 0) {
        // Gaussian-ish: the sum of three uniforms, scaled to the wanted sigma.
        std::uniform_real_distribution<double> uni(-1.0, 1.0);
        const double k = sc.noiseSigma;  // sum of 3 U(-1,1) has sigma 1
        for (auto& p : f.pixels) {
            const double n = (uni(rng) + uni(rng) + uni(rng)) * k;
            p = static_cast<std::uint8_t>(std::clamp(static_cast<int>(std::lround(p + n)), 0, 255));
        }
    }
    return f;
}

// ---- 3. sets and the harness ------------------------------------------------------------------------
const std::vector<std::string> kPayloads{"3374015203850002", "NIK: 3374 0152 0385 0002", "3201234567890001",
                                         "nik=6371045708920003"};
constexpr CodeFormat kAllFormats[] = {CodeFormat::Qr, CodeFormat::Pdf417, CodeFormat::DataMatrix,
                                      CodeFormat::Code128};
constexpr std::pair<int, int> kFrameSizes[] = {{640, 480}, {1280, 720}};
constexpr double kDegree = std::numbers::pi / 180.0;

bool is2d(CodeFormat f) { return f == CodeFormat::Qr || f == CodeFormat::DataMatrix; }

// Largest scale at which the symbol and its quiet zone fit inside the frame (rotated bounding box,
// `room` extra for keystone), and what is left over for an off-centre placement.
double fitScale(const Symbol& sym, CodeFormat f, const Scene& sc, double room) {
    const double c = std::abs(std::cos(sc.angleRad)), s = std::abs(std::sin(sc.angleRad));
    const double wMod = sym.cols + 2.0 * quietModules(f), hMod = sym.rows + 2.0 * quietModules(f);
    const double bw = (wMod * c + hMod * s) * baseModulePx(f) * room, bh = (wMod * s + hMod * c) * baseModulePx(f) * room;
    return std::min(sc.width / bw, sc.height / bh);
}
// Off-centre placement: at most `frameFraction` of the frame size, at most `codeFraction` of the
// code's own half size (so the code still covers the frame centre, as with an aiming guide), and
// never so far that the code leaves the frame.
void placeOffCentre(Scene& sc, const Symbol& sym, CodeFormat f, double room, double frameFraction, double codeFraction,
                    std::mt19937& rng) {
    const double full = fitScale(sym, f, sc, room);  // the symbol at this scale would fill the frame
    const double leftover = std::max(0.0, (1.0 - sc.scale / full) / 2.0);
    const double codeHalf = std::min(sym.cols, sym.rows) * sc.modulePx / 2.0;
    const double maxX = std::min({frameFraction * sc.width, leftover * sc.width, codeFraction * codeHalf});
    const double maxY = std::min({frameFraction * sc.height, leftover * sc.height, codeFraction * codeHalf});
    std::uniform_real_distribution<double> uni(-1.0, 1.0);
    sc.offsetX = uni(rng) * maxX;
    sc.offsetY = uni(rng) * maxY;
}

Scene easyScene(CodeFormat f, const Symbol& sym, std::pair<int, int> size, std::mt19937& rng) {
    auto uni = [&](double a, double b) { return std::uniform_real_distribution<double>(a, b)(rng); };
    Scene sc;
    sc.width = size.first;
    sc.height = size.second;
    const double maxTilt = is2d(f) ? 10.0 : 5.0;
    // 2D codes: upright in any of the four orientations, plus a small tilt.
    const double quarter = is2d(f) ? 90.0 * std::uniform_int_distribution<int>(0, 3)(rng) : 0.0;
    sc.angleRad = (quarter + uni(-maxTilt, maxTilt)) * kDegree;
    sc.scale = std::min(uni(1.0, 2.0), fitScale(sym, f, sc, 1.02));  // < 1: does not fit, left out
    sc.modulePx = baseModulePx(f) * sc.scale;
    placeOffCentre(sc, sym, f, 1.02, 0.05, 0.3, rng);  // covers the centre (Debian's DataMatrix detector)
    sc.ink = static_cast<int>(uni(10, 50));
    sc.paper = static_cast<int>(uni(200, 245));
    sc.blurRadius = 0;
    sc.noiseSigma = uni(0.0, 6.0);
    return sc;
}

Scene hardScene(CodeFormat f, const Symbol& sym, std::pair<int, int> size, std::mt19937& rng) {
    auto uni = [&](double a, double b) { return std::uniform_real_distribution<double>(a, b)(rng); };
    Scene sc;
    sc.width = size.first;
    sc.height = size.second;
    sc.angleRad = (is2d(f) ? uni(0.0, 360.0) : uni(-15.0, 15.0)) * kDegree;
    sc.perspX = uni(-0.004, 0.004);
    sc.perspY = uni(-0.004, 0.004);
    sc.scale = std::min(uni(0.5, 2.0), fitScale(sym, f, sc, 1.15));
    sc.modulePx = baseModulePx(f) * sc.scale;
    placeOffCentre(sc, sym, f, 1.15, 0.25, 1e9, rng);
    const int mid = static_cast<int>(uni(90, 170));
    const int contrast = static_cast<int>(uni(50, 200));  // low contrast down to 50 grey levels
    sc.ink = std::max(0, mid - contrast / 2);
    sc.paper = std::min(255, mid + contrast / 2);
    sc.blurRadius = std::uniform_int_distribution<int>(0, 2)(rng);
    sc.noiseSigma = uni(0.0, 18.0);
    return sc;
}

struct Tally {
    int frames = 0, firstPass = 0, withSecond = 0, misreads = 0, leftOut = 0;
    double rate() const { return frames ? 100.0 * withSecond / frames : 0.0; }
    double firstRate() const { return frames ? 100.0 * firstPass / frames : 0.0; }
};

struct Timing {
    std::map<CodeFormat, std::vector<double>> ms720;  // first pass on 1280x720 frames, per format
    std::vector<double> all() const {
        std::vector<double> v;
        for (const auto& [f, ms] : ms720) v.insert(v.end(), ms.begin(), ms.end());
        return v;
    }
};

double median(std::vector<double> v) {
    if (v.empty()) return 0.0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}
double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0.0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

// Decodes one frame with both strategies applied to it (first pass; on a miss the 2x downscale),
// as the decoder does on the frames where the second strategy's turn has come. Returns whether
// only the second pass read it.
bool decodeAndCount(const GreyFrame& frame, CodeFormat f, const std::string& payload, Tally& t, Timing& timing) {
    services::DecoderSettings one;
    one.secondPassDownscale = false;
    services::BarcodeDecoder dec(one);
    ++t.frames;
    const auto start = std::chrono::steady_clock::now();
    const auto d = dec.decode(frame);
    if (frame.width == 1280)
        timing.ms720[f].push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    const auto good = [&](const std::optional<services::Decoded>& r) { return r && r->format == f && r->text == payload; };
    if (d && !good(d)) ++t.misreads;
    if (good(d)) {
        ++t.firstPass;
        ++t.withSecond;
        return false;
    }
    const auto d2 = dec.decode(services::downscale2x(frame));
    if (d2 && !good(d2)) ++t.misreads;
    if (!good(d2)) return false;
    ++t.withSecond;
    return true;
}

using SceneMaker = Scene (*)(CodeFormat, const Symbol&, std::pair<int, int>, std::mt19937&);

struct SetResult {
    std::map<CodeFormat, Tally> tallies;
    Timing timing;
    std::optional<GreyFrame> onlyDownscaled;  // the first frame only the second strategy read
};

// `minScale`: samples that cannot be drawn this large inside the frame are left out (and counted).
SetResult runSet(SceneMaker make, int perFormatAndSize, std::uint32_t seed, double minScale) {
    std::mt19937 rng(seed);
    SetResult out;
    const bool verbose = std::getenv("KIOSK_BARCODE_VERBOSE") != nullptr;
    for (const CodeFormat f : kAllFormats)
        for (const auto& size : kFrameSizes)
            for (int i = 0; i < perFormatAndSize; ++i) {
                const std::string& payload = kPayloads[static_cast<std::size_t>(i) % kPayloads.size()];
                const Symbol sym = makeSymbol(f, payload);
                const Scene sc = make(f, sym, size, rng);
                Tally& t = out.tallies[f];
                if (sc.scale < minScale) {
                    ++t.leftOut;
                    continue;
                }
                GreyFrame frame = render(sym, sc, rng);
                const int before = t.withSecond;
                if (decodeAndCount(frame, f, payload, t, out.timing) && !out.onlyDownscaled)
                    out.onlyDownscaled = std::move(frame);
                if (verbose && t.withSecond == before)
                    std::printf("miss %s %dx%d '%s' scale %.2f module %.2f px angle %.1f offset %.0f,%.0f ink %d "
                                "paper %d blur %d noise %.1f\n",
                                std::string(services::toKey(f)).c_str(), sc.width, sc.height, payload.c_str(), sc.scale,
                                sc.modulePx, sc.angleRad / kDegree, sc.offsetX, sc.offsetY, sc.ink, sc.paper,
                                sc.blurRadius, sc.noiseSigma);
            }
    return out;
}

}  // namespace

// ---- 4. test cases ------------------------------------------------------------------------------------
TEST_CASE("format keys are stable") {
    CHECK(services::toKey(CodeFormat::Qr) == "qr");
    CHECK(services::toKey(CodeFormat::Pdf417) == "pdf417");
    CHECK(services::toKey(CodeFormat::DataMatrix) == "datamatrix");
    CHECK(services::toKey(CodeFormat::Code128) == "code128");
    for (const CodeFormat f : kAllFormats) CHECK(services::codeFormatFromKey(services::toKey(f)) == f);
    CHECK_FALSE(services::codeFormatFromKey("aztec").has_value());
}

TEST_CASE("every format round trips upright and clean with UTF-8 text") {
    std::mt19937 rng(7);
    services::BarcodeDecoder dec;
    for (const CodeFormat f : kAllFormats)
        for (const std::string& payload : kPayloads) {
            const Symbol sym = makeSymbol(f, payload);
            Scene sc;
            sc.width = 1280;  // the 24-character Code128 is 720 px wide at scale 1
            sc.height = 720;
            sc.modulePx = baseModulePx(f);
            const auto d = dec.decode(render(sym, sc, rng));
            INFO(services::toKey(f), " ", payload);
            REQUIRE(d.has_value());
            CHECK(d->format == f);
            CHECK(d->text == payload);
        }
    // Non-ASCII text comes back as UTF-8 (QR byte mode with ECI/guess).
    const std::string name = "NIK 3374015203850002 Sri Rahayu – Semarang";
    Scene sc;
    sc.modulePx = 3.0;
    const auto d = dec.decode(render(makeSymbol(CodeFormat::Qr, name), sc, rng));
    REQUIRE(d.has_value());
    CHECK(d->text == name);
}

TEST_CASE("the decoder reads only the configured formats") {
    std::mt19937 rng(11);
    Scene sc;
    sc.modulePx = 4.0;
    const GreyFrame qr = render(makeSymbol(CodeFormat::Qr, "3374015203850002"), sc, rng);
    services::DecoderSettings onlyCode128;
    onlyCode128.formats = {CodeFormat::Code128};
    CHECK_FALSE(services::BarcodeDecoder(onlyCode128).decode(qr).has_value());
    services::DecoderSettings none;
    none.formats = {};
    CHECK_FALSE(services::BarcodeDecoder(none).decode(qr).has_value());
    services::DecoderSettings onlyQr;
    onlyQr.formats = {CodeFormat::Qr};
    CHECK(services::BarcodeDecoder(onlyQr).decode(qr).has_value());
}

TEST_CASE("garbage frames decode to nothing without crashing") {
    services::BarcodeDecoder dec;
    std::mt19937 rng(3);
    auto flat = [](int w, int h, std::uint8_t v) {
        return GreyFrame{w, h, std::vector<std::uint8_t>(static_cast<std::size_t>(w) * static_cast<std::size_t>(h), v)};
    };
    GreyFrame noise = flat(1280, 720, 0);
    for (auto& p : noise.pixels) p = static_cast<std::uint8_t>(rng() & 0xFF);
    GreyFrame stripes = flat(640, 480, 255);  // vertical stripes of random widths: bar-like but no code
    for (int x = 0, dark = 0; x < 640; dark ^= 1) {
        const int w = static_cast<int>(1 + rng() % 8);
        for (int i = x; i < std::min(640, x + w); ++i)
            for (int y = 0; y < 480; ++y) stripes.pixels[static_cast<std::size_t>(y * 640 + i)] = dark ? 0 : 255;
        x += w;
    }
    const std::vector<std::pair<const char*, GreyFrame>> frames{
        {"noise 720p", noise},
        {"stripes", stripes},
        {"all white", flat(640, 480, 255)},
        {"all black", flat(640, 480, 0)},
        {"1x1", flat(1, 1, 0)},
        {"1x720", flat(1, 720, 128)},
        {"0x0", GreyFrame{}},
        {"size mismatch", GreyFrame{640, 480, std::vector<std::uint8_t>(100, 0)}},
        {"negative size", GreyFrame{-4, 4, {}}},
    };
    for (const auto& [name, frame] : frames) {
        INFO(name);
        for (int call = 0; call < 2; ++call) CHECK_FALSE(dec.decode(frame).has_value());  // both alternation turns
    }
    CHECK(services::downscale2x(GreyFrame{}).pixels.empty());
    CHECK(services::downscale2x(flat(1, 1, 9)).width == 0);
}

TEST_CASE("downscale2x averages 2x2 boxes") {
    const GreyFrame f{3, 2, {0, 10, 99, 20, 31, 99}};
    const GreyFrame d = services::downscale2x(f);
    REQUIRE(d.width == 1);
    REQUIRE(d.height == 1);
    CHECK(d.pixels[0] == 15);  // (0 + 10 + 20 + 31 + 2) / 4, rounded
}

TEST_CASE("detection rate on the easy set is at least 98 percent per format and the hard set is reported") {
    // Counts per format and frame size (2 sizes, 4 payloads); sized for ~15 s on one core.
    constexpr int kEasyPerFormatAndSize = 32;  // 64 per format: one miss still passes 98 %
    constexpr int kHardPerFormatAndSize = 12;
    const auto t0 = std::chrono::steady_clock::now();
    const SetResult easy = runSet(easyScene, kEasyPerFormatAndSize, 20240517u, 0.999);
    const SetResult hard = runSet(hardScene, kHardPerFormatAndSize, 20240518u, 0.0);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    char line[320];
    for (const CodeFormat f : kAllFormats) {
        const Tally& e = easy.tallies.at(f);
        const Tally& h = hard.tallies.at(f);
        std::snprintf(line, sizeof line,
                      "%-10s easy %d/%d = %.1f %% (first pass %.1f %%, %d left out: too big for the frame at scale 1)"
                      "   hard %d/%d = %.1f %% (first pass %.1f %%)   misreads %d   720p first pass median %.2f ms",
                      std::string(services::toKey(f)).c_str(), e.withSecond, e.frames, e.rate(), e.firstRate(),
                      e.leftOut, h.withSecond, h.frames, h.rate(), h.firstRate(), e.misreads + h.misreads,
                      median(easy.timing.ms720.at(f)));
        MESSAGE(line);
        CHECK(e.frames >= kEasyPerFormatAndSize);
        CHECK(e.rate() >= 98.0);
        CHECK(e.misreads + h.misreads == 0);
    }
    std::snprintf(line, sizeof line,
                  "1280x720 first pass: easy median %.2f ms p90 %.2f ms (n=%zu)   hard median %.2f ms p90 %.2f ms "
                  "(n=%zu)   both sets %.1f s",
                  median(easy.timing.all()), percentile(easy.timing.all(), 0.9), easy.timing.all().size(),
                  median(hard.timing.all()), percentile(hard.timing.all(), 0.9), hard.timing.all().size(), seconds);
    MESSAGE(line);

    // The alternation, on a frame only the downscaled pass reads: first miss tries it, the next does not.
    const auto& only = hard.onlyDownscaled ? hard.onlyDownscaled : easy.onlyDownscaled;
    if (!only) {
        MESSAGE("no frame needed the second strategy: alternation not observed");
        return;
    }
    services::BarcodeDecoder dec;
    CHECK(dec.decode(*only).has_value());
    CHECK_FALSE(dec.decode(*only).has_value());
    CHECK(dec.decode(*only).has_value());
    services::DecoderSettings firstPassOnly;
    firstPassOnly.secondPassDownscale = false;
    services::BarcodeDecoder off(firstPassOnly);
    CHECK_FALSE(off.decode(*only).has_value());
    CHECK_FALSE(off.decode(*only).has_value());
}
