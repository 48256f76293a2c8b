#pragma once
// A serial (USB CDC-ACM) barcode scanner on a configured tty, e.g. /dev/ttyACM0 or a stable
// /dev/serial/by-id/... link. Opened read-only, not as the controlling terminal, in raw mode at the
// configured baud. A worker thread reads lines ending in CR or LF (CR LF counts once; empty lines
// are skipped) and posts each through core::classifyScan as a Scanned notice: control characters
// and over-long lines come back Rejected ("control_characters", "too_long") and are never typed
// anywhere. A line longer than rules.maxLength is not buffered beyond maxLength + 1 bytes.
// A scanner must be configured to end its payload with CR and/or LF.
// When the device goes away (unplugged; in tests the pty master closed) the worker posts
// SourceEnded ("the scanner at /dev/ttyACM0 is gone") and stops; running() turns false.
// Destruction stops the worker within ~100 ms (poll timeout). Line buffers are wiped after use.
#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "core/result.hpp"
#include "core/scan_payload.hpp"
#include "services/scan_notice.hpp"

namespace kiosk::services {

struct SerialScannerSettings {
    std::string device;  // e.g. "/dev/ttyACM0"
    int baud = 9600;     // 1200 ... 921600 (standard rates); CDC-ACM ignores it
    core::ScanRules rules;
};

class SerialScanner {
public:
    // Errors name the device: "no scanner at /dev/ttyACM0", "/dev/null is not a serial port",
    // "unsupported baud rate 1234", "cannot open /dev/ttyACM0: Permission denied".
    // `post` is called from the worker thread (see scan_notice.hpp).
    static core::Result<std::unique_ptr<SerialScanner>, std::string> open(SerialScannerSettings settings,
                                                                           core::MacVerifier verify, ScanPost post);
    ~SerialScanner();
    SerialScanner(const SerialScanner&) = delete;
    SerialScanner& operator=(const SerialScanner&) = delete;

    bool running() const { return m_running.load(); }

private:
    SerialScanner(int fd, SerialScannerSettings settings, core::MacVerifier verify, ScanPost post);
    void run(std::stop_token st);
    void finishLine(std::string& line);

    int m_fd;
    SerialScannerSettings m_settings;
    core::MacVerifier m_verify;
    ScanPost m_post;
    std::atomic<bool> m_running{true};
    std::jthread m_thread;  // last
};

}  // namespace kiosk::services
