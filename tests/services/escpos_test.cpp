// The ESC/POS encoder by round trip: every slip is read back by support/escpos_parse.hpp, which
// refuses any command the encoder does not emit, so "parses" also means "nothing injected".
//
// Index: 1. helpers  2. round trip  3. hostile and foreign text  4. QR limits  5. parser
#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "escpos_parse.hpp"
#include "services/escpos.hpp"

using namespace kiosk;
using services::PaperWidth;
using namespace std::string_literals;

namespace {

// ---- 1. helpers -------------------------------------------------------------------------------------

test::ParsedSlip parseOk(const std::string& bytes) {
    auto r = test::parseEscPos(bytes);
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string() : r.error()));
    return r.value();
}

std::vector<std::string> tokens(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string w; in >> w;) out.push_back(w);
    return out;
}

std::vector<std::string> slipTokens(const test::ParsedSlip& s) {
    std::string all;
    for (const auto& l : s.lines) all += l.text + " ";
    return tokens(all);
}

// True when the words of `text` appear whole and in order, one after another, in the slip:
// a word cut at a line end would show up as two tokens and fail.
bool printedWhole(const test::ParsedSlip& s, const std::string& text) {
    const auto want = tokens(text);
    const auto have = slipTokens(s);
    return !want.empty() && std::search(have.begin(), have.end(), want.begin(), want.end()) != have.end();
}

const test::PrintedLine* findLine(const test::ParsedSlip& s, const std::string& needle) {
    for (const auto& l : s.lines)
        if (l.text.find(needle) != std::string::npos) return &l;
    return nullptr;
}

constexpr const char* kQr = "PJR1:PS-2025-000123:0123456789abcdef";

services::PrintedReceipt sampleReceipt() {
    services::PrintedReceipt r;
    r.title = "Tanda terima pendaftaran Pijar Semar";
    r.rows = {{"Nomor", "PS-2025-000123"},
              {"Program", "Pelatihan Kerja BLK Kota Semarang - Menjahit Busana Tingkat Lanjut"},
              {"Tanggal", "Senin 2 Juni 2025 09.30"},
              {"Kecamatan domisili menurut kartu keluarga", "Semarang Tengah"},
              {"Catatan", ""}};
    r.paragraphs = {"Simpan tanda terima ini. Tunjukkan kode QR di loket 7 bila nomor Anda dipanggil. "
                    "Pendaftaran Anda akan diperiksa petugas dalam tiga hari kerja.",
                    "Please keep this receipt and show the QR code at counter 7 when your number is called.",
                    "Matur nuwun sampun rawuh wonten ing Mall Pelayanan Publik Kota Semarang."};
    r.qrPayload = kQr;
    r.footer = "Mall Pelayanan Publik Kota Semarang - Jl. Pemuda 148";
    return r;
}

}  // namespace

// ---- 2. round trip ----------------------------------------------------------------------------------

TEST_CASE("escpos receipt round trip at 58 and 80 mm") {
    for (const PaperWidth w : {PaperWidth::Mm58, PaperWidth::Mm80}) {
        const std::size_t width = w == PaperWidth::Mm58 ? 32 : 48;
        CAPTURE(width);
        CHECK(services::charsPerLine(w) == width);
        const services::PrintedReceipt r = sampleReceipt();
        const std::string bytes = services::encodeReceipt(r, w);
        const test::ParsedSlip s = parseOk(bytes);

        CHECK(s.startsWithInit);
        CHECK(s.codePage == 0);
        for (const auto& l : s.lines) CHECK_MESSAGE(l.text.size() <= width, l.text);

        CHECK(printedWhole(s, r.title));
        for (const auto& row : r.rows) {
            CHECK(printedWhole(s, row.label + " " + row.value));
        }
        for (const auto& p : r.paragraphs) CHECK(printedWhole(s, p));
        CHECK(printedWhole(s, r.footer));

        // The title is the first text, bold and centred; nothing else is bold.
        REQUIRE_FALSE(s.lines.empty());
        CHECK(s.lines.front().bold);
        CHECK(s.lines.front().centred);
        CHECK(s.lines.front().text.rfind("Tanda terima", 0) == 0);
        CHECK(std::count_if(s.lines.begin(), s.lines.end(), [](const auto& l) { return l.bold; }) ==
              (w == PaperWidth::Mm58 ? 2 : 1));
        // A short row is one line, value flush right; a long label goes on its own line.
        const auto* nomor = findLine(s, "Nomor");
        REQUIRE(nomor != nullptr);
        CHECK(nomor->text.size() == width);
        CHECK(nomor->text.substr(width - 14) == "PS-2025-000123");
        CHECK_FALSE(nomor->centred);
        const auto* kecamatan = findLine(s, "Semarang Tengah");
        REQUIRE(kecamatan != nullptr);
        CHECK(kecamatan->text.find("Kecamatan") == std::string::npos);
        const auto* footer = findLine(s, "Pemuda");
        REQUIRE(footer != nullptr);
        CHECK(footer->centred);

        REQUIRE(s.qrPayloads.size() == 1);
        CHECK(s.qrPayloads[0] == kQr);
        CHECK(s.qrModel == '2');
        CHECK(s.qrErrorLevel == '1');  // M
        CHECK(s.qrModuleDots == (w == PaperWidth::Mm58 ? 4 : 6));

        CHECK(s.cuts == 1);
        CHECK(s.partialCut);
        CHECK(s.endsWithCut);
        CHECK(s.linesFed >= 3);
    }
}

