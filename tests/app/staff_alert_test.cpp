// The admin alert end to end: the real kiosk binary with one sign-up waiting in its outbox, against a
// running sandbox. When the central API refuses the kiosk's token (401) the sync worker pauses and
// Attract shows the staff alert; with the right token the sign-up is delivered and no alert shows.
// Read from the kiosk's own screenshot, taken as it closes.
#include <doctest/doctest.h>
#include <stb_image.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>

#include "running_sandbox.hpp"
#include "services/outbox.hpp"

using namespace kiosk;
namespace fs = std::filesystem;

namespace {

struct AlertRun {
    bool delivered = false;    // the sign-up reached the central API
    long alertPixels = 0;      // pixels of the alert's amber fill in the bottom band of the screen
};

// One kiosk run of `ms` with `token`, one sign-up queued before it starts.
AlertRun runKioskWith(const testing::RunningSandbox& sb, const std::string& token, const fs::path& dir) {
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::ifstream seedFile(KIOSK_SOURCE_DIR "/config/sandbox_seed.json");
    const std::string keyHex = nlohmann::json::parse(seedFile)["sealing"]["public_key_hex"].get<std::string>();
    const auto key = services::parseSealPublicKey(keyHex);
    REQUIRE(key.has_value());
    const fs::path db = dir / "outbox.db";
    {
        auto box = services::Outbox::open(db.string(), *key);
        REQUIRE(box);
        const auto saved = box.value()->enqueue(
            "pijar_semar", R"({"nik":"3374016107849001","occupation":"pedagang_kaki_lima"})", "3374 •••• •••• 9001", 1000);
        REQUIRE(static_cast<bool>(saved));
    }
    const fs::path config = dir / "kiosk.toml";
    std::ofstream(config) << "[kiosk]\nid = \"MPP-SMG-TEST-07\"\n"
                          << "[central_api]\nbase_url = \"" << sb.baseUrl() << "\"\ntoken = \"" << token << "\"\n"
                          << "seal_public_key = \"" << keyHex << "\"\n"
                          << "[outbox]\npath = \"" << db.string() << "\"\n"
                          << "[speech]\nenabled = false\n"
                          << "[enrollment]\nwilayah_file = \"" KIOSK_SOURCE_DIR "/config/semarang_wilayah.json\"\n";
    const fs::path shot = dir / "at_exit.png";
    REQUIRE_MESSAGE(std::getenv("DISPLAY") != nullptr, "no DISPLAY: run the GUI tests under xvfb-run");
    const std::string cmd = std::string("'") + KIOSK_BINARY + "' --config '" + config.string() +
                            "' --windowed 1920x1080 --exit-after-ms 4000 --screenshot '" + shot.string() + "'";
    REQUIRE(std::system(cmd.c_str()) == 0);

    AlertRun r;
    auto box = services::Outbox::open(db.string(), *key);
    REQUIRE(box);
    const auto queued = box.value()->queuedCount();
    r.delivered = queued && queued.value() == 0;
    int w = 0, h = 0, n = 0;
    std::unique_ptr<unsigned char, void (*)(void*)> px(stbi_load(shot.c_str(), &w, &h, &n, 3), stbi_image_free);
    REQUIRE(px);
    REQUIRE(w == 1920);
    REQUIRE(h == 1080);
    for (int y = 880; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const unsigned char* p = px.get() + (static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x)) * 3;
            if (std::abs(p[0] - 0xFF) <= 4 && std::abs(p[1] - 0xF1) <= 4 && std::abs(p[2] - 0xCC) <= 4) ++r.alertPixels;
        }
    return r;
}

}  // namespace

TEST_CASE("the central API refusing the kiosk's token shows the staff alert on Attract; the right token does not") {
    testing::RunningSandbox sb;
    const fs::path dir = fs::temp_directory_path() / ("kiosk_staff_alert_" + std::to_string(::getpid()));

    const AlertRun refused = runKioskWith(sb, "not-this-kiosks-token", dir);
    CHECK_FALSE(refused.delivered);              // kept, not lost: it goes once an admin fixes the token
    CHECK(refused.alertPixels > 100000);         // the amber band across the bottom (about 1800 × 110 px)

    const AlertRun accepted = runKioskWith(sb, testing::kDemoToken, dir);
    CHECK(accepted.delivered);
    CHECK(accepted.alertPixels == 0);
    fs::remove_all(dir);
}
