#pragma once
// What a scanner or camera read: a NIK, one of our own receipts, something else, or refused bytes.
//
// BRIEF §4: the e-KTP has no printed barcode, so a NIK arrives as raw digits or inside some other
// document's text; our receipts carry an opaque reference with a MAC so forged codes are refused.
// A found NIK is NOT validated here: the reducer runs analyzeNik on it, so a scanned NIK meets
// exactly the same rejects and warnings as a typed one.
//
// Classification order (the first rule that applies decides; later rules are never tried):
//  1. longer than rules.maxLength bytes            -> Rejected "too_long" (nothing else is looked at)
//  2. a control character                           -> Rejected "control_characters"
//     C0 (0x00-0x1F) or DEL (0x7F), except CR, LF and Tab, which are allowed anywhere: leading and
//     trailing ones are a scanner's prefix/terminator and are stripped, inner ones are the lines of a
//     text payload ("Nama: X\nNIK: ..."). Also C1 controls (U+0080-U+009F, e.g. the 8-bit CSI escape).
//  3. not well-formed UTF-8 (overlongs, surrogates, > U+10FFFF, truncated) -> Rejected "invalid_utf8"
//  4. starts with "PJR<digits>:"                    -> our receipt:
//     "PJR1:<reference>:<mac>" well formed and `verify` says yes -> ReceiptRef (reference set);
//     PJR1 but malformed, or the MAC does not verify, or no verifier -> Rejected "bad_mac";
//     any other version                          -> Rejected "unknown_version".
//  5. the whole payload is a NIK: normalizeNik gives 16 ASCII digits -> Nik
//  6. a label "NIK" (case-insensitive, a whole word: not inside "teknik" or "NIKAH") followed by
//     optional separators (spaces, tabs, ':', '=', '"', '\'', '.') on the same line and then a digit
//     run whose digits may be split by single ' ', '.' or '-' and which holds exactly 16 digits
//     -> Nik. Covers "NIK: 3374 ...", "No. NIK 3374...", {"nik":"3374..."}, "...?nik=3374...&x=1".
//     Several labelled NIKs that differ -> NotANik (guessing between people is worse than asking
//     for the keypad); the same NIK repeated is fine.
//  7. the first admin pattern (in config order) whose capture group 1 normalises to 16 digits -> Nik
//  8. anything else                                 -> NotANik
//
// Decision: a 16-digit number inside a longer text WITHOUT a label is NotANik. Longer texts carry
// many 16-digit numbers (Kartu Keluarga numbers, payment cards, order ids), and identifying a worker
// by a guess would be wrong; a payload that is nothing but the number (rule 5) is taken as a NIK.
//
// Pure: standard library only, no clocks. Nothing throws (a bad admin pattern is skipped; check
// patterns when loading config with isValidAdminPattern). The built-in label search is a linear
// hand scan (no std::regex: slow, and recursive on long inputs); admin patterns use std::regex and
// only ever see inputs of at most rules.maxLength bytes.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::core {

enum class PayloadKind { Nik, ReceiptRef, NotANik, Rejected };

struct ScanPayload {
    PayloadKind kind = PayloadKind::NotANik;
    std::string nikDigits;     // 16 ASCII digits when kind == Nik (unvalidated: run analyzeNik)
    std::string reference;     // our receipt reference when kind == ReceiptRef
    std::string rejectReason;  // machine key when kind == Rejected: "too_long", "control_characters",
                               // "invalid_utf8", "bad_mac", "unknown_version" (never change a key)
};

struct ScanRules {
    std::size_t maxLength = 512;             // bytes, terminator included
    std::vector<std::string> adminPatterns;  // ECMAScript regexes from config; capture group 1 is the NIK
};

// Receipt QR format (ours): "PJR1:<reference>:<mac>", reference [A-Z0-9-]{4,40}, mac 16 lowercase
// hex characters = the first 8 bytes of a keyed MAC over the reference, computed by the app (libsodium).
// The verifier is only called with a well-formed reference and mac; it should compare in constant time.
using MacVerifier = std::function<bool(std::string_view reference, std::string_view macHex)>;

inline constexpr std::string_view kReceiptPrefix = "PJR1:";
inline constexpr std::size_t kReceiptMacHexLength = 16;
inline constexpr std::size_t kReceiptReferenceMinLength = 4;
inline constexpr std::size_t kReceiptReferenceMaxLength = 40;

ScanPayload classifyScan(std::string_view raw, const ScanRules& rules, const MacVerifier& verify);

// [A-Z0-9-]{4,40}
bool isReceiptReference(std::string_view reference);
// "PJR1:<reference>:<mac>" for the receipt QR; "" if the reference or mac is malformed, so a code
// that classifyScan would refuse is never printed.
std::string receiptPayload(std::string_view reference, std::string_view macHex);

// True when the pattern compiles as an ECMAScript regex and has exactly one capture group.
// Config loading uses this to report a bad pattern; classifyScan silently skips one.
bool isValidAdminPattern(const std::string& pattern);

// Stable names for CLI/JSON output: "nik", "receipt", "not_a_nik", "rejected".
std::string_view toKey(PayloadKind k);

}  // namespace kiosk::core
