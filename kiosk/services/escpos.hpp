#pragma once
// ESC/POS bytes for a thermal receipt printer: a pure encoder (no I/O, no clock) from plain data
// to the byte stream a ReceiptPrinter (receipt_printer.hpp) sends. Tested by round trip through
// tests/support/escpos_parse.hpp, which refuses any command this file does not emit.
//
// Contract of the bytes:
// - ESC @ (reset), then ESC t 0: code page PC437, every printer's power-on default. Only
//   printable ASCII (0x20..0x7E) is ever emitted as text, identical in every code page, so the
//   slip reads the same whatever code page a previous job left selected or the printer supports.
//   Indonesian is plain Latin; Javanese Latin's e-acute/e-grave and any other letter with a
//   diacritic print as the bare letter; typographic punctuation gets an ASCII look-alike
//   ('\u2022' -> '*', dashes -> '-', curly quotes -> straight, ellipsis -> "...", NBSP -> ' ');
//   combining marks and zero-width/bidi marks are dropped; anything else, and invalid UTF-8,
//   prints as '?'. Raw UTF-8 bytes never reach the printer.
// - Control characters in any input text (C0, DEL, C1) are dropped, so no field can inject a
//   printer command; HT, LF, VT, FF and CR count as a space, so words never glue together.
// - Font A: 32 characters a line on 58 mm paper, 48 on 80 mm. Text is word-wrapped to that;
//   a word is split only when it alone is longer than a line. Every text line ends with LF.
// - Title centred (ESC a 1) and bold (ESC E 1); rows as "label ... value" on one line when they
//   fit, else the label then the value indented; paragraphs separated by a blank line; footer
//   centred; then ESC d 4 (past the cutter) and GS V 1 (partial cut).
// - QR: native GS ( k, model 2, error correction M, module 4 dots (58 mm) or 6 dots (80 mm),
//   centred. The payload must be printable ASCII of at most kMaxQrPayloadBytes (qrFits): at
//   that size the symbol (version 12, 65 modules + quiet zone) fits 58 mm paper. A payload
//   that does not fit is NOT sent as a QR code: the slip prints the centred line
//   "[QR code unavailable]" instead, so the receipt itself (reference in text) still prints.
//   Callers that need the code check qrFits() first.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::services {

enum class PaperWidth { Mm58, Mm80 };

// 32 for Mm58, 48 for Mm80 (font A, 12-dot characters on 384 / 576 printable dots).
std::size_t charsPerLine(PaperWidth width);

struct ReceiptRow {
    std::string label;  // UTF-8, e.g. "Nomor"
    std::string value;  // UTF-8, e.g. "PS-2025-000123"
};

// One slip, plain data in UTF-8. Empty parts are left out (an all-empty receipt is a bare cut).
struct PrintedReceipt {
    std::string title;
    std::vector<ReceiptRow> rows;
    std::vector<std::string> paragraphs;  // free text, word-wrapped
    std::string qrPayload;                // empty: no QR code
    std::string footer;
};

inline constexpr std::size_t kMaxQrPayloadBytes = 256;
inline constexpr std::string_view kQrUnavailableLine = "[QR code unavailable]";

// True when `payload` is printed as a QR code: 1..kMaxQrPayloadBytes bytes, all 0x20..0x7E.
bool qrFits(std::string_view payload);

// UTF-8 text as printable ASCII by the rules above (spaces are not collapsed here).
std::string asciiFallback(std::string_view utf8);

std::string encodeReceipt(const PrintedReceipt& receipt, PaperWidth width);

// A slip for staff setting a printer up: kiosk id, date and time, paper width, a ruler exactly
// one line wide (shows a wrong width setting at a glance), a line in Indonesian and English and
// a QR code ("PIJAR-TEST <kiosk id>") that a scanner can read back.
std::string encodeTestSlip(PaperWidth width, std::string_view kioskId, std::string_view dateTime);

}  // namespace kiosk::services
