// Spoken prompts: espeak-ng and its Indonesian and English voices are there and speak the catalog's
// texts (synthesised to samples, nothing played). A missing voice would mean a silent kiosk.
#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "services/catalog_file.hpp"
#include "services/speech.hpp"

using namespace kiosk;

TEST_CASE("speech: every kiosk language's prompt becomes sound") {
    auto catalog = services::loadCatalogs(KIOSK_SOURCE_DIR "/assets/i18n");
    REQUIRE(catalog.ok());
    for (core::Lang lang : core::kAllLangs) {
        CAPTURE(core::langCode(lang));
        int rate = 0;
        const std::string text(catalog->text(lang, "identify.title"));
        const auto samples = services::synthesize(lang, text, &rate);
        REQUIRE(rate > 0);
        // About a second or more of speech, and not silence.
        CHECK(samples.size() > static_cast<std::size_t>(rate) / 2);
        const auto loudest = std::max_element(samples.begin(), samples.end(), [](short a, short b) { return std::abs(a) < std::abs(b); });
        CHECK(std::abs(*loudest) > 1000);
    }
    CHECK(services::voiceFor(core::Lang::Jv) == "id");
}

TEST_CASE("speech: a longer text takes longer to say") {
    const auto shortOne = services::synthesize(core::Lang::Id, "Halo.");
    const auto longOne = services::synthesize(core::Lang::Id, "Data yang dikirim: NIK, pekerjaan, nomor HP, dan alamat Anda.");
    REQUIRE_FALSE(shortOne.empty());
    CHECK(longOne.size() > 3 * shortOne.size());
}

TEST_CASE("speech: a machine without a playback device is told apart from one with") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("kiosk_snd_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const bool envServer = std::getenv("PULSE_SERVER") || std::getenv("PIPEWIRE_REMOTE");
    std::ofstream(dir / "controlC0").put('x');
    std::ofstream(dir / "pcmC0D0c").put('x');  // a microphone only
    const std::string noRuntime = (dir / "no-runtime").string();  // no sound server socket there
    CHECK(services::audioOutputPresent(dir.string(), noRuntime) == envServer);
    std::ofstream(dir / "pcmC0D0p").put('x');  // a playback device
    CHECK(services::audioOutputPresent(dir.string(), noRuntime));
    CHECK(services::audioOutputPresent((dir / "missing").string(), noRuntime) == envServer);
    // No ALSA device, but a PulseAudio (or PipeWire's pulse) server's default socket.
    fs::create_directories(dir / "runtime" / "pulse");
    std::ofstream(dir / "runtime" / "pulse" / "native").put('x');
    CHECK(services::audioOutputPresent((dir / "missing").string(), (dir / "runtime").string()));
    fs::remove_all(dir);
}
