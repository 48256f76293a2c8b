// The command line: `kiosk --version`, `kiosk nik` (text and JSON, exit codes), `kiosk audit
// verify` against a real database, `kiosk scan` on PNG files written here, `kiosk print-test`
// into a FIFO, and option parsing.
#define ZX_USE_UTF8 1
#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>
#include <doctest/doctest.h>
#include <stb_image_write.h>

#include <array>
#include <cstdio>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

#include "app/nik_cli.hpp"
#include "escpos_parse.hpp"
#include "app/options.hpp"
#include "services/audit_log.hpp"
#include "services/catalog_file.hpp"

using namespace kiosk;

namespace {

struct Run {
    int exitCode = -1;
    std::string out;
};

Run runKiosk(const std::string& args) {
    Run r;
    const std::string cmd = std::string("'") + KIOSK_BINARY + "' " + args + " 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    REQUIRE(p != nullptr);
    std::array<char, 4096> buf{};
    while (std::fgets(buf.data(), static_cast<int>(buf.size()), p)) r.out += buf.data();
    const int status = pclose(p);
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

app::Options parse(std::initializer_list<const char*> args) {
    std::vector<const char*> argv{"kiosk"};
    argv.insert(argv.end(), args.begin(), args.end());
    auto r = app::parseOptions(static_cast<int>(argv.size()), argv.data());
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error()));
    return r.value();
}
}  // namespace

using app::Options;

TEST_CASE("kiosk --version prints the version and exits 0") {
    const Run r = runKiosk("--version");
    CHECK(r.exitCode == 0);
    CHECK(r.out.rfind("kiosk 0.", 0) == 0);
}

TEST_CASE("kiosk nik accepts a valid NIK with exit 0 and prints it masked only") {
    const Run r = runKiosk("nik 3374015203850002");
    CHECK(r.exitCode == 0);
    CHECK(r.out.find("3374 •••• •••• 0002") != std::string::npos);
    CHECK(r.out.find("3374015203850002") == std::string::npos);
    CHECK(r.out.find("Semarang Tengah") != std::string::npos);
    CHECK(r.out.find("1985-03-12") != std::string::npos);
}

TEST_CASE("kiosk nik rejects an impossible NIK with exit 1 and says why") {
    const Run r = runKiosk("nik 3374011513850002");
    CHECK(r.exitCode == 1);
    CHECK(r.out.find("bad_month") != std::string::npos);
    CHECK(r.out.find("bulan lahir") != std::string::npos);  // explained in Bahasa Indonesia by default
}

TEST_CASE("kiosk nik --json gives every field a script needs") {
    const Run r = runKiosk("nik '3374-0152-0385-0002' --json");
    REQUIRE(r.exitCode == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["valid"] == true);
    CHECK(j["masked"] == "3374 •••• •••• 0002");
    CHECK(j["sex"] == "female");
    CHECK(j["birth_date"] == "1985-03-12");
    CHECK(j["kecamatan"] == "Semarang Tengah");
    CHECK(j["province"]["name"] == "Jawa Tengah");
    CHECK(j["warnings"].empty());
}

TEST_CASE("kiosk nik --json lists every reject") {
    const Run r = runKiosk("nik 0074013213850000 --json");
    CHECK(r.exitCode == 1);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["valid"] == false);
    const auto rejects = j["rejects"].get<std::vector<std::string>>();
    CHECK(std::find(rejects.begin(), rejects.end(), "bad_month") != rejects.end());
    CHECK(std::find(rejects.begin(), rejects.end(), "serial_zero") != rejects.end());
    CHECK(std::find(rejects.begin(), rejects.end(), "unknown_province") != rejects.end());
}

TEST_CASE("usage errors exit 2 with the reason") {
    CHECK(runKiosk("nik").exitCode == 2);
    CHECK(runKiosk("nik 1 2").exitCode == 2);
    const Run r = runKiosk("--frobnicate");
    CHECK(r.exitCode == 2);
    CHECK(r.out.find("unknown argument: --frobnicate") != std::string::npos);
}

