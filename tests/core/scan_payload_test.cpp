// Tests for kiosk/core/scan_payload: every payload class, hostile bytes, receipts, admin patterns.
// Synthetic NIKs only. Test names avoid ';' and ',' because CTest splits on them.
#include "core/scan_payload.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "core/nik.hpp"

namespace {

using namespace kiosk::core;

constexpr std::string_view kNik = "3374015203850002";   // synthetic, valid, Semarang
constexpr std::string_view kOtherNik = "3374116507900013";
constexpr std::string_view kGoodMac = "0123456789abcdef";

// The app's verifier is libsodium; here one reference/mac pair is "genuine".
bool fakeVerify(std::string_view reference, std::string_view mac) { return reference == "PJR-2026-000123" && mac == kGoodMac; }

int g_verifyCalls = 0;
bool countingVerify(std::string_view, std::string_view) {
    ++g_verifyCalls;
    return true;
}

ScanPayload classify(std::string_view raw, const ScanRules& rules = {}) { return classifyScan(raw, rules, fakeVerify); }

void checkNik(std::string_view raw, std::string_view expected = kNik, const ScanRules& rules = {}) {
    INFO("payload: " << std::string(raw));
    const ScanPayload p = classify(raw, rules);
    CHECK(p.kind == PayloadKind::Nik);
    CHECK(p.nikDigits == expected);
    CHECK(p.reference.empty());
    CHECK(p.rejectReason.empty());
}

void checkNotANik(std::string_view raw, const ScanRules& rules = {}) {
    INFO("payload: " << std::string(raw));
    const ScanPayload p = classify(raw, rules);
    CHECK(p.kind == PayloadKind::NotANik);
    CHECK(p.nikDigits.empty());
}

void checkRejected(std::string_view raw, std::string_view reason) {
    INFO("payload: " << std::string(raw));
    const ScanPayload p = classify(raw);
    CHECK(p.kind == PayloadKind::Rejected);
    CHECK(p.rejectReason == reason);
    CHECK(p.nikDigits.empty());
    CHECK(p.reference.empty());
}

}  // namespace

