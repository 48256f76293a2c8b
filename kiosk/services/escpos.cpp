#include "services/escpos.hpp"

// Sections: 1. UTF-8 to ASCII  2. word wrap  3. commands  4. receipt layout

#include <algorithm>
#include <array>

namespace kiosk::services {
namespace {

// ---- 1. UTF-8 to ASCII ------------------------------------------------------------------------------

constexpr char32_t kInvalid = 0xFFFFFFFF;

// Decodes one code point at s[i] and advances i; malformed input (overlong, surrogate, out of
// range, truncated) gives kInvalid and advances one byte.
char32_t decodeNext(std::string_view s, std::size_t& i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char b0 = byte(i);
    if (b0 < 0x80) {
        ++i;
        return b0;
    }
    std::size_t len = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if ((b0 & 0xE0) == 0xC0) {
        len = 2;
        cp = b0 & 0x1Fu;
        min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
        len = 3;
        cp = b0 & 0x0Fu;
        min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
        len = 4;
        cp = b0 & 0x07u;
        min = 0x10000;
    } else {
        ++i;
        return kInvalid;
    }
    if (i + len > s.size()) {
        ++i;
        return kInvalid;
    }
    for (std::size_t k = 1; k < len; ++k) {
        const unsigned char b = byte(i + k);
        if ((b & 0xC0) != 0x80) {
            ++i;
            return kInvalid;
        }
        cp = (cp << 6) | (b & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        ++i;
        return kInvalid;
    }
    i += len;
    return cp;
}

// U+0100..U+017F (Latin Extended-A) as their base letters; '#' marks the ligatures handled apart.
constexpr std::string_view kLatinExtA =
    "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIi##JjKkkLlLlLlLlLlNnNnNnnNnOoOoOo##RrRrRrSsSsSsSsTtTtTt"
    "UuUuUuUuUuUuWwYyYZzZzZzs";
static_assert(kLatinExtA.size() == 0x80);

// U+00C0..U+00FF as base letters; '#' marks the ones handled apart.
constexpr std::string_view kLatin1Letters = "AAAAAA#CEEEEIIIIDNOOOOOxOUUUUY##aaaaaa#ceeeeiiiidnooooo/ouuuuy#y";
static_assert(kLatin1Letters.size() == 0x40);

// What one code point prints as: "" drops it, " " is a word break.
std::string_view asciiFor(char32_t cp) {
    if (cp >= 0x20 && cp <= 0x7E) return {};  // handled by the caller
    if (cp == '\t' || cp == '\n' || cp == '\v' || cp == '\f' || cp == '\r') return " ";
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) return "";  // C0, DEL, C1: never sent
    if (cp >= 0xC0 && cp <= 0xFF) {
        switch (cp) {
            case 0xC6: return "AE";
            case 0xDE: return "TH";
            case 0xDF: return "ss";
            case 0xE6: return "ae";
            case 0xFE: return "th";
            default: return kLatin1Letters.substr(cp - 0xC0, 1);
        }
    }
    if (cp >= 0x100 && cp <= 0x17F) {
        switch (cp) {
            case 0x132: return "IJ";
            case 0x133: return "ij";
            case 0x152: return "OE";
            case 0x153: return "oe";
            default: return kLatinExtA.substr(cp - 0x100, 1);
        }
    }
    if (cp >= 0x300 && cp <= 0x36F) return "";  // combining marks: "e" + U+0301 prints "e"
    switch (cp) {
        case 0xA0: return " ";
        case 0xA1: return "!";
        case 0xA2: return "c";
        case 0xA3: return "GBP";
        case 0xA5: return "JPY";
        case 0xA9: return "(c)";
        case 0xAB: return "<<";
        case 0xAD: return "";  // soft hyphen
        case 0xAE: return "(R)";
        case 0xB0: return "o";
        case 0xB1: return "+/-";
        case 0xB2: return "2";
        case 0xB3: return "3";
        case 0xB7: return ".";
        case 0xB9: return "1";
        case 0xBB: return ">>";
        case 0xBC: return "1/4";
        case 0xBD: return "1/2";
        case 0xBE: return "3/4";
        case 0xBF: return "?";
        case 0x18F: return "E";  // schwa, in some Javanese spellings
        case 0x259: return "e";
        case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: return "'";
        case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: return "\"";
        case 0x2020: return "+";
        case 0x2022: case 0x2023: case 0x2043: case 0x2219: case 0x25AA: case 0x25CF: return "*";
        case 0x2026: return "...";
        case 0x2039: return "<";
        case 0x203A: return ">";
        case 0x2044: return "/";
        case 0x20AC: return "EUR";
        case 0x2116: return "No";
        case 0x2122: return "TM";
        case 0x2190: return "<-";
        case 0x2192: return "->";
        case 0x2212: return "-";
        case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000: return " ";
        case 0xFEFF: return "";
        default: break;
    }
    if (cp >= 0x2000 && cp <= 0x200A) return " ";   // en/em/thin spaces
    if (cp >= 0x200B && cp <= 0x200F) return "";    // zero width, LRM, RLM
    if (cp >= 0x2010 && cp <= 0x2015) return "-";   // hyphens and dashes
    if (cp >= 0x202A && cp <= 0x202E) return "";    // bidi embedding
    if (cp >= 0x2060 && cp <= 0x2064) return "";    // word joiner, invisible operators
    return "?";
}

// ---- 2. word wrap -----------------------------------------------------------------------------------

// Greedy wrap of printable ASCII at `width` columns; runs of spaces collapse. A word longer than
// a line is split into line-sized pieces.
std::vector<std::string> wrap(std::string_view ascii, std::size_t width) {
    std::vector<std::string> lines;
    std::string line;
    std::size_t pos = 0;
    while (pos < ascii.size()) {
        if (ascii[pos] == ' ') {
            ++pos;
            continue;
        }
        const std::size_t end = std::min(ascii.find(' ', pos), ascii.size());
        std::string_view word = ascii.substr(pos, end - pos);
        pos = end;
        if (!line.empty() && line.size() + 1 + word.size() <= width) {
            line += ' ';
            line += word;
            continue;
        }
        if (!line.empty()) lines.push_back(std::move(line));
        line.clear();
        while (word.size() > width) {
            lines.emplace_back(word.substr(0, width));
            word.remove_prefix(width);
        }
        line = std::string(word);
    }
    if (!line.empty()) lines.push_back(std::move(line));
    return lines;
}

// ---- 3. commands ------------------------------------------------------------------------------------

constexpr char kEsc = '\x1b';
constexpr char kGs = '\x1d';
constexpr char kLf = '\n';

void put(std::string& out, std::initializer_list<int> bytes) {
    for (const int b : bytes) out.push_back(static_cast<char>(b));
}

void align(std::string& out, bool centred) { put(out, {kEsc, 'a', centred ? 1 : 0}); }
void bold(std::string& out, bool on) { put(out, {kEsc, 'E', on ? 1 : 0}); }

void textLine(std::string& out, std::string_view line) {
    out += line;
    out += kLf;
}

// GS ( k with cn = 49 (QR): pL pH count cn, fn and the parameters.
void qrFunction(std::string& out, int fn, std::string_view params) {
    const std::size_t n = params.size() + 2;
    put(out, {kGs, '(', 'k', static_cast<int>(n & 0xFF), static_cast<int>(n >> 8), 49, fn});
    out += params;
}

void qrCode(std::string& out, std::string_view payload, PaperWidth width) {
    const char model2[] = {'2', '\0'};  // fn 65: n1 = 50 (model 2), n2 = 0
    qrFunction(out, 65, std::string_view(model2, 2));
    qrFunction(out, 67, std::string(1, width == PaperWidth::Mm58 ? '\x04' : '\x06'));  // module dots
    qrFunction(out, 69, "1");                                                          // 49: level M
    qrFunction(out, 80, "0" + std::string(payload));                                   // store, m = 48
    qrFunction(out, 81, "0");                                                          // print, m = 48
}

// ---- 4. receipt layout ------------------------------------------------------------------------------

void rowLines(std::string& out, const ReceiptRow& row, std::size_t width) {
    const std::vector<std::string> label = wrap(asciiFallback(row.label), width);
    const std::string valueText = asciiFallback(row.value);
    const std::vector<std::string> oneLine = wrap(valueText, width);
    if (label.size() == 1 && oneLine.size() == 1 && label[0].size() + 1 + oneLine[0].size() <= width) {
        textLine(out, label[0] + std::string(width - label[0].size() - oneLine[0].size(), ' ') + oneLine[0]);
        return;
    }
    for (const auto& l : label) textLine(out, l);
    const std::size_t indent = label.empty() ? 0 : 2;
    for (const auto& l : wrap(valueText, width - indent)) textLine(out, std::string(indent, ' ') + l);
}

}  // namespace

std::size_t charsPerLine(PaperWidth width) { return width == PaperWidth::Mm58 ? 32 : 48; }

bool qrFits(std::string_view payload) {
    return !payload.empty() && payload.size() <= kMaxQrPayloadBytes &&
           std::all_of(payload.begin(), payload.end(), [](char c) { return c >= 0x20 && c <= 0x7E; });
}

std::string asciiFallback(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    std::size_t i = 0;
    while (i < utf8.size()) {
        const char32_t cp = decodeNext(utf8, i);
        if (cp == kInvalid) out += '?';
        else if (cp >= 0x20 && cp <= 0x7E) out += static_cast<char>(cp);
        else out += asciiFor(cp);
    }
    return out;
}

std::string encodeReceipt(const PrintedReceipt& r, PaperWidth width) {
    const std::size_t w = charsPerLine(width);
    std::string out;
    put(out, {kEsc, '@'});     // reset: font A, left, bold off
    put(out, {kEsc, 't', 0});  // PC437 (see the header: only ASCII follows)

    bool gap = false;  // a blank line before the next section
    const auto section = [&] {
        if (gap) out += kLf;
        gap = true;
    };

    if (const auto title = wrap(asciiFallback(r.title), w); !title.empty()) {
        align(out, true);
        bold(out, true);
        for (const auto& l : title) textLine(out, l);
        bold(out, false);
        align(out, false);
        textLine(out, std::string(w, '-'));
    }
    std::string rows;
    for (const auto& row : r.rows) rowLines(rows, row, w);
    if (!rows.empty()) {
        section();
        out += rows;
    }
    for (const auto& p : r.paragraphs) {
        const auto lines = wrap(asciiFallback(p), w);
        if (lines.empty()) continue;
        section();
        for (const auto& l : lines) textLine(out, l);
    }
    if (!r.qrPayload.empty()) {
        section();
        align(out, true);
        if (qrFits(r.qrPayload)) {
            qrCode(out, r.qrPayload, width);
            out += kLf;
        } else {
            textLine(out, kQrUnavailableLine);
        }
        align(out, false);
    }
    if (const auto footer = wrap(asciiFallback(r.footer), w); !footer.empty()) {
        if (gap) textLine(out, std::string(w, '-'));
        align(out, true);
        for (const auto& l : footer) textLine(out, l);
        align(out, false);
    }
    put(out, {kEsc, 'd', 4});  // the last line past the cutter
    put(out, {kGs, 'V', 1});   // partial cut
    return out;
}

std::string encodeTestSlip(PaperWidth width, std::string_view kioskId, std::string_view dateTime) {
    const std::size_t w = charsPerLine(width);
    std::string ruler;
    for (std::size_t i = 1; i <= w; ++i) ruler += static_cast<char>('0' + i % 10);
    PrintedReceipt r;
    r.title = "Tes printer / Printer test";
    r.rows = {{"Kiosk", std::string(kioskId)},
              {"Waktu / Time", std::string(dateTime)},
              {"Kertas / Paper", width == PaperWidth::Mm58 ? "58 mm, 32 char" : "80 mm, 48 char"}};
    r.paragraphs = {ruler,
                    "Jika baris angka di atas tepat satu baris dan kode QR terbaca, printer siap dipakai.",
                    "If the row of digits above fills exactly one line and the QR code scans, the printer is ready."};
    r.qrPayload = "PIJAR-TEST " + asciiFallback(kioskId);
    r.footer = "Mall Pelayanan Publik Kota Semarang";
    return encodeReceipt(r, width);
}

}  // namespace kiosk::services
