#pragma once
// Where ESC/POS bytes (escpos.hpp) go: a ReceiptPrinter. print() BLOCKS for up to its timeout
// (seconds when a printer hangs): call it on a worker thread, never on the UI thread; the result
// comes back to the frame loop as an event like any other. Calls on one printer are serialised
// (one job at a time on the device). Nothing here throws.
//
// - DevicePrinter: a printer device file such as /dev/usb/lp0 (usblp) or a serial tty. Opened per
//   job (O_NOCTTY | O_NONBLOCK | O_CLOEXEC; a tty is put in raw mode at its current speed, so no
//   LF becomes CR LF), written with poll() under one total deadline, closed. On a character
//   device, before printing, DLE EOT 4 (paper roll sensor status) is sent and one answer byte
//   awaited for statusTimeoutMs: both "paper end" bits set -> OutOfPaper, nothing printed;
//   "near end" -> Ok with detail "paper near end"; no answer (one-way printers) is not an error.
//   Anything else (a FIFO, a file) is opened write-only and never queried. usblp's own ENOSPC
//   ("out of paper") is OutOfPaper too.
// - CupsPrinter: `lp -d <queue> -o raw` with the bytes on its stdin (posix_spawnp, no shell).
//   Ok means CUPS queued the job: CUPS reports paper trouble in its queue, not to us.
// - NoPrinter: every print is NoPrinter.
//
// Results carry a detail for the journal (device, errno text, lp's first stderr line): never
// any of the printed bytes, which may hold personal data.
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/config.hpp"
#include "services/escpos.hpp"

namespace kiosk::services {

enum class PrintStatus {
    Ok,
    NoPrinter,   // none configured
    OutOfPaper,  // the printer says so (status reply, or usblp's ENOSPC)
    Offline,     // device missing (ENOENT/ENODEV/ENXIO), EIO, unplugged mid-job, timed out, CUPS down
    Failed,      // anything else: permissions, lp missing or refusing the job
};

// "ok", "no_printer", "out_of_paper", "offline", "failed" (logs, CLI).
std::string_view toKey(PrintStatus status);

struct PrintResult {
    PrintStatus status = PrintStatus::Failed;
    std::string detail;  // for logs; empty when there is nothing to add
    bool ok() const { return status == PrintStatus::Ok; }
};

class ReceiptPrinter {
public:
    virtual ~ReceiptPrinter() = default;
    // Blocking (see above). `bytes` are the whole job, e.g. encodeReceipt(...).
    virtual PrintResult print(std::string_view bytes) = 0;
    // Where it prints, for messages: "/dev/usb/lp0", "CUPS queue kiosk", "no printer".
    virtual std::string describe() const = 0;
};

struct DevicePrinterSettings {
    std::string device;          // e.g. /dev/usb/lp0
    int timeoutMs = 15000;       // the whole job: status query and every byte written
    int statusTimeoutMs = 300;   // wait for the DLE EOT 4 answer
};

class DevicePrinter final : public ReceiptPrinter {
public:
    explicit DevicePrinter(DevicePrinterSettings settings);
    PrintResult print(std::string_view bytes) override;
    std::string describe() const override { return m_settings.device; }

private:
    DevicePrinterSettings m_settings;
    std::mutex m_job;
};

struct CupsPrinterSettings {
    std::string queue;
    std::string lpCommand = "lp";  // looked up on PATH unless it has a '/' (tests use a fake lp)
    int timeoutMs = 20000;         // writing the job and lp's exit; then lp is killed
};

class CupsPrinter final : public ReceiptPrinter {
public:
    explicit CupsPrinter(CupsPrinterSettings settings);
    PrintResult print(std::string_view bytes) override;
    std::string describe() const override { return "CUPS queue " + m_settings.queue; }

private:
    CupsPrinterSettings m_settings;
    std::mutex m_job;
};

class NoPrinter final : public ReceiptPrinter {
public:
    PrintResult print(std::string_view) override {
        return {PrintStatus::NoPrinter, "no printer configured"};
    }
    std::string describe() const override { return "no printer"; }
};

// The printer the config names ([printer] kind = none | device | cups), with default timeouts.
std::unique_ptr<ReceiptPrinter> makeReceiptPrinter(const core::KioskConfig::Printer& config);
// 58 -> Mm58, anything else (the config allows only 80) -> Mm80.
PaperWidth paperWidthFromMm(int paperMm);

}  // namespace kiosk::services
