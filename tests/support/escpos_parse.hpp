#pragma once
// Test-only reader of the ESC/POS bytes services/escpos.cpp writes: walks the stream as a
// printer would and returns the printed text lines (with their bold and centring), feeds, cuts
// and QR payloads. It knows exactly the commands the encoder emits (ESC @, ESC t, ESC a, ESC E,
// ESC d, GS ( k for QR functions 65/67/69/80/81, GS V) plus LF, and returns an error naming the
// offset for anything else: an unknown command, a byte outside printable ASCII in text, a
// truncated command, text not ended by LF before a cut or QR, a QR printed with nothing stored.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace kiosk::test {

struct PrintedLine {
    std::string text;
    bool bold = false;
    bool centred = false;
};

struct ParsedSlip {
    std::vector<PrintedLine> lines;          // one per LF (a bare LF is an empty line)
    std::vector<std::string> qrPayloads;     // in print order
    int qrModel = 0;                         // 50 = model 2
    int qrModuleDots = 0;
    int qrErrorLevel = 0;                    // 48 L, 49 M, 50 Q, 51 H
    int codePage = -1;                       // ESC t n
    bool startsWithInit = false;             // ESC @ first
    int linesFed = 0;                        // ESC d n, summed
    int cuts = 0;
    bool partialCut = false;                 // the last cut was partial
    bool endsWithCut = false;                // nothing after the last cut

    std::vector<std::string> texts() const {
        std::vector<std::string> out;
        for (const auto& l : lines) out.push_back(l.text);
        return out;
    }
};

inline std::string hexByte(unsigned char c) {
    static constexpr char kDigits[] = "0123456789ABCDEF";
    return std::string("0x") + kDigits[c >> 4] + kDigits[c & 0xF];
}

inline core::Result<ParsedSlip, std::string> parseEscPos(std::string_view b) {
    ParsedSlip s;
    std::string pending;  // text not yet ended by LF
    std::string qrStored;
    bool qrHasData = false;
    bool bold = false, centred = false;
    std::size_t i = 0;
    const auto fail = [&](const std::string& why) {
        return core::unexpected("offset " + std::to_string(i) + ": " + why);
    };
    const auto at = [&](std::size_t k) { return static_cast<unsigned char>(b[k]); };
    const auto need = [&](std::size_t n) { return i + n <= b.size(); };
    s.startsWithInit = b.size() >= 2 && b[0] == '\x1b' && b[1] == '@';
    while (i < b.size()) {
        const unsigned char c = at(i);
        if (c >= 0x20 && c <= 0x7E) {
            pending.push_back(static_cast<char>(c));
            ++i;
            continue;
        }
        if (c == '\n') {
            s.lines.push_back({pending, bold, centred});
            pending.clear();
            ++i;
            continue;
        }
        if (c == 0x1B) {
            if (!need(2)) return fail("truncated ESC");
            const unsigned char cmd = at(i + 1);
            if (cmd == '@') {
                bold = centred = false;
                i += 2;
                continue;
            }
            if (!need(3)) return fail("truncated ESC " + std::string(1, static_cast<char>(cmd)));
            const unsigned char n = at(i + 2);
            switch (cmd) {
                case 't': s.codePage = n; break;
                case 'a':
                    if (n > 2 && (n < 48 || n > 50)) return fail("ESC a with bad n");
                    if (!pending.empty()) return fail("ESC a in the middle of a line");
                    centred = (n == 1 || n == 49);
                    break;
                case 'E': bold = (n & 1) != 0; break;
                case 'd':
                    if (!pending.empty()) return fail("ESC d in the middle of a line");
                    s.linesFed += n;
                    break;
                default: return fail("unknown command ESC " + hexByte(cmd));
            }
            i += 3;
            continue;
        }
        if (c == 0x1D) {
            if (!need(2)) return fail("truncated GS");
            const unsigned char cmd = at(i + 1);
            if (cmd == 'V') {
                if (!need(3)) return fail("truncated GS V");
                const unsigned char m = at(i + 2);
                if (!pending.empty()) return fail("cut in the middle of a line");
                std::size_t len = 3;
                if (m == 0 || m == 48) s.partialCut = false;
                else if (m == 1 || m == 49) s.partialCut = true;
                else if (m == 65 || m == 66) {
                    if (!need(4)) return fail("truncated GS V m n");
                    s.partialCut = m == 66;
                    len = 4;
                } else return fail("GS V with bad m");
                ++s.cuts;
                i += len;
                s.endsWithCut = i == b.size();
                continue;
            }
            if (cmd == '(') {
                if (!need(7)) return fail("truncated GS (");
                if (at(i + 2) != 'k') return fail("unknown command GS ( " + hexByte(at(i + 2)));
                const std::size_t len = at(i + 3) + 256u * at(i + 4);
                if (len < 2 || !need(5 + len)) return fail("GS ( k length runs past the end");
                if (at(i + 5) != 49) return fail("GS ( k for a symbol other than QR");
                const unsigned char fn = at(i + 6);
                const std::string_view p = b.substr(i + 7, len - 2);
                switch (fn) {
                    case 65:
                        if (p.size() != 2 || (p[0] != '1' && p[0] != '2' && p[0] != '3') || p[1] != 0)
                            return fail("QR model with bad parameters");
                        s.qrModel = static_cast<unsigned char>(p[0]);
                        break;
                    case 67:
                        if (p.size() != 1 || p[0] < 1 || p[0] > 16) return fail("QR module size with bad parameters");
                        s.qrModuleDots = p[0];
                        break;
                    case 69:
                        if (p.size() != 1 || p[0] < 48 || p[0] > 51) return fail("QR error level with bad parameters");
                        s.qrErrorLevel = p[0];
                        break;
                    case 80:
                        if (p.empty() || p[0] != '0') return fail("QR store with bad m");
                        qrStored = std::string(p.substr(1));
                        qrHasData = true;
                        break;
                    case 81:
                        if (p.size() != 1 || p[0] != '0') return fail("QR print with bad m");
                        if (!pending.empty()) return fail("QR printed in the middle of a line");
                        if (!qrHasData) return fail("QR printed with nothing stored");
                        s.qrPayloads.push_back(qrStored);
                        break;
                    default: return fail("unknown QR function " + std::to_string(fn));
                }
                i += 5 + len;
                continue;
            }
            return fail("unknown command GS " + hexByte(cmd));
        }
        return fail("byte " + hexByte(c) + " is neither printable ASCII nor a known command");
    }
    if (!pending.empty()) return core::unexpected(std::string("text at the end not ended by LF: ") + pending);
    return s;
}

}  // namespace kiosk::test
