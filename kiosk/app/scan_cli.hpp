#pragma once
// `kiosk scan FILE... [--reveal]`: decodes the barcodes in image files, for admins checking a
// set-up and for scripts. One line per file, in the order given:
//   FILE: <format> nik <NIK masked, or the 16 digits with --reveal>
//   FILE: <format> not_a_nik            (the payload itself is never printed)
//   FILE: <format> receipt / rejected <reason>
//   FILE: no code found
//   FILE: error <message>
// Payloads are classified by core/scan_payload, as at the kiosk (raw or labelled NIK, receipt).
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::app {

// Returns the exit code: 0 every file decoded, 1 a file had no code or could not be read.
int runScanCommand(const std::vector<std::string>& files, bool reveal, std::ostream& out);

}  // namespace kiosk::app