TEST_CASE("options: windowed size and language") {
    const Options o = parse({"--windowed", "1280x800", "--lang", "jv"});
    REQUIRE(o.windowed.has_value());
    CHECK(o.windowed->first == 1280);
    CHECK(o.windowed->second == 800);
    CHECK(o.lang == core::Lang::Jv);
}

TEST_CASE("options: bad values are refused") {
    std::vector<const char*> argv{"kiosk", "--windowed", "big"};
    CHECK_FALSE(app::parseOptions(3, argv.data()).ok());
    argv = {"kiosk", "--lang", "fr"};
    CHECK_FALSE(app::parseOptions(3, argv.data()).ok());
    argv = {"kiosk", "--screenshot", "x.png"};  // a still needs a scenario, a live picture an exit time
    CHECK_FALSE(app::parseOptions(3, argv.data()).ok());
    const Options live = parse({"--screenshot", "x.png", "--exit-after-ms", "4000"});
    CHECK(live.screenshotPath == "x.png");
    CHECK(live.exitAfterMs == 4000);
}

TEST_CASE("a broken config file shows the out-of-service screen and names the line") {
    const std::string path = "/tmp/kiosk_cli_test_broken.toml";
    FILE* f = std::fopen(path.c_str(), "w");
    REQUIRE(f != nullptr);
    std::fputs("[visit]\nidle_seconds = \"soon\"\n", f);
    std::fclose(f);
    // No display needed for the message: it is printed before the window would open; without
    // a display the kiosk then exits 4, never crashes.
    const Run r = runKiosk("--config " + path + " --exit-after-ms 1500 --windowed 800x600");
    CHECK(r.out.find(path + ":2: visit.idle_seconds must be a whole number") != std::string::npos);
    CHECK((r.exitCode == 0 || r.exitCode == 4));
}

TEST_CASE("kiosk audit verify says intact and then names the tampered row") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("kiosk_cli_audit_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string path = (dir / "outbox.db").string();
    {
        services::sql::Database db(path);
        services::AuditLog log(db);
        for (int i = 1; i <= 5; ++i) log.append("submitted", "reference PS-CLI" + std::to_string(i), 1'795'996'800'000 + i);
    }
    Run r = runKiosk("audit verify --db '" + path + "'");
    CHECK(r.exitCode == 0);
    CHECK(r.out == "audit log intact: 5 rows\n");
    {
        services::sql::Database db(path);
        db.exec("UPDATE audit_log SET detail = 'reference PS-EDITED' WHERE id = 3");
    }
    r = runKiosk("audit verify --db '" + path + "'");
    CHECK(r.exitCode == 1);
    CHECK(r.out.rfind("audit log broken at row 3: ", 0) == 0);
    fs::remove_all(dir);
}

TEST_CASE("kiosk audit verify without a database or audit log exits 3") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("kiosk_cli_audit_missing_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string missing = (dir / "no-such.db").string();
    Run r = runKiosk("audit verify --db '" + missing + "'");
    CHECK(r.exitCode == 3);
    CHECK(r.out.find("no database at " + missing) != std::string::npos);
    CHECK_FALSE(fs::exists(missing));  // read-only: nothing was created
    const std::string other = (dir / "other.db").string();
    { services::sql::Database db(other); }
    r = runKiosk("audit verify --db '" + other + "'");
    CHECK(r.exitCode == 3);
    CHECK(r.out.find("has no audit log") != std::string::npos);
    fs::remove_all(dir);
}

TEST_CASE("options: audit verify and its usage errors") {
    const Options o = parse({"audit", "verify", "--db", "/var/lib/kiosk/outbox.db"});
    CHECK(o.mode == Options::Mode::AuditVerify);
    CHECK(o.dbPath == "/var/lib/kiosk/outbox.db");
    CHECK(parse({"audit", "verify"}).dbPath.empty());  // main resolves <data dir>/var/outbox.db
    CHECK(runKiosk("audit").exitCode == 2);
    CHECK(runKiosk("audit check").exitCode == 2);
    CHECK(runKiosk("audit verify --db").exitCode == 2);
    const Run r = runKiosk("--db x.db");
    CHECK(r.exitCode == 2);
    CHECK(r.out.find("--db is only for kiosk audit verify") != std::string::npos);
}

