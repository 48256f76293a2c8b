// Barcode decoding by round trip, no stored corpus: the shared synthesiser (support/synth_frames.hpp)
// makes QR, PDF417, DataMatrix and Code128 symbols with ZXing's MultiFormatWriter and synthetic NIK
// payloads and places them in 640x480 and 1280x720 grey frames (scale, rotation, mild perspective,
// box blur, noise, low contrast); BarcodeDecoder reads them back. EASY set: asserted >= 98 % per
// format, read by the fast strategy or else a fine one (the frames of one cycle, a code held in view). HARD
// set: reported only. Garbage frames decode to nothing. Fixed RNG seed: the same frames every run. barcode_bench times the same frames against zbar.
//
// Index: 1. the harness  2. test cases
#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>

#include "services/barcode_decoder.hpp"
#include "synth_frames.hpp"

using namespace kiosk;
using namespace kiosk::testing;

namespace {

// ---- 1. the harness -------------------------------------------------------------------------------------
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

// Decodes one frame with every strategy of the camera cycle, as a decoder does over the frames of a
// code held in view: Fast first (timed: its cost on 720p frames is reported), then on a miss the
// fine ones. Returns whether only a fine strategy read it.
bool decodeAndCount(const GreyFrame& frame, CodeFormat f, const std::string& payload, Tally& t, Timing& timing) {
    using Strategy = services::BarcodeDecoder::Strategy;
    const services::BarcodeDecoder dec;
    ++t.frames;
    const auto good = [&](const std::optional<services::Decoded>& r) { return r && r->format == f && r->text == payload; };
    for (const Strategy s : services::BarcodeDecoder::kCycle) {
        const auto start = std::chrono::steady_clock::now();
        const auto d = dec.decodeWith(frame, s);
        if (s == Strategy::Fast && frame.width == 1280)
            timing.ms720[f].push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        if (d && !good(d)) ++t.misreads;
        if (!good(d)) continue;
        ++t.withSecond;
        if (s == Strategy::Fast) ++t.firstPass;
        return s != Strategy::Fast;
    }
    return false;
}

struct SetResult {
    std::map<CodeFormat, Tally> tallies;
    Timing timing;
    std::optional<GreyFrame> onlyFine;  // the first frame only a fine strategy read
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
                if (decodeAndCount(frame, f, payload, t, out.timing) && !out.onlyFine)
                    out.onlyFine = std::move(frame);
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

// ---- 2. test cases ------------------------------------------------------------------------------------
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
    for (const CodeFormat f : kAllFormats)
        for (const std::string& payload : kPayloads) {
            const Symbol sym = makeSymbol(f, payload);
            Scene sc;
            sc.width = 1280;  // the 24-character Code128 is 720 px wide at scale 1
            sc.height = 720;
            sc.modulePx = baseModulePx(f);
            // A code held in view: a fresh decoder, one cycle of frames (fast, then the fine ones).
            // A PDF417 at its smallest module (2.5 px) is read only by FinePdf, on the third frame.
            services::BarcodeDecoder held;
            const GreyFrame frame = render(sym, sc, rng);
            std::optional<services::Decoded> d;
            for (std::size_t i = 0; i < services::BarcodeDecoder::kCycle.size() && !d; ++i) d = held.decode(frame);
            INFO(services::toKey(f), " ", payload);
            REQUIRE(d.has_value());
            CHECK(d->format == f);
            CHECK(d->text == payload);
        }
    // Non-ASCII text comes back as UTF-8 (QR byte mode with ECI/guess).
    const std::string name = "NIK 3374015203850002 Sri Rahayu – Semarang";
    Scene sc;
    sc.modulePx = 3.0;
    const GreyFrame frame = render(makeSymbol(CodeFormat::Qr, name), sc, rng);
    const auto d = services::BarcodeDecoder().decodeStill(frame);
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
    const std::vector<NamedFrame> frames = garbageFrames(rng);
    for (const auto& [name, frame] : frames) {
        INFO(name);
        for (std::size_t call = 0; call < services::BarcodeDecoder::kCycle.size(); ++call)
            CHECK_FALSE(dec.decode(frame).has_value());  // every strategy of the cycle
        CHECK_FALSE(dec.decodeWith(frame, services::BarcodeDecoder::Strategy::Whole).has_value());
    }
    CHECK(services::downscale2x(GreyFrame{}).pixels.empty());
    CHECK(services::downscale2x(flatFrame(1, 1, 9)).width == 0);
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
                      "%-10s easy %d/%d = %.1f %% (fast alone %.1f %%, %d left out: too big for the frame at scale 1)"
                      "   hard %d/%d = %.1f %% (fast alone %.1f %%)   misreads %d   720p fast median %.2f ms",
                      std::string(services::toKey(f)).c_str(), e.withSecond, e.frames, e.rate(), e.firstRate(),
                      e.leftOut, h.withSecond, h.frames, h.rate(), h.firstRate(), e.misreads + h.misreads,
                      median(easy.timing.ms720.at(f)));
        MESSAGE(line);
        CHECK(e.frames >= kEasyPerFormatAndSize);
        CHECK(e.rate() >= 98.0);
        CHECK(e.misreads + h.misreads == 0);
    }
    std::snprintf(line, sizeof line,
                  "1280x720 fast strategy: easy median %.2f ms p90 %.2f ms (n=%zu)   hard median %.2f ms p90 %.2f ms "
                  "(n=%zu)   both sets %.1f s",
                  median(easy.timing.all()), percentile(easy.timing.all(), 0.9), easy.timing.all().size(),
                  median(hard.timing.all()), percentile(hard.timing.all(), 0.9), hard.timing.all().size(), seconds);
    MESSAGE(line);

    // The cycle, on a frame only a fine strategy reads: each call uses the next strategy, so the
    // frame is read exactly on that strategy's turns; with the cycle off, never.
    const auto& only = hard.onlyFine ? hard.onlyFine : easy.onlyFine;
    if (!only) {
        MESSAGE("no frame needed a fine strategy: the cycle not observed");
        return;
    }
    using services::BarcodeDecoder;
    std::vector<bool> readBy;
    for (const auto s : BarcodeDecoder::kCycle) readBy.push_back(BarcodeDecoder().decodeWith(*only, s).has_value());
    CHECK_FALSE(readBy.front());
    BarcodeDecoder dec;
    CHECK(dec.nextStrategy() == BarcodeDecoder::Strategy::Fast);
    for (std::size_t call = 0; call < 2 * readBy.size(); ++call) {
        CAPTURE(call);
        CHECK(dec.decode(*only).has_value() == readBy[call % readBy.size()]);
    }
    services::DecoderSettings fastOnly;
    fastOnly.cycle = false;
    BarcodeDecoder off(fastOnly);
    for (std::size_t call = 0; call < 2 * readBy.size(); ++call) CHECK_FALSE(off.decode(*only).has_value());
}