TEST_CASE("escpos a word longer than a line is split and only that word") {
    const std::string url = "https://pijar.semarangkota.go.id/tanda-terima/PS-2025-000123/cek-status";
    services::PrintedReceipt r;
    r.paragraphs = {"Cek status: " + url + " setiap hari"};
    const test::ParsedSlip s = parseOk(services::encodeReceipt(r, PaperWidth::Mm58));
    const auto texts = s.texts();
    REQUIRE(texts.size() == 4);
    CHECK(texts[0] == "Cek status:");
    CHECK(texts[1].size() == 32);
    CHECK(texts[2].size() == 32);
    CHECK(texts[1] + texts[2] + texts[3].substr(0, texts[3].find(' ')) == url);
    CHECK(texts[3].find("setiap") != std::string::npos);
}

TEST_CASE("escpos an empty receipt is a bare reset and cut") {
    const std::string bytes = services::encodeReceipt({}, PaperWidth::Mm80);
    CHECK(bytes == "\x1b@\x1bt\x00\x1b" "d\x04\x1dV\x01"s);
    const test::ParsedSlip s = parseOk(bytes);
    CHECK(s.lines.empty());
    CHECK(s.qrPayloads.empty());
    CHECK(s.cuts == 1);
    // Parts with nothing printable count as empty.
    services::PrintedReceipt blank;
    blank.title = " \t ";
    blank.paragraphs = {"", "\n", "\x1b\x07"};
    blank.rows = {{"", ""}};
    CHECK(services::encodeReceipt(blank, PaperWidth::Mm58) == "\x1b@\x1bt\x00\x1b" "d\x04\x1dV\x01"s);
}

TEST_CASE("escpos test slip has the kiosk id and a one-line ruler at both widths") {
    for (const PaperWidth w : {PaperWidth::Mm58, PaperWidth::Mm80}) {
        const std::size_t width = services::charsPerLine(w);
        const test::ParsedSlip s = parseOk(services::encodeTestSlip(w, "MPP-SMG-DEMO-01", "2025-06-02 09:30"));
        for (const auto& l : s.lines) CHECK(l.text.size() <= width);
        CHECK(findLine(s, "MPP-SMG-DEMO-01") != nullptr);
        CHECK(findLine(s, "2025-06-02 09:30") != nullptr);
        const auto* ruler = findLine(s, "12345678901");
        REQUIRE(ruler != nullptr);
        CHECK(ruler->text.size() == width);
        REQUIRE(s.qrPayloads.size() == 1);
        CHECK(s.qrPayloads[0] == "PIJAR-TEST MPP-SMG-DEMO-01");
        CHECK(s.cuts == 1);
    }
}

// ---- 3. hostile and foreign text --------------------------------------------------------------------

TEST_CASE("escpos control characters in any field come out as plain text") {
    services::PrintedReceipt r;
    r.title = "Judul\x1b" "E\x01";
    r.rows = {{"Nama\x1d", "A\x1b@B"}, {"Ref", "x\x1dV\x01y"}};
    r.paragraphs = {"cut here \x1dV\x00 and reset \x1b@ and bell \x07 end"s};
    r.paragraphs[0] += std::string("\x00\x1d(k\x03\x00\x31\x51\x30", 9);  // a whole QR print command
    r.footer = "C1 CSI \xc2\x9b" "2J end";
    const std::string bytes = services::encodeReceipt(r, PaperWidth::Mm80);
    const test::ParsedSlip s = parseOk(bytes);  // would fail on any command the encoder did not mean
    CHECK(s.cuts == 1);
    CHECK(s.qrPayloads.empty());
    // Ours only: ESC @, ESC t, the title's ESC a / ESC E on and off, the footer's ESC a twice, ESC d.
    CHECK(std::count(bytes.begin(), bytes.end(), '\x1b') == 9);
    CHECK(bytes.find("\x1b@", 1) == std::string::npos);
    CHECK(findLine(s, "JudulE") != nullptr);
    CHECK(findLine(s, "A@B") != nullptr);
    CHECK(findLine(s, "xVy") != nullptr);
    CHECK(findLine(s, "cut here V and reset @ and bell end") != nullptr);
    CHECK(findLine(s, "C1 CSI 2J end") != nullptr);
    for (const char c : bytes) CHECK(static_cast<unsigned char>(c) < 0x80);
}

