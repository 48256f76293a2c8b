#include "core/wedge_detector.hpp"

#include <utility>

namespace kiosk::core {
namespace {

bool isTerminator(char32_t c) { return c == U'\n' || c == U'\t' || c == U'\r'; }

bool isRefused(char32_t c) {
    return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF;
}

// Held keys may be NIK digits: volatile stores so the overwrite is not optimised away.
void wipe(std::vector<KeyStroke>& keys) {
    for (KeyStroke& k : keys) {
        volatile char32_t* ch = &k.ch;
        *ch = 0;
    }
    keys.clear();
}

void appendUtf8(std::string& out, char32_t c) {
    const auto byte = [&out](char32_t v) { out.push_back(static_cast<char>(static_cast<unsigned char>(v))); };
    if (c < 0x80) {
        byte(c);
    } else if (c < 0x800) {
        byte(0xC0 | (c >> 6));
        byte(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        byte(0xE0 | (c >> 12));
        byte(0x80 | ((c >> 6) & 0x3F));
        byte(0x80 | (c & 0x3F));
    } else {
        byte(0xF0 | (c >> 18));
        byte(0x80 | ((c >> 12) & 0x3F));
        byte(0x80 | ((c >> 6) & 0x3F));
        byte(0x80 | (c & 0x3F));
    }
}

}  // namespace

WedgeDetector::WedgeDetector() : WedgeDetector(Settings{}) {}
WedgeDetector::WedgeDetector(Settings s) : m_settings(s) {}

void WedgeDetector::endBurst() {
    wipe(m_burst);
    m_inBurst = false;
    m_dropping = false;
}

void WedgeDetector::settleByGap() {
    if (m_dropping) {
        m_lastBurstRejected = true;
    } else {
        m_human.insert(m_human.end(), m_burst.begin(), m_burst.end());
        m_lastBurstRejected = false;
    }
    endBurst();
}

std::optional<std::string> WedgeDetector::feed(const KeyStroke& k) {
    const std::int64_t gapMs = k.atMs > m_lastAtMs ? k.atMs - m_lastAtMs : 0;
    const bool withinGap = gapMs <= m_settings.maxGapMs;
    m_lastAtMs = k.atMs;
    if (!withinGap) {
        if (m_inBurst) settleByGap();
        m_swallowTerminator = false;
    }

    if (isTerminator(k.ch)) {
        if (m_swallowTerminator) return std::nullopt;  // CR LF, Tab Enter: the rest of a suffix
        if (m_dropping) {
            m_lastBurstRejected = true;
            m_swallowTerminator = true;
            endBurst();
            return std::nullopt;
        }
        if (m_burst.size() >= m_settings.minLength) {
            std::string text;
            for (const KeyStroke& held : m_burst) appendUtf8(text, held.ch);
            m_lastBurstRejected = false;
            m_swallowTerminator = true;
            endBurst();
            return text;
        }
        m_human.insert(m_human.end(), m_burst.begin(), m_burst.end());
        m_human.push_back(k);
        m_lastBurstRejected = false;
        endBurst();
        return std::nullopt;
    }

    m_swallowTerminator = false;
    m_inBurst = true;
    if (m_dropping) return std::nullopt;
    if (isRefused(k.ch)) {
        wipe(m_burst);
        m_dropping = true;
        return std::nullopt;
    }
    m_burst.push_back(k);
    if (m_burst.size() > m_settings.maxLength) {
        wipe(m_burst);
        m_dropping = true;
    }
    return std::nullopt;
}

void WedgeDetector::advanceTo(std::int64_t nowMs) {
    if (nowMs - m_lastAtMs <= m_settings.maxGapMs) return;
    if (m_inBurst) settleByGap();
    m_swallowTerminator = false;
}

std::optional<std::int64_t> WedgeDetector::deadlineMs() const {
    if (!m_inBurst) return std::nullopt;
    return m_lastAtMs + m_settings.maxGapMs + 1;
}

std::vector<KeyStroke> WedgeDetector::takeHumanKeys() { return std::exchange(m_human, {}); }

void WedgeDetector::reset() {
    endBurst();
    wipe(m_human);
    m_lastAtMs = 0;
    m_swallowTerminator = false;
    m_lastBurstRejected = false;
}

}  // namespace kiosk::core