namespace {
// A QR code (4 px modules, 4-module quiet zone) carrying `text`, as an 8-bit grey PNG.
void writeQrPng(const std::string& path, const std::string& text) {
    const ZXing::BitMatrix m = ZXing::MultiFormatWriter(ZXing::BarcodeFormat::QRCode).setMargin(4).encode(text, 0, 0);
    constexpr int kModulePx = 4;
    const int w = m.width() * kModulePx, h = m.height() * kModulePx;
    std::vector<unsigned char> px(static_cast<std::size_t>(w) * static_cast<std::size_t>(h));
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            px[static_cast<std::size_t>(y * w + x)] = m.get(x / kModulePx, y / kModulePx) ? 0 : 255;
    REQUIRE(stbi_write_png(path.c_str(), w, h, 1, px.data(), w) != 0);
}
void writeBlankPng(const std::string& path) {
    std::vector<unsigned char> px(320 * 240, 255);
    REQUIRE(stbi_write_png(path.c_str(), 320, 240, 1, px.data(), 320) != 0);
}
}  // namespace

TEST_CASE("kiosk scan prints the format and the masked NIK of a QR code") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("kiosk_cli_scan_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string qr = (dir / "nik.png").string(), spaced = (dir / "spaced.png").string(),
                      text = (dir / "text.png").string(), blank = (dir / "blank.png").string();
    writeQrPng(qr, "3374015203850002");
    writeQrPng(spaced, "3374 0152.0385-0002");
    writeQrPng(text, "PS-2025-000123 receipt");
    writeBlankPng(blank);

    Run r = runKiosk("scan '" + qr + "'");
    CHECK(r.exitCode == 0);
    CHECK(r.out == qr + ": qr nik 3374 •••• •••• 0002\n");
    CHECK(r.out.find("3374015203850002") == std::string::npos);

    r = runKiosk("scan --reveal '" + qr + "' '" + spaced + "'");
    CHECK(r.exitCode == 0);
    CHECK(r.out == qr + ": qr nik 3374015203850002\n" + spaced + ": qr nik 3374015203850002\n");

    r = runKiosk("scan '" + text + "'");
    CHECK(r.exitCode == 0);
    CHECK(r.out == text + ": qr not_a_nik\n");  // the payload itself is not printed

    r = runKiosk("scan '" + blank + "'");
    CHECK(r.exitCode == 1);
    CHECK(r.out == blank + ": no code found\n");

    // One bad file makes the exit 1; the others are still reported, in order.
    const std::string missing = (dir / "missing.png").string();
    r = runKiosk("scan '" + qr + "' '" + missing + "'");
    CHECK(r.exitCode == 1);
    CHECK(r.out.rfind(qr + ": qr nik ", 0) == 0);
    CHECK(r.out.find(missing + ": error cannot open " + missing + ": No such file or directory\n") != std::string::npos);

    const std::string notImage = (dir / "notes.png").string();
    FILE* f = std::fopen(notImage.c_str(), "w");
    REQUIRE(f != nullptr);
    std::fputs("this is not a PNG", f);
    std::fclose(f);
    r = runKiosk("scan '" + notImage + "'");
    CHECK(r.exitCode == 1);
    CHECK(r.out.rfind(notImage + ": error cannot read " + notImage + ": not a supported image", 0) == 0);
    fs::remove_all(dir);
}

TEST_CASE("options: kiosk scan and its usage errors") {
    const Options o = parse({"scan", "a.png", "b.jpg", "--reveal"});
    CHECK(o.mode == Options::Mode::Scan);
    CHECK(o.scanFiles == std::vector<std::string>{"a.png", "b.jpg"});
    CHECK(o.reveal);
    CHECK_FALSE(parse({"scan", "a.png"}).reveal);
    Run r = runKiosk("scan");
    CHECK(r.exitCode == 2);
    CHECK(r.out.find("kiosk scan needs at least one image file") != std::string::npos);
    r = runKiosk("scan a.png --frobnicate");
    CHECK(r.exitCode == 2);
    r = runKiosk("nik 3374015203850002 --reveal");
    CHECK(r.exitCode == 2);
    CHECK(r.out.find("--reveal is only for kiosk scan") != std::string::npos);
}