TEST_SUITE("core scan payload") {

// ---------------------------------------------------------------- raw NIK
TEST_CASE("a raw NIK is a NIK") {
    checkNik(kNik);
}

TEST_CASE("a raw NIK with separators is a NIK") {
    checkNik("3374 0152 0385 0002");
    checkNik("3374-0152-0385-0002");
    checkNik("3374.0152.0385.0002");
    checkNik("  3374 0152 0385 0002  ");
}

TEST_CASE("a scanner terminator after a raw NIK is stripped") {
    checkNik("3374015203850002\r\n");
    checkNik("3374015203850002\t");
    checkNik("\n3374015203850002\n");
}

TEST_CASE("a raw number that is not 16 digits is not a NIK") {
    checkNotANik("337401520385000");    // 15
    checkNotANik("33740152038500021");  // 17
    checkNotANik("3374O15203850002");   // letter O
}

TEST_CASE("a Kartu Keluarga looking number is still a NIK and validation warns later") {
    // A KK number has the NIK's shape (area + issue date + serial): the parser does not judge it.
    const ScanPayload p = classify("3374010106150027");
    REQUIRE(p.kind == PayloadKind::Nik);
    const NikAnalysis a = analyzeNik(p.nikDigits, CivilDate{2026, 11, 30});
    CHECK(a.valid());
    CHECK(a.warnings == std::vector<NikWarning>{NikWarning::TooYoungMaybeKk});
}

TEST_CASE("an impossible NIK is still found here and refused by the reducer's analysis") {
    checkNik("3374011513850002", "3374011513850002");  // month 13: analyzeNik rejects it
}

// ---------------------------------------------------------------- labelled NIK
TEST_CASE("a labelled NIK in plain text is a NIK") {
    checkNik("NIK 3374015203850002");
    checkNik("NIK: 3374015203850002");
    checkNik("NIK : 3374 0152 0385 0002");
    checkNik("NIK = 3374015203850002");
    checkNik("No. NIK 3374-0152-0385-0002");
    checkNik("Kartu anggota SPSI / No. NIK: 3374.0152.0385.0002 / berlaku 2027");
    checkNik("NIK:3374015203850002");
    checkNik("NIK\t3374015203850002");
}

TEST_CASE("a lower or mixed case label is a label") {
    checkNik("nik=3374015203850002");
    checkNik("Nik: 3374015203850002");
    checkNik("nIk 3374015203850002");
}

TEST_CASE("a labelled NIK in JSON is a NIK") {
    checkNik(R"({"nik":"3374015203850002"})");
    checkNik(R"({"nama": "Budi", "nik": "3374 0152 0385 0002", "id": 17})");
    checkNik(R"({"NIK":3374015203850002})");
    checkNik(R"({'nik': '3374015203850002'})");
}

TEST_CASE("a labelled NIK in a URL query is a NIK") {
    checkNik("https://kartu.example.invalid/v?nik=3374015203850002&x=1");
    checkNik("https://kartu.example.invalid/v?id=9&nik=3374015203850002");
    checkNik("https://kartu.example.invalid/v?no_nik=3374015203850002");
}

TEST_CASE("a labelled NIK in a multi-line text is a NIK") {
    checkNik("Nama: X\nNIK: 3374 0152 0385 0002");
    checkNik("KARTU PESERTA\r\nNama: X\r\nNIK: 3374015203850002\r\nAlamat: Jl. Contoh 1\r\n");
    checkNik("Nama: X\n\tNIK:\t3374015203850002\n");
}

TEST_CASE("a label inside a word is not a label") {
    checkNotANik("Teknik 3374015203850002 Mesin");     // "teknik" ends in "nik"
    checkNotANik("NIKAH 3374015203850002");            // "nikah" begins with it
    checkNotANik("unik: 3374015203850002 x");
}

TEST_CASE("a label followed by the wrong number of digits is not a NIK") {
    checkNotANik("NIK: 337401520385000");
    checkNotANik("NIK: 33740152038500021");
    checkNotANik("NIK: 3374 0152 0385 0002 7");  // a single separator joins the 17th digit
    checkNotANik("NIK: belum ada 3374015203850002");
    checkNotANik("NIK:\n3374015203850002 ");  // the number must be on the label's line
    checkNotANik("NIK: 3374--0152038500021");
}

TEST_CASE("a labelled NIK ends at a non-separator") {
    checkNik("NIK: 3374015203850002, Nama: X");
    checkNik("NIK 3374015203850002 / 0812");
    checkNik("NIK: 3374 0152 0385 0002 - Kota Semarang");
}

TEST_CASE("two different labelled NIKs are ambiguous but a repeated one is fine") {
    const std::string two = "NIK: " + std::string(kNik) + "\nNIK: " + std::string(kOtherNik);
    checkNotANik(two);
    checkNik("NIK: 3374015203850002\nnik=3374 0152 0385 0002");
    checkNik("NIK: 123\nNIK: 3374015203850002");  // a label without a NIK does not count
}

TEST_CASE("a 16 digit number without a label in a longer text is not a NIK") {
    // Decision (see scan_payload.hpp): only a payload that is nothing but the number, or a labelled
    // number, is a NIK. Longer texts hold KK numbers, card numbers and order ids too.
    checkNotANik("Pesanan 3374015203850002 dibayar");
    checkNotANik("KK 3374015203850002");
    checkNotANik("https://kartu.example.invalid/v/3374015203850002");
}

// ---------------------------------------------------------------- admin patterns
TEST_CASE("an admin pattern's capture group gives the NIK") {
    ScanRules rules;
    rules.adminPatterns = {R"(^KTA\|[^|]*\|([0-9 .-]{16,22})\|)"};
    checkNik("KTA|Budi|3374 0152 0385 0002|2027", kNik, rules);
    checkNotANik("KTA|Budi|3374 0152 0385 000|2027", rules);  // 15 digits
    checkNotANik("KTA|Budi|3374 0152 0385 0002|2027");        // no pattern configured
}

TEST_CASE("the first admin pattern that yields 16 digits wins") {
    ScanRules rules;
    rules.adminPatterns = {R"(ID([0-9]+))", R"(ID[0-9]+/([0-9]+))", R"(/([0-9]{16}))"};
    checkNik("ID7/3374015203850002", kNik, rules);
}

TEST_CASE("a broken admin pattern is skipped and reported by the checker") {
    ScanRules rules;
    rules.adminPatterns = {"(unclosed", "no group here", R"(K=(\d{16}))"};
    checkNik("K=3374015203850002", kNik, rules);
    CHECK_FALSE(isValidAdminPattern("(unclosed"));
    CHECK_FALSE(isValidAdminPattern("no group here"));
    CHECK_FALSE(isValidAdminPattern(R"((\d{4})-(\d{12}))"));
    CHECK(isValidAdminPattern(R"(K=(\d{16}))"));
}

TEST_CASE("built-in rules come before admin patterns") {
    ScanRules rules;
    rules.adminPatterns = {R"(X=(\d{16}))"};
    checkNik("NIK: 3374015203850002 X=3374116507900013", kNik, rules);
}

// ---------------------------------------------------------------- receipts
TEST_CASE("our receipt with a good MAC is a receipt reference") {
    const std::string qr = receiptPayload("PJR-2026-000123", kGoodMac);
    CHECK(qr == "PJR1:PJR-2026-000123:0123456789abcdef");
    const ScanPayload p = classify(qr);
    CHECK(p.kind == PayloadKind::ReceiptRef);
    CHECK(p.reference == "PJR-2026-000123");
    CHECK(p.nikDigits.empty());
    CHECK(classify(qr + "\r\n").kind == PayloadKind::ReceiptRef);
}

TEST_CASE("a receipt with a bad MAC is refused") {
    checkRejected("PJR1:PJR-2026-000123:0123456789abcdee", "bad_mac");  // wrong MAC
    checkRejected("PJR1:PJR-2026-000124:0123456789abcdef", "bad_mac");  // MAC of another reference
}

TEST_CASE("a malformed receipt is refused as bad MAC without asking the verifier") {
    g_verifyCalls = 0;
    for (const char* raw : {"PJR1:", "PJR1:ABCD", "PJR1:ABCD:", "PJR1:abcd:0123456789abcdef",
                            "PJR1:ABC:0123456789abcdef", "PJR1:ABCD:0123456789ABCDEF", "PJR1:ABCD:0123456789abcde",
                            "PJR1:ABCD:0123456789abcdef0", "PJR1:ABCD:0123456789abcdef:x", "PJR1:AB CD:0123456789abcdef"}) {
        INFO(raw);
        const ScanPayload p = classifyScan(raw, {}, countingVerify);
        CHECK(p.kind == PayloadKind::Rejected);
        CHECK(p.rejectReason == "bad_mac");
    }
    CHECK(g_verifyCalls == 0);
    const std::string longest = "PJR1:" + std::string(40, 'A') + ":0123456789abcdef";
    CHECK(classifyScan(longest, {}, countingVerify).kind == PayloadKind::ReceiptRef);
    CHECK(classifyScan("PJR1:" + std::string(41, 'A') + ":0123456789abcdef", {}, countingVerify).kind ==
          PayloadKind::Rejected);
}

TEST_CASE("without a verifier every receipt is refused") {
    const ScanPayload p = classifyScan("PJR1:PJR-2026-000123:0123456789abcdef", {}, MacVerifier{});
    CHECK(p.kind == PayloadKind::Rejected);
    CHECK(p.rejectReason == "bad_mac");
}

TEST_CASE("a receipt of another version is refused as unknown version") {
    checkRejected("PJR2:PJR-2026-000123:0123456789abcdef", "unknown_version");
    checkRejected("PJR0:anything", "unknown_version");
    checkRejected("PJR12:PJR-2026-000123:0123456789abcdef", "unknown_version");
    checkNotANik("PJR:PJR-2026-000123:0123456789abcdef");  // no version: not ours
    checkNotANik("pjr1:PJR-2026-000123:0123456789abcdef");  // the prefix is upper case
    checkNotANik("PJRX:1");
}

TEST_CASE("a receipt never yields a NIK even when it carries a label") {
    checkRejected("PJR1:NIK:3374015203850002", "bad_mac");
}

TEST_CASE("receiptPayload refuses what classifyScan would refuse") {
    CHECK(receiptPayload("abcd", kGoodMac).empty());
    CHECK(receiptPayload("ABC", kGoodMac).empty());
    CHECK(receiptPayload("ABCD", "0123456789ABCDEF").empty());
    CHECK(receiptPayload("ABCD", "0123").empty());
    CHECK(isReceiptReference("PJR-2026-000123"));
    CHECK_FALSE(isReceiptReference("PJR_2026"));
}

// ---------------------------------------------------------------- garbage and hostile bytes
TEST_CASE("garbage and empty payloads are not a NIK") {
    checkNotANik("");
    checkNotANik("\r\n");
    checkNotANik("hello world");
    checkNotANik("https://example.invalid/promo");
    checkNotANik("----------------");
    checkNotANik("NIK");
    checkNotANik("NIK:");
    checkNotANik("Rp 1.000.000");
    checkNotANik("Élan – café ☕ 日本語");
}

TEST_CASE("a 10 KB payload is refused as too long before anything else") {
    checkRejected(std::string(10 * 1024, '1'), "too_long");
    checkRejected("NIK: 3374015203850002 " + std::string(10 * 1024, ' '), "too_long");
    checkRejected(std::string(10 * 1024, '\x01'), "too_long");  // length wins over control characters
    checkRejected("PJR1:" + std::string(10 * 1024, 'A'), "too_long");
}

TEST_CASE("maxLength is inclusive and configurable") {
    ScanRules rules;
    rules.maxLength = 16;
    CHECK(classify(kNik, rules).kind == PayloadKind::Nik);
    CHECK(classify(std::string(kNik) + "\n", rules).rejectReason == "too_long");
    CHECK(classify(std::string(512, 'x')).kind == PayloadKind::NotANik);
    CHECK(classify(std::string(513, 'x')).rejectReason == "too_long");
}

TEST_CASE("invalid UTF-8 is refused") {
    checkRejected("NIK: 3374015203850002 \xff", "invalid_utf8");
    checkRejected("\xc3", "invalid_utf8");                  // truncated
    checkRejected("\xc0\xae", "invalid_utf8");              // overlong '.'
    checkRejected("\xe0\x80\xaf", "invalid_utf8");          // overlong '/'
    checkRejected("\xed\xa0\x80", "invalid_utf8");          // a surrogate
    checkRejected("\xf4\x90\x80\x80", "invalid_utf8");      // above U+10FFFF
    checkRejected("\x80 3374015203850002", "invalid_utf8");  // a lone continuation byte
    checkNik("Nama: Sri Rahayu – Pekerja ✓\nNIK: 3374015203850002");  // valid multibyte text is fine
}

TEST_CASE("embedded control characters are refused") {
    using namespace std::string_literals;
    checkRejected("3374015203850002\x1b[2J", "control_characters");  // terminal escape
    checkRejected("NIK: 3374015203850002\x07", "control_characters");
    checkRejected("3374\x00" "015203850002"s, "control_characters");
    checkRejected("3374015203850002\x7f", "control_characters");
    checkRejected("\x08\x08\x08\x08", "control_characters");
    checkRejected("NIK: 3374015203850002\xc2\x9b", "control_characters");  // C1 CSI
    checkRejected("\x1b\xff", "control_characters");  // control characters are checked before UTF-8
}

TEST_CASE("payload kinds have stable keys") {
    CHECK(toKey(PayloadKind::Nik) == "nik");
    CHECK(toKey(PayloadKind::ReceiptRef) == "receipt");
    CHECK(toKey(PayloadKind::NotANik) == "not_a_nik");
    CHECK(toKey(PayloadKind::Rejected) == "rejected");
}

TEST_CASE("the label scan stays linear on a megabyte of labels") {
    // Only reachable with a raised maxLength: the hand scan looks a bounded distance past each label.
    ScanRules rules;
    rules.maxLength = std::size_t{1} << 21;
    std::string many;
    while (many.size() < (std::size_t{1} << 20)) many += "nik nik: 3374 0152 ";
    checkNotANik(many, rules);
    checkNik(many + "\nNIK: 3374015203850002", kNik, rules);
}

}  // TEST_SUITE
