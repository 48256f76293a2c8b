#pragma once
// Synthetic camera frames for barcode tests and benchmarks, no stored corpus: ZXing's
// MultiFormatWriter makes QR, PDF417, DataMatrix and Code128 symbols; our renderer places them in
// 640x480 or 1280x720 grey frames with scale, rotation, mild perspective (keystone), box blur,
// noise and low contrast. Every random choice draws from the caller's std::mt19937, so a fixed
// seed gives the same frames on every run (barcode_test and barcode_bench rely on it).
//
// Include order: a benchmark that also uses zbar includes <zbar.h> before this header (STYLE.md).
//
// Index: 1. symbols  2. renderer  3. scenes (easy, hard)  4. garbage frames  5. statistics
#ifndef ZX_USE_UTF8
#define ZX_USE_UTF8 1  // MultiFormatWriter::encode takes UTF-8 std::string (1.4 defaults to wide)
#endif
#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "services/barcode_decoder.hpp"

namespace kiosk::testing {

using services::CodeFormat;
using services::GreyFrame;

// ---- 1. symbols: a module grid (true = dark), quiet zone not included --------------------------
struct Symbol {
    int cols = 0, rows = 0;
    std::vector<std::uint8_t> dark;
    bool at(int x, int y) const {
        return x >= 0 && y >= 0 && x < cols && y < rows &&
               dark[static_cast<std::size_t>(y) * static_cast<std::size_t>(cols) + static_cast<std::size_t>(x)];
    }
};

inline ZXing::BarcodeFormat zxFormat(CodeFormat f) {
    switch (f) {
        case CodeFormat::Qr: return ZXing::BarcodeFormat::QRCode;
        case CodeFormat::Pdf417: return ZXing::BarcodeFormat::PDF417;
        case CodeFormat::DataMatrix: return ZXing::BarcodeFormat::DataMatrix;
        case CodeFormat::Code128: return ZXing::BarcodeFormat::Code128;
    }
    return ZXing::BarcodeFormat::QRCode;
}

inline Symbol makeSymbol(CodeFormat f, const std::string& text) {
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
inline double baseModulePx(CodeFormat f) {
    switch (f) {
        case CodeFormat::Qr: return 4.0;
        case CodeFormat::DataMatrix: return 5.0;
        // Bar-width codes: at 2.0-2.05 px per module ZXing 1.4 reads Code128 and PDF417 erratically (measured).
        case CodeFormat::Pdf417: return 2.5;
        case CodeFormat::Code128: return 2.5;
    }
    return 3.0;
}
inline int quietModules(CodeFormat f) { return f == CodeFormat::Code128 ? 10 : 4; }

// ---- 2. renderer ----------------------------------------------------------------------------------
struct Scene {
    int width = 640, height = 480;
    double modulePx = 4.0;                // after scale
    double angleRad = 0.0;
    double perspX = 0.0, perspY = 0.0;    // keystone, per module unit
    double offsetX = 0.0, offsetY = 0.0;  // code centre relative to the frame centre, pixels
    int ink = 20, paper = 235;            // grey levels
    int blurRadius = 0;                   // box blur, 0 = none
    double noiseSigma = 0.0;
    double scale = 1.0;  // for reporting
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

inline void boxBlur(GreyFrame& f, int r) {
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
inline GreyFrame render(const Symbol& sym, const Scene& sc, std::mt19937& rng) {
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

// ---- 3. scenes ----------------------------------------------------------------------------------------
inline const std::vector<std::string> kPayloads{"3374015203850002", "NIK: 3374 0152 0385 0002", "3201234567890001",
                                                "nik=6371045708920003"};
inline constexpr CodeFormat kAllFormats[] = {CodeFormat::Qr, CodeFormat::Pdf417, CodeFormat::DataMatrix,
                                             CodeFormat::Code128};
inline constexpr std::pair<int, int> kFrameSizes[] = {{640, 480}, {1280, 720}};
inline constexpr double kDegree = std::numbers::pi / 180.0;

inline bool is2d(CodeFormat f) { return f == CodeFormat::Qr || f == CodeFormat::DataMatrix; }

// Largest scale at which the symbol and its quiet zone fit inside the frame (rotated bounding box,
// `room` extra for keystone), and what is left over for an off-centre placement.
inline double fitScale(const Symbol& sym, CodeFormat f, const Scene& sc, double room) {
    const double c = std::abs(std::cos(sc.angleRad)), s = std::abs(std::sin(sc.angleRad));
    const double wMod = sym.cols + 2.0 * quietModules(f), hMod = sym.rows + 2.0 * quietModules(f);
    const double bw = (wMod * c + hMod * s) * baseModulePx(f) * room, bh = (wMod * s + hMod * c) * baseModulePx(f) * room;
    return std::min(sc.width / bw, sc.height / bh);
}
// Off-centre placement: at most `frameFraction` of the frame size, at most `codeFraction` of the
// code's own half size (so the code still covers the frame centre, as with an aiming guide), and
// never so far that the code leaves the frame.
inline void placeOffCentre(Scene& sc, const Symbol& sym, CodeFormat f, double room, double frameFraction,
                           double codeFraction, std::mt19937& rng) {
    const double full = fitScale(sym, f, sc, room);  // the symbol at this scale would fill the frame
    const double leftover = std::max(0.0, (1.0 - sc.scale / full) / 2.0);
    const double codeHalf = std::min(sym.cols, sym.rows) * sc.modulePx / 2.0;
    const double maxX = std::min({frameFraction * sc.width, leftover * sc.width, codeFraction * codeHalf});
    const double maxY = std::min({frameFraction * sc.height, leftover * sc.height, codeFraction * codeHalf});
    std::uniform_real_distribution<double> uni(-1.0, 1.0);
    sc.offsetX = uni(rng) * maxX;
    sc.offsetY = uni(rng) * maxY;
}

// EASY: scale 1-2x, +-10 deg around the four orientations for 2D codes, +-5 deg for 1D and PDF417,
// near the centre, good contrast, mild noise, no blur. A scale below 1 means it does not fit.
inline Scene easyScene(CodeFormat f, const Symbol& sym, std::pair<int, int> size, std::mt19937& rng) {
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

// HARD: scale 0.5-2x, any angle for 2D codes, +-15 deg otherwise, keystone, off-centre, box blur
// up to radius 2, noise up to sigma 18, contrast down to 50 grey levels.
inline Scene hardScene(CodeFormat f, const Symbol& sym, std::pair<int, int> size, std::mt19937& rng) {
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

using SceneMaker = Scene (*)(CodeFormat, const Symbol&, std::pair<int, int>, std::mt19937&);

// ---- 4. garbage frames: no code in them, some malformed (0x0, size mismatch, negative size) -----
struct NamedFrame {
    const char* name;
    GreyFrame frame;
};

inline GreyFrame flatFrame(int w, int h, std::uint8_t v) {
    return GreyFrame{w, h, std::vector<std::uint8_t>(static_cast<std::size_t>(w) * static_cast<std::size_t>(h), v)};
}

// Each call draws new noise and new stripes from `rng`; the other frames are always the same.
inline std::vector<NamedFrame> garbageFrames(std::mt19937& rng) {
    GreyFrame noise = flatFrame(1280, 720, 0);
    for (auto& p : noise.pixels) p = static_cast<std::uint8_t>(rng() & 0xFF);
    GreyFrame stripes = flatFrame(640, 480, 255);  // vertical stripes of random widths: bar-like but no code
    for (int x = 0, dark = 0; x < 640; dark ^= 1) {
        const int w = static_cast<int>(1 + rng() % 8);
        for (int i = x; i < std::min(640, x + w); ++i)
            for (int y = 0; y < 480; ++y) stripes.pixels[static_cast<std::size_t>(y * 640 + i)] = dark ? 0 : 255;
        x += w;
    }
    std::vector<NamedFrame> out;
    out.push_back({"noise 720p", std::move(noise)});
    out.push_back({"stripes", std::move(stripes)});
    out.push_back({"all white", flatFrame(640, 480, 255)});
    out.push_back({"all black", flatFrame(640, 480, 0)});
    out.push_back({"1x1", flatFrame(1, 1, 0)});
    out.push_back({"1x720", flatFrame(1, 720, 128)});
    out.push_back({"0x0", GreyFrame{}});
    out.push_back({"size mismatch", GreyFrame{640, 480, std::vector<std::uint8_t>(100, 0)}});
    out.push_back({"negative size", GreyFrame{-4, 4, {}}});
    return out;
}

// ---- 5. statistics (nearest rank; 0 for an empty sample) ------------------------------------------
inline double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0.0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}
inline double median(std::vector<double> v) { return percentile(std::move(v), 0.5); }

}  // namespace kiosk::testing
