#include "app/scan_cli.hpp"

#include <ostream>

#include "core/nik.hpp"
#include "core/scan_payload.hpp"
#include "services/barcode_decoder.hpp"
#include "services/image_source.hpp"

namespace kiosk::app {

int runScanCommand(const std::vector<std::string>& files, bool reveal, std::ostream& out) {
    // One still image each: every strategy on every file (decodeStill), so no cycling between files.
    const services::BarcodeDecoder decoder;
    int exitCode = 0;
    for (const std::string& file : files) {
        out << file << ": ";
        auto frame = services::loadGreyImage(file);
        if (!frame) {
            out << "error " << frame.error() << "\n";
            exitCode = 1;
            continue;
        }
        const auto decoded = decoder.decodeStill(*frame);
        if (!decoded) {
            out << "no code found\n";
            exitCode = 1;
            continue;
        }
        // The same classifier the kiosk uses; receipt codes are not verified here (no MAC key).
        const core::ScanPayload p =
            core::classifyScan(decoded->text, core::ScanRules{}, [](std::string_view, std::string_view) { return false; });
        out << services::toKey(decoded->format) << " " << core::toKey(p.kind);
        if (p.kind == core::PayloadKind::Nik) out << " " << (reveal ? p.nikDigits : core::maskNik(p.nikDigits));
        if (p.kind == core::PayloadKind::Rejected) out << " " << p.rejectReason;
        out << "\n";
    }
    return exitCode;
}

}  // namespace kiosk::app
