#pragma once
// The receipt's QR code: "PJR1:<reference>:<mac>" (format in core/scan_payload.hpp). The MAC is the
// first 8 bytes of HMAC-SHA-512-256 (libsodium crypto_auth) over the reference, keyed with the hall's
// receipt key, so any kiosk of the hall can check a code another printed and a forged one is refused.
// The code holds no personal data: a reference is an opaque outbox or server number.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/scan_payload.hpp"

namespace kiosk::services {

using ReceiptKey = std::array<unsigned char, 32>;
// 64 hex digits (config receipt.mac_key) -> key; nullopt when malformed.
std::optional<ReceiptKey> parseReceiptKey(std::string_view hex);

// 16 lowercase hex characters.
std::string receiptMac(const ReceiptKey& key, std::string_view reference);
// Constant-time check of a MAC read from a code.
bool verifyReceiptMac(const ReceiptKey& key, std::string_view reference, std::string_view macHex);
// The verifier classifyScan wants; refuses everything when there is no key.
core::MacVerifier receiptVerifier(std::optional<ReceiptKey> key);
// The QR payload for `reference`, or "" when the reference is not a receipt reference.
std::string receiptQrPayload(const ReceiptKey& key, std::string_view reference);

// A QR symbol as modules (no quiet zone), made with ZXing-cpp's writer (error correction M).
struct QrMatrix {
    int size = 0;                     // modules per side; 0 when the payload cannot be encoded
    std::vector<unsigned char> dark;  // size × size, row-major, 1 = dark
};
QrMatrix makeQr(std::string_view payload);

}  // namespace kiosk::services
