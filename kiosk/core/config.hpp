#pragma once
// KioskConfig: plain data read from config/kiosk.toml by services/config_file. Defaults here are the
// demo's; every field is documented in config/README.md.
#include <string>
#include <vector>

#include "core/lang.hpp"

namespace kiosk::core {

struct VisitSettings {
    int idleSeconds = 60;            // no touch for this long -> "Are you still there?"
    int idleCountdownSeconds = 20;   // then the visit is wiped
    int receiptSeconds = 45;         // receipt screen returns to Attract by itself
    Lang defaultLanguage = Lang::Id;
    // Admin patterns for documents whose barcode carries a NIK in its own format (config
    // scanner.nik_patterns): ECMAScript regexes with one capture group, the NIK.
    std::vector<std::string> scanPatterns;
    // A camera reads codes on the NIK screen: its spoken prompt also says to show a code. Set by the
    // app from the scanners that opened, not read from config.
    bool cameraScanning = false;
};

struct KioskConfig {
    std::string kioskId = "MPP-SMG-DEMO-01";
    VisitSettings visit;
    std::vector<Lang> languages{Lang::Id, Lang::Jv, Lang::En};

    // Display
    bool fullscreen = true;
    int windowWidth = 1920;
    int windowHeight = 1080;
    float uiScale = 1.0f;  // one factor for text and touch targets (1.0 = 1080p)
    std::string fontRegular = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";
    std::string fontBold = "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf";

    // Central API (see config/README.md). The token identifies this kiosk; TLS is verified always.
    struct CentralApi {
        std::string baseUrl = "https://127.0.0.1:8470/api/v1";
        std::string token;
        bool sandbox = true;             // fictional data: a SANDBOX band is shown on every screen
        int connectTimeoutMs = 3000;
        int totalTimeoutMs = 10000;
        int lowSpeedBytesPerSecond = 64;
        int lowSpeedSeconds = 5;
        int maxAttempts = 3;
        std::string caFile;              // resolved against the config file's folder when relative
        std::string pinnedPublicKey;     // "sha256//BASE64", optional
        std::string sealPublicKeyHex;    // X25519 key queued personal data is sealed to (64 hex digits)
    } api;

    // Scanners. Empty device = none: the kiosk then shows no camera area and reads no serial port.
    // (A keyboard-wedge scanner needs no setting: it types, and the wedge detector tells it apart.)
    struct Scanner {
        std::string cameraDevice;        // e.g. /dev/video0
        int cameraWidth = 1280;
        int cameraHeight = 720;
        int cameraFps = 30;
        std::string serialDevice;        // e.g. /dev/ttyACM0 (USB CDC)
        int serialBaud = 9600;
    } scanner;

    // The durable outbox (submissions waiting for the central API) and its audit log.
    struct Outbox {
        std::string path = "/var/lib/pijar-kiosk/outbox.db";  // resolved against the config file's folder when relative
        int retentionDays = 30;  // settled rows (no personal data) are kept this long for staff
    } outbox;

    // The receipt printer (ESC/POS thermal). "none": the receipt is shown on screen only.
    struct Printer {
        std::string kind = "none";  // none | device | cups
        std::string device;         // kind = device: e.g. /dev/usb/lp0 (absolute path)
        std::string queue;          // kind = cups: a raw queue, printed with `lp -d <queue> -o raw`
        int paperMm = 80;           // 58 or 80
    } printer;

    // Receipts. Every kiosk of one hall shares the key, so any of them can check a receipt QR code
    // that another printed (a forged or altered code is refused).
    struct Receipt {
        std::string macKeyHex;  // 64 hex digits (32 bytes); empty: receipts carry no QR code
    } receipt;

    // Spoken prompts (espeak-ng): each screen's question is said when it appears and on "Listen".
    struct Speech {
        bool enabled = true;
        int wordsPerMinute = 140;  // slow and clear; espeak's default is 175
    } speech;

    // The enrollment form's address pickers.
    struct Enrollment {
        std::string wilayahFile = "semarang_wilayah.json";  // kecamatan + kelurahan; relative: to the config folder
    } enrollment;
};

}  // namespace kiosk::core
