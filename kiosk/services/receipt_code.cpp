#include "services/receipt_code.hpp"

#define ZX_USE_UTF8 1
#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>
#include <sodium.h>

#include "services/hex_key.hpp"

namespace kiosk::services {

std::optional<ReceiptKey> parseReceiptKey(std::string_view hex) { return parseHexKey<std::tuple_size_v<ReceiptKey>>(hex); }

std::string receiptMac(const ReceiptKey& key, std::string_view reference) {
    std::array<unsigned char, crypto_auth_BYTES> full{};
    crypto_auth(full.data(), reinterpret_cast<const unsigned char*>(reference.data()), reference.size(), key.data());
    std::array<char, core::kReceiptMacHexLength + 1> hex{};
    sodium_bin2hex(hex.data(), hex.size(), full.data(), core::kReceiptMacHexLength / 2);
    return std::string(hex.data(), core::kReceiptMacHexLength);
}

bool verifyReceiptMac(const ReceiptKey& key, std::string_view reference, std::string_view macHex) {
    if (macHex.size() != core::kReceiptMacHexLength) return false;
    const std::string expected = receiptMac(key, reference);
    return sodium_memcmp(expected.data(), macHex.data(), expected.size()) == 0;
}

core::MacVerifier receiptVerifier(std::optional<ReceiptKey> key) {
    return [key](std::string_view reference, std::string_view macHex) {
        return key && verifyReceiptMac(*key, reference, macHex);
    };
}

std::string receiptQrPayload(const ReceiptKey& key, std::string_view reference) {
    if (!core::isReceiptReference(reference)) return {};
    return core::receiptPayload(reference, receiptMac(key, reference));
}

QrMatrix makeQr(std::string_view payload) {
    QrMatrix out;
    if (payload.empty()) return out;
    try {
        ZXing::MultiFormatWriter writer(ZXing::BarcodeFormat::QRCode);
        writer.setMargin(0).setEccLevel(4);  // 1.4 takes 0..8 for QR; the middle of the scale, about level M
        const ZXing::BitMatrix m = writer.encode(std::string(payload), 0, 0);
        if (m.width() != m.height() || m.width() <= 0) return out;
        out.size = m.width();
        out.dark.resize(static_cast<std::size_t>(out.size) * static_cast<std::size_t>(out.size));
        for (int y = 0; y < out.size; ++y)
            for (int x = 0; x < out.size; ++x)
                out.dark[static_cast<std::size_t>(y * out.size + x)] = m.get(x, y) ? 1 : 0;
    } catch (const std::exception&) {
        return QrMatrix{};  // too long for a QR symbol: the receipt shows its reference in text only
    }
    return out;
}

}  // namespace kiosk::services