namespace {
void writeText(const std::string& path, const std::string& text) {
    FILE* f = std::fopen(path.c_str(), "w");
    REQUIRE(f != nullptr);
    std::fputs(text.c_str(), f);
    std::fclose(f);
}
std::string printerConfig(const std::string& printerSection) {
    return "[kiosk]\nid = \"MPP-CLI-PRINT-01\"\n[central_api]\ntoken = \"t-1\"\n[printer]\n" + printerSection;
}
}  // namespace

TEST_CASE("kiosk print-test prints a test slip into a FIFO") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("kiosk_cli_print_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string fifo = (dir / "lp0").string(), config = (dir / "kiosk.toml").string();
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    writeText(config, printerConfig("kind = \"device\"\ndevice = \"" + fifo + "\"\npaper_mm = 58\n"));
    // The test is the printer: reading end open before the kiosk opens the FIFO (the slip fits
    // in the pipe's buffer, so the kiosk never waits for us).
    const int reader = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    REQUIRE(reader >= 0);
    const Run r = runKiosk("print-test --config '" + config + "'");
    std::string slip;
    std::array<char, 4096> buf{};
    for (pollfd p{reader, POLLIN, 0}; ::poll(&p, 1, 200) > 0 && (p.revents & POLLIN);) {
        const ssize_t n = ::read(reader, buf.data(), buf.size());
        if (n <= 0) break;
        slip.append(buf.data(), static_cast<std::size_t>(n));
    }
    ::close(reader);
    CHECK(r.exitCode == 0);
    CHECK(r.out == "test slip printed on " + fifo + " (58 mm)\n");
    const auto parsed = test::parseEscPos(slip);
    REQUIRE_MESSAGE(parsed.ok(), (parsed.ok() ? std::string() : parsed.error()));
    REQUIRE(parsed->qrPayloads.size() == 1);
    CHECK(parsed->qrPayloads[0] == "PIJAR-TEST MPP-CLI-PRINT-01");
    CHECK(parsed->cuts == 1);
    bool idPrinted = false;
    for (const auto& line : parsed->lines) {
        CHECK(line.text.size() <= 32);
        idPrinted = idPrinted || line.text.find("MPP-CLI-PRINT-01") != std::string::npos;
    }
    CHECK(idPrinted);
    fs::remove_all(dir);
}

TEST_CASE("kiosk print-test says what is wrong with the printer or the config") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("kiosk_cli_print_bad_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string config = (dir / "kiosk.toml").string();

    writeText(config, printerConfig("kind = \"none\"\n"));
    Run r = runKiosk("print-test --config '" + config + "'");
    CHECK(r.exitCode == 1);
    CHECK(r.out == "no printer configured: [printer] kind is \"none\" in " + config + "\n");

    writeText(config, printerConfig("kind = \"device\"\ndevice = \"/dev/kiosk-test-no-such-lp0\"\n"));
    r = runKiosk("print-test --config '" + config + "'");
    CHECK(r.exitCode == 1);
    CHECK(r.out == "printer /dev/kiosk-test-no-such-lp0 is offline: no printer at /dev/kiosk-test-no-such-lp0\n");

    writeText(config, printerConfig("kind = \"serial\"\n"));
    r = runKiosk("print-test --config '" + config + "'");
    CHECK(r.exitCode == 2);
    CHECK(r.out.find(config + ":6: printer.kind must be one of") != std::string::npos);

    CHECK(runKiosk("print-test --config '" + (dir / "missing.toml").string() + "'").exitCode == 2);
    r = runKiosk("print-test now");
    CHECK(r.exitCode == 2);
    CHECK(r.out.find("unknown argument: now") != std::string::npos);
    CHECK(parse({"print-test", "--config", "/etc/kiosk.toml"}).mode == Options::Mode::PrintTest);
    fs::remove_all(dir);
}
