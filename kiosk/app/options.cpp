#include "app/options.hpp"

#include <charconv>

namespace kiosk::app {
namespace {

bool parseInt(std::string_view s, int& out) {
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size();
}

}  // namespace

std::string helpText() {
    return "Usage:\n"
           "  kiosk [--config FILE] [--assets DIR] [--windowed WxH] [--lang id|en|jv]\n"
           "        [--scenario NAME [--screenshot FILE.png]] [--exit-after-ms N] [--report-startup]\n"
           "  kiosk nik <NIK> [--json] [--lang id|en|jv]   analyse a NIK: exit 0 valid, 1 rejected, 2 usage\n"
           "  kiosk audit verify [--db PATH]               check the audit log's hash chain: exit 0 intact,\n"
           "                                               1 broken, 3 no database (default <data>/var/outbox.db)\n"
           "  kiosk scan FILE... [--reveal]                decode barcodes in image files (PNG, JPEG, PGM): exit 0\n"
           "                                               all decoded, 1 a file had no code or failed, 2 usage\n"
           "  kiosk print-test [--config FILE]             print a test slip on the configured printer: exit 0\n"
           "                                               printed, 1 printer problem, 2 usage or config\n"
           "  kiosk --list-scenarios                       names accepted by --scenario\n"
           "  kiosk --version\n";
}

core::Result<Options, std::string> parseOptions(int argc, const char* const* argv) {
    Options o;
    auto need = [&](int& i, std::string_view flag) -> std::optional<std::string> {
        if (i + 1 >= argc) return std::nullopt;
        (void)flag;
        return std::string(argv[++i]);
    };
    int i = 1;
    if (argc > 1 && std::string_view(argv[1]) == "nik") {
        o.mode = Options::Mode::Nik;
        i = 2;
    } else if (argc > 1 && std::string_view(argv[1]) == "audit") {
        if (argc < 3 || std::string_view(argv[2]) != "verify") return core::unexpected("kiosk audit needs a command: verify");
        o.mode = Options::Mode::AuditVerify;
        i = 3;
    } else if (argc > 1 && std::string_view(argv[1]) == "scan") {
        o.mode = Options::Mode::Scan;
        i = 2;
    } else if (argc > 1 && std::string_view(argv[1]) == "print-test") {
        o.mode = Options::Mode::PrintTest;
        i = 2;
    }
    for (; i < argc; ++i) {
        const std::string_view a = argv[i];
        if (a == "--version") o.mode = Options::Mode::Version;
        else if (a == "--help" || a == "-h") o.mode = Options::Mode::Help;
        else if (a == "--list-scenarios") o.mode = Options::Mode::ListScenarios;
        else if (a == "--json") o.json = true;
        else if (a == "--reveal") o.reveal = true;
        else if (a == "--report-startup") o.reportStartup = true;
        else if (a == "--config" || a == "--assets" || a == "--scenario" || a == "--screenshot" || a == "--lang" ||
                 a == "--windowed" || a == "--exit-after-ms" || a == "--db") {
            auto v = need(i, a);
            if (!v) return core::unexpected(std::string(a) + " needs a value");
            if (a == "--config") o.configPath = *v;
            else if (a == "--assets") o.assetsDir = *v;
            else if (a == "--scenario") o.scenario = *v;
            else if (a == "--screenshot") o.screenshotPath = *v;
            else if (a == "--db") o.dbPath = *v;
            else if (a == "--lang") {
                o.lang = core::langFromCode(*v);
                if (!o.lang) return core::unexpected("--lang must be id, en or jv");
            } else if (a == "--exit-after-ms") {
                if (!parseInt(*v, o.exitAfterMs) || o.exitAfterMs < 0) return core::unexpected("--exit-after-ms needs a number");
            } else {
                const auto x = v->find('x');
                int w = 0, h = 0;
                if (x == std::string::npos || !parseInt(std::string_view(*v).substr(0, x), w) ||
                    !parseInt(std::string_view(*v).substr(x + 1), h) || w < 320 || h < 240)
                    return core::unexpected("--windowed needs WIDTHxHEIGHT, e.g. 1280x800");
                o.windowed = std::pair{w, h};
            }
        } else if (o.mode == Options::Mode::Nik && !a.starts_with("--")) {
            o.nikArgs.emplace_back(a);
        } else if (o.mode == Options::Mode::Scan && !a.starts_with("--")) {
            o.scanFiles.emplace_back(a);
        } else {
            return core::unexpected("unknown argument: " + std::string(a));
        }
    }
    if (o.mode == Options::Mode::Nik && o.nikArgs.size() != 1)
        return core::unexpected("kiosk nik needs exactly one NIK (quote it if it has spaces)");
    if (o.mode == Options::Mode::Scan && o.scanFiles.empty()) return core::unexpected("kiosk scan needs at least one image file");
    if (o.reveal && o.mode != Options::Mode::Scan) return core::unexpected("--reveal is only for kiosk scan");
    if (!o.screenshotPath.empty() && o.scenario.empty() && o.exitAfterMs <= 0)
        return core::unexpected("--screenshot needs --scenario (a still) or --exit-after-ms (the live kiosk as it closes)");
    if (!o.dbPath.empty() && o.mode != Options::Mode::AuditVerify) return core::unexpected("--db is only for kiosk audit verify");
    return o;
}

}  // namespace kiosk::app
