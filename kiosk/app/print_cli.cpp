#include "app/print_cli.hpp"

#include <ctime>
#include <ostream>

#include "services/config_file.hpp"
#include "services/escpos.hpp"
#include "services/receipt_printer.hpp"

namespace kiosk::app {
namespace {

std::string localDateTime() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    char text[32] = {};
    if (localtime_r(&now, &local) == nullptr || std::strftime(text, sizeof text, "%Y-%m-%d %H:%M", &local) == 0)
        return "unknown time";
    return text;
}

}  // namespace

int runPrintTest(const std::string& configPath, std::ostream& out, std::ostream& err) {
    auto config = services::loadConfigFile(configPath);
    if (!config) {
        err << "kiosk: " << config.error().describe() << "\n";
        return 2;
    }
    const core::KioskConfig& cfg = config.value();
    const auto printer = services::makeReceiptPrinter(cfg.printer);
    const services::PaperWidth width = services::paperWidthFromMm(cfg.printer.paperMm);
    const services::PrintResult r = printer->print(services::encodeTestSlip(width, cfg.kioskId, localDateTime()));
    const std::string where = printer->describe();
    const std::string detail = r.detail.empty() ? std::string() : ": " + r.detail;
    switch (r.status) {
        case services::PrintStatus::Ok:
            out << "test slip printed on " << where << " (" << cfg.printer.paperMm << " mm)"
                << (r.detail.empty() ? "" : " - ") << r.detail << "\n";
            return 0;
        case services::PrintStatus::NoPrinter:
            out << "no printer configured: [printer] kind is \"none\" in " << configPath << "\n";
            return 1;
        case services::PrintStatus::OutOfPaper: out << "printer " << where << " is out of paper" << detail << "\n"; return 1;
        case services::PrintStatus::Offline: out << "printer " << where << " is offline" << detail << "\n"; return 1;
        case services::PrintStatus::Failed: out << "printing on " << where << " failed" << detail << "\n"; return 1;
    }
    return 1;
}

}  // namespace kiosk::app
