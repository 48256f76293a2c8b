// kiosk: entry point. Parses the command line, loads catalogs and config, then runs the GUI or a
// command (`nik`, `audit verify`, `scan`, `print-test`, `--version`). Exit codes: 0 ok, 1 NIK
// rejected, audit log broken, a scanned file without a code or a printer problem, 2 usage (and
// print-test's config), 3 assets/config/database, 4 display.
#include <cstdio>
#include <iostream>

#include "app/audit_cli.hpp"
#include "app/kiosk_app.hpp"
#include "app/nik_cli.hpp"
#include "app/options.hpp"
#include "app/print_cli.hpp"
#include "app/scan_cli.hpp"
#include "services/catalog_file.hpp"
#include "services/clock.hpp"
#include "services/config_file.hpp"
#include "ui/sample_states.hpp"

#ifndef KIOSK_VERSION
#define KIOSK_VERSION "0.0.0"
#endif
#ifndef KIOSK_DEFAULT_DATA_DIR
#define KIOSK_DEFAULT_DATA_DIR "."
#endif

int main(int argc, char** argv) {
    using namespace kiosk;
    auto parsed = app::parseOptions(argc, argv);
    if (!parsed) {
        std::fprintf(stderr, "kiosk: %s\n\n%s", parsed.error().c_str(), app::helpText().c_str());
        return 2;
    }
    const app::Options& opt = parsed.value();
    const std::string dataDir = KIOSK_DEFAULT_DATA_DIR;
    switch (opt.mode) {
        case app::Options::Mode::Version: std::printf("kiosk %s\n", KIOSK_VERSION); return 0;
        case app::Options::Mode::Help: std::printf("%s", app::helpText().c_str()); return 0;
        case app::Options::Mode::ListScenarios:
            for (const auto& s : ui::sampleStates()) std::printf("%s\n", s.name.c_str());
            return 0;
        case app::Options::Mode::Scan: return app::runScanCommand(opt.scanFiles, opt.reveal, std::cout);
        default: break;
    }
    const std::string configPath = opt.configPath.empty() ? dataDir + "/config/kiosk.toml" : opt.configPath;
    if (opt.mode == app::Options::Mode::PrintTest) return app::runPrintTest(configPath, std::cout, std::cerr);

    if (opt.mode == app::Options::Mode::AuditVerify) {
        // The audit log lives in the outbox's database: the config says where, unless --db does.
        std::string db = opt.dbPath;
        if (db.empty()) {
            auto cfg = services::loadConfigFile(configPath);
            if (!cfg) {
                std::fprintf(stderr, "kiosk: %s (or give --db PATH)\n", cfg.error().describe().c_str());
                return 3;
            }
            db = cfg->outbox.path;
        }
        return app::runAuditVerify(db, std::cout, std::cerr);
    }

    const std::string assets = opt.assetsDir.empty() ? dataDir + "/assets" : opt.assetsDir;
    auto catalog = services::loadCatalogs(assets + "/i18n");
    if (!catalog) {
        std::fprintf(stderr, "kiosk: %s\n", catalog.error().describe().c_str());
        return 3;
    }

    if (opt.mode == app::Options::Mode::Nik)
        return app::runNikCommand(opt.nikArgs.front(), opt.json, catalog.value(), opt.lang.value_or(core::Lang::Id),
                                  services::todayLocal(), std::cout);

    auto config = services::loadConfigFile(configPath);
    std::string problem;
    core::KioskConfig cfg;
    if (config) cfg = config.value();
    else {
        problem = config.error().describe();
        std::fprintf(stderr, "kiosk: %s\n", problem.c_str());  // for the journal; the screen says it too
    }
    return app::runKiosk(opt, cfg, catalog.value(), problem);
}
