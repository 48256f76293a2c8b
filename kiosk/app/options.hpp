#pragma once
// Command line of the `kiosk` binary (see `kiosk --help`).
#include <optional>
#include <string>
#include <vector>

#include "core/lang.hpp"
#include "core/result.hpp"

namespace kiosk::app {

struct Options {
    enum class Mode { Run, Version, Help, Nik, ListScenarios, AuditVerify, Scan, PrintTest } mode = Mode::Run;
    std::string configPath;                // default: <source>/config/kiosk.toml
    std::string assetsDir;                 // default: <source>/assets
    std::optional<std::pair<int, int>> windowed;
    std::string scenario;                  // show a sample state instead of a live visit
    std::string screenshotPath;            // write the scenario (or, with exitAfterMs, the live kiosk at exit) as PNG
    std::optional<core::Lang> lang;
    int exitAfterMs = 0;                   // benchmarks: close by itself
    bool reportStartup = false;            // print "first-frame-ms N" after the first frame
    std::vector<std::string> nikArgs;      // `kiosk nik <NIK> [--json]`
    bool json = false;
    std::string dbPath;                    // `kiosk audit verify [--db PATH]`; empty: <data dir>/var/outbox.db
    std::vector<std::string> scanFiles;    // `kiosk scan FILE... [--reveal]`
    bool reveal = false;                   // scan: print NIKs unmasked
};

core::Result<Options, std::string> parseOptions(int argc, const char* const* argv);
std::string helpText();

}  // namespace kiosk::app