TEST_CASE("escpos non-ASCII text gets an ASCII fallback and never raw UTF-8") {
    using services::asciiFallback;
    CHECK(asciiFallback("Sampéyan • Rp 50.000 – “siap” ‘ya’…") == "Sampeyan * Rp 50.000 - \"siap\" 'ya'...");
    CHECK(asciiFallback("Ñoño Straße Œuvre Łódź ĳs") == "Nono Strasse OEuvre Lodz ijs");
    CHECK(asciiFallback("e\xcc\x81") == "e");                  // e + combining acute
    CHECK(asciiFallback("a\xc2\xa0" "b\xe2\x80\x8b" "c") == "a bc");  // NBSP, zero-width space
    CHECK(asciiFallback("\xf0\x9f\x98\x80 \xe4\xb8\xad") == "? ?");   // emoji, CJK
    CHECK(asciiFallback("\xff|\xc3|\xc0\xaf|\xed\xa0\x80|\xe2\x82") == "?|?|??|???|??");  // invalid UTF-8
    CHECK(asciiFallback("tab\there\r\nnext") == "tab here  next");
    CHECK(asciiFallback("50°C ½ × 2 €5") == "50oC 1/2 x 2 EUR5");

    services::PrintedReceipt r;
    r.title = "Kéné — “Pijar”";
    r.rows = {{"Jeneng", "Sugeng Rawuh • Pak Bambang"}};
    r.paragraphs = {"Ngaturaken sugeng rawuh ing kantor sampéyan 😀 中文"};
    r.footer = "© Pemkot Semarang";
    const std::string bytes = services::encodeReceipt(r, PaperWidth::Mm58);
    for (const char c : bytes) REQUIRE(static_cast<unsigned char>(c) < 0x80);
    const test::ParsedSlip s = parseOk(bytes);
    CHECK(findLine(s, "Kene - \"Pijar\"") != nullptr);
    CHECK(findLine(s, "Sugeng Rawuh * Pak Bambang") != nullptr);
    CHECK(printedWhole(s, "Ngaturaken sugeng rawuh ing kantor sampeyan ? ??"));  // one ? per character
    CHECK(findLine(s, "(c) Pemkot Semarang") != nullptr);
}

// ---- 4. QR limits -----------------------------------------------------------------------------------

TEST_CASE("escpos QR payload up to the limit prints and a longer one is replaced by a line") {
    services::PrintedReceipt r;
    r.title = "QR";
    r.qrPayload = std::string(services::kMaxQrPayloadBytes, 'A');
    r.qrPayload.back() = 'Z';
    test::ParsedSlip s = parseOk(services::encodeReceipt(r, PaperWidth::Mm58));
    REQUIRE(s.qrPayloads.size() == 1);
    CHECK(s.qrPayloads[0] == r.qrPayload);  // two-byte store length (259 = 0x0103) read back

    r.qrPayload += "B";
    CHECK_FALSE(services::qrFits(r.qrPayload));
    s = parseOk(services::encodeReceipt(r, PaperWidth::Mm58));
    CHECK(s.qrPayloads.empty());
    const auto* unavailable = findLine(s, std::string(services::kQrUnavailableLine));
    REQUIRE(unavailable != nullptr);
    CHECK(unavailable->centred);
    CHECK(s.cuts == 1);

    // Control bytes or UTF-8 in a payload: not a QR either (the QR block is length-framed, but a
    // scanner reading it back must see exactly what the kiosk meant).
    CHECK_FALSE(services::qrFits("PJR1:\x1b@"));
    CHECK_FALSE(services::qrFits("Sampéyan"));
    CHECK_FALSE(services::qrFits(""));
    CHECK(services::qrFits(kQr));
    r.qrPayload = "PJR1:\x1b@:x";
    CHECK(parseOk(services::encodeReceipt(r, PaperWidth::Mm80)).qrPayloads.empty());
}

// ---- 5. parser --------------------------------------------------------------------------------------

TEST_CASE("escpos parser refuses unknown commands and raw bytes") {
    CHECK_FALSE(test::parseEscPos("\x1b@\x1b!\x00x\n"s).ok());                 // ESC ! (print mode) is not ours
    CHECK_FALSE(test::parseEscPos("\x1b@caf\xc3\xa9\n"s).ok());                // raw UTF-8
    CHECK_FALSE(test::parseEscPos("\x1b@\x1d(k\x05\x00\x31"s).ok());           // truncated
    CHECK_FALSE(test::parseEscPos("\x1b@\x1d(k\x03\x00\x31\x51\x30"s).ok());  // QR print, nothing stored
    CHECK_FALSE(test::parseEscPos("\x1b@text\x1dV\x01"s).ok());                // cut mid-line
    CHECK_FALSE(test::parseEscPos("\x1b@\x07\n"s).ok());                       // BEL
    CHECK_FALSE(test::parseEscPos("\x1b@no newline"s).ok());
    const auto ok = test::parseEscPos("\x1b@\x1bt\x00ok\n\x1dV\x01"s);
    REQUIRE(ok.ok());
    CHECK(ok->texts() == std::vector<std::string>{"ok"});
    CHECK(ok->cuts == 1);
}
