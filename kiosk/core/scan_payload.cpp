#include "core/scan_payload.hpp"

#include <regex>

#include "core/nik.hpp"

namespace kiosk::core {
namespace {

constexpr std::size_t kNikLength = 16;

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isAsciiAlnum(char c) { return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isLowerHex(char c) { return isDigit(c) || (c >= 'a' && c <= 'f'); }
bool isLineControl(char c) { return c == '\r' || c == '\n' || c == '\t'; }
bool isSixteenDigits(std::string_view s) {
    if (s.size() != kNikLength) return false;
    for (char c : s)
        if (!isDigit(c)) return false;
    return true;
}
unsigned char byteAt(std::string_view s, std::size_t i) { return static_cast<unsigned char>(s[i]); }

// Candidate NIKs may be a stranger's: overwrite before dropping (same reason as secureWipe in visit).
void wipe(std::string& s) {
    volatile char* p = s.data();
    for (std::size_t i = 0; i < s.size(); ++i) p[i] = '\0';
    s.clear();
}

bool hasC0OrDel(std::string_view s) {
    for (char c : s) {
        const auto b = static_cast<unsigned char>(c);
        if ((b < 0x20 && !isLineControl(c)) || b == 0x7F) return true;
    }
    return false;
}

enum class Utf8Check { Ok, HasC1Control, Invalid };

// Strict UTF-8 (RFC 3629): no overlongs, no surrogates, nothing above U+10FFFF.
Utf8Check checkUtf8(std::string_view s) {
    bool c1 = false;
    std::size_t i = 0;
    while (i < s.size()) {
        const unsigned char b0 = byteAt(s, i);
        if (b0 < 0x80) {
            ++i;
            continue;
        }
        std::size_t len = 0;
        char32_t cp = 0;
        char32_t min = 0;
        if ((b0 & 0xE0u) == 0xC0u) {
            len = 2;
            cp = b0 & 0x1Fu;
            min = 0x80;
        } else if ((b0 & 0xF0u) == 0xE0u) {
            len = 3;
            cp = b0 & 0x0Fu;
            min = 0x800;
        } else if ((b0 & 0xF8u) == 0xF0u) {
            len = 4;
            cp = b0 & 0x07u;
            min = 0x10000;
        } else {
            return Utf8Check::Invalid;
        }
        if (s.size() - i < len) return Utf8Check::Invalid;
        for (std::size_t k = 1; k < len; ++k) {
            const unsigned char b = byteAt(s, i + k);
            if ((b & 0xC0u) != 0x80u) return Utf8Check::Invalid;
            cp = (cp << 6) | (b & 0x3Fu);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return Utf8Check::Invalid;
        if (cp >= 0x80 && cp <= 0x9F) c1 = true;
        i += len;
    }
    return c1 ? Utf8Check::HasC1Control : Utf8Check::Ok;
}

ScanPayload rejected(std::string reason) {
    ScanPayload p;
    p.kind = PayloadKind::Rejected;
    p.rejectReason = std::move(reason);
    return p;
}

// Called only when `text` starts with "PJR" + digit.
ScanPayload classifyReceipt(std::string_view text, const MacVerifier& verify) {
    if (!text.starts_with(kReceiptPrefix)) return rejected("unknown_version");
    const std::string_view body = text.substr(kReceiptPrefix.size());
    const std::size_t colon = body.find(':');
    if (colon == std::string_view::npos) return rejected("bad_mac");
    const std::string_view reference = body.substr(0, colon);
    const std::string_view mac = body.substr(colon + 1);
    bool macOk = mac.size() == kReceiptMacHexLength;
    for (char c : mac) macOk = macOk && isLowerHex(c);
    if (!isReceiptReference(reference) || !macOk || !verify || !verify(reference, mac)) return rejected("bad_mac");
    ScanPayload p;
    p.kind = PayloadKind::ReceiptRef;
    p.reference = std::string(reference);
    return p;
}

bool isLabelSeparator(char c) {
    return c == ' ' || c == '\t' || c == ':' || c == '=' || c == '"' || c == '\'' || c == '.';
}
bool isDigitSeparator(char c) { return c == ' ' || c == '.' || c == '-'; }
bool isWordByte(char c) { return isAsciiAlnum(c) || static_cast<unsigned char>(c) >= 0x80; }  // UTF-8 letters too

bool isNikLabelAt(std::string_view s, std::size_t i) {
    if (s.size() - i < 3) return false;
    const auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(s[i]) != 'n' || lower(s[i + 1]) != 'i' || lower(s[i + 2]) != 'k') return false;
    if (i > 0 && isWordByte(s[i - 1])) return false;                   // "teknik"
    if (i + 3 < s.size() && isAsciiAlnum(s[i + 3]) && !isDigit(s[i + 3])) return false;  // "NIKAH"
    return true;
}

// The digit run after a label at `from`: digits, single separators between digits. Returns its
// digits only if there are exactly 16 of them.
std::string labelledDigits(std::string_view s, std::size_t from) {
    std::size_t i = from;
    while (i < s.size() && isLabelSeparator(s[i]) && i - from < 16) ++i;  // a short gap only
    std::string digits;
    while (i < s.size()) {
        if (isDigit(s[i])) {
            digits.push_back(s[i]);
            if (digits.size() > kNikLength) break;
            ++i;
        } else if (!digits.empty() && isDigitSeparator(s[i]) && i + 1 < s.size() && isDigit(s[i + 1])) {
            ++i;
        } else {
            break;
        }
    }
    if (digits.size() != kNikLength) wipe(digits);
    return digits;
}

// Every labelled NIK must agree; "" if there is none or they differ.
std::string findLabelledNik(std::string_view s) {
    std::string found;
    for (std::size_t i = 0; i + 3 <= s.size(); ++i) {
        if (!isNikLabelAt(s, i)) continue;
        std::string digits = labelledDigits(s, i + 3);
        if (digits.empty()) continue;
        if (found.empty()) {
            found = std::move(digits);
        } else if (found != digits) {
            wipe(found);
            wipe(digits);
            return {};
        } else {
            wipe(digits);
        }
        i += 2;
    }
    return found;
}

std::string adminPatternNik(const std::string& text, const std::vector<std::string>& patterns) {
    for (const std::string& pattern : patterns) {
        try {
            const std::regex re(pattern, std::regex::ECMAScript);
            if (re.mark_count() < 1) continue;
            std::smatch m;
            if (!std::regex_search(text, m, re) || !m[1].matched) continue;
            std::string digits = normalizeNik(m[1].str());
            if (isSixteenDigits(digits)) return digits;
            wipe(digits);
        } catch (const std::exception&) {
            // a pattern that does not compile, or whose match blows regex's complexity limits: skipped
        }
    }
    return {};
}

ScanPayload nik(std::string digits) {
    ScanPayload p;
    p.kind = PayloadKind::Nik;
    p.nikDigits = std::move(digits);
    return p;
}

}  // namespace

ScanPayload classifyScan(std::string_view raw, const ScanRules& rules, const MacVerifier& verify) {
    if (raw.size() > rules.maxLength) return rejected("too_long");
    if (hasC0OrDel(raw)) return rejected("control_characters");
    switch (checkUtf8(raw)) {
        case Utf8Check::HasC1Control: return rejected("control_characters");
        case Utf8Check::Invalid: return rejected("invalid_utf8");
        case Utf8Check::Ok: break;
    }

    std::string_view text = raw;
    while (!text.empty() && isLineControl(text.back())) text.remove_suffix(1);  // the scanner's terminator
    while (!text.empty() && isLineControl(text.front())) text.remove_prefix(1); // and a configured prefix

    if (text.size() >= 4 && text.starts_with("PJR") && isDigit(text[3])) {
        std::size_t i = 3;
        while (i < text.size() && isDigit(text[i])) ++i;
        if (i < text.size() && text[i] == ':') return classifyReceipt(text, verify);
    }

    if (std::string whole = normalizeNik(text); isSixteenDigits(whole)) return nik(std::move(whole));
    else wipe(whole);

    if (std::string labelled = findLabelledNik(text); !labelled.empty()) return nik(std::move(labelled));

    if (!rules.adminPatterns.empty()) {
        std::string copy(text);
        std::string fromPattern = adminPatternNik(copy, rules.adminPatterns);
        wipe(copy);
        if (!fromPattern.empty()) return nik(std::move(fromPattern));
    }
    return ScanPayload{};
}

bool isReceiptReference(std::string_view reference) {
    if (reference.size() < kReceiptReferenceMinLength || reference.size() > kReceiptReferenceMaxLength) return false;
    for (char c : reference)
        if (!((c >= 'A' && c <= 'Z') || isDigit(c) || c == '-')) return false;
    return true;
}

std::string receiptPayload(std::string_view reference, std::string_view macHex) {
    if (!isReceiptReference(reference) || macHex.size() != kReceiptMacHexLength) return {};
    for (char c : macHex)
        if (!isLowerHex(c)) return {};
    std::string out(kReceiptPrefix);
    out.append(reference).append(":").append(macHex);
    return out;
}

bool isValidAdminPattern(const std::string& pattern) {
    try {
        const std::regex re(pattern, std::regex::ECMAScript);
        return re.mark_count() == 1;
    } catch (const std::exception&) {
        return false;
    }
}

std::string_view toKey(PayloadKind k) {
    switch (k) {
        case PayloadKind::Nik: return "nik";
        case PayloadKind::ReceiptRef: return "receipt";
        case PayloadKind::NotANik: return "not_a_nik";
        case PayloadKind::Rejected: return "rejected";
    }
    return "not_a_nik";
}

}  // namespace kiosk::core
