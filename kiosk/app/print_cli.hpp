#pragma once
// `kiosk print-test [--config FILE]`: prints a test slip (services/escpos.hpp encodeTestSlip:
// kiosk id, local date and time, paper width, a one-line ruler, a QR code) on the printer that
// [printer] in the config names, for staff setting a kiosk up or checking it after a paper change.
// One line on `out` in English says what happened:
//   test slip printed on /dev/usb/lp0 (80 mm)          [+ " - paper near end"]
//   no printer configured: [printer] kind is "none" in FILE
//   printer /dev/usb/lp0 is out of paper: <detail>
//   printer /dev/usb/lp0 is offline: <detail>
//   printing on CUPS queue Q failed: <detail>
// Blocks for up to the printer's timeout (it is a command, not the GUI).
#include <iosfwd>
#include <string>

namespace kiosk::app {

// Returns 0 printed, 1 a printer problem (none configured, out of paper, offline, failed),
// 2 the config cannot be read (message on `err`).
int runPrintTest(const std::string& configPath, std::ostream& out, std::ostream& err);

}  // namespace kiosk::app
