#pragma once
// Keyboard-wedge scanners type their payload as keystrokes. This tells such a burst apart from a
// person typing, from the keys' timestamps alone (BRIEF §4: keys <= 100 ms apart, >= 4 characters,
// ending in Enter or Tab; control characters are rejected).
//
// Contract
// - Feed every text key in order: `ch` is the character typed, '\n' for Enter ('\r' is taken as
//   Enter too), '\t' for Tab. `atMs` is any monotonic millisecond clock; time is data here.
// - A burst is a run of keys each at most maxGapMs after the previous one (a key that seems to go
//   back in time counts as gap 0). Until a burst ends, its keys are HELD: nothing is typed yet.
// - A burst ends, and its keys are settled, in exactly one of these ways:
//   * Enter/Tab after >= minLength characters       -> feed returns the text (UTF-8, no terminator).
//   * Enter/Tab after fewer than minLength characters -> a person: the characters and the
//     Enter/Tab go to takeHumanKeys() in order ("3", Enter is someone typing and submitting).
//   * the next key comes more than maxGapMs later, or advanceTo() passes that point -> a person:
//     the held characters go to takeHumanKeys(). A scanner configured without a terminator therefore
//     types like a person (the payload then meets the keypad's own rules).
//   * REJECTED: a control character (C0 other than Enter/Tab, DEL, C1 U+0080-U+009F, or a value
//     that is not a Unicode scalar) or more than maxLength characters. The whole burst is dropped,
//     including keys that still arrive within the gap and its Enter/Tab: never returned, never
//     replayed as typing. lastBurstRejected() then says so (the app may show "code refused").
// - An Enter/Tab within maxGapMs after a burst that ended as a scan or was rejected is swallowed:
//   scanners often send CR LF or Tab Enter, and the second key must not submit the keypad.
// - Timings: a person typing slowly (150-400 ms) or fast (110-160 ms) makes bursts of one key, so
//   never a scan; a scanner (5-30 ms) always does. A person would need >= 4 keys and Enter each
//   <= 100 ms apart to be taken for a scanner; the resulting text is then classified like any scan.
// - Latency for a person: a key is held for at most maxGapMs. An event-driven loop wakes itself at
//   deadlineMs() and calls advanceTo(now), then drains takeHumanKeys().
// - A multi-line payload typed by a wedge ends at its first line (its Enter); each line arrives as
//   its own scan.
// - Held keys may be NIK digits: they are overwritten when dropped, and reset() wipes everything.
// Pure: standard library only, no clocks, no threads (use from the UI thread).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::core {

struct KeyStroke {
    std::int64_t atMs = 0;
    char32_t ch = 0;  // '\n' or '\t' for Enter/Tab
};

class WedgeDetector {
public:
    struct Settings {
        std::int64_t maxGapMs = 100;  // longest gap between keys of one burst
        std::size_t minLength = 4;    // characters before the terminator for a scan
        std::size_t maxLength = 512;  // characters; a longer burst is rejected
    };

    WedgeDetector();
    explicit WedgeDetector(Settings s);

    // Returns the scanned text when this key completes a scan; nullopt otherwise.
    std::optional<std::string> feed(const KeyStroke& k);
    // Settles a held burst whose next key is overdue at nowMs (no key arriving is also data).
    void advanceTo(std::int64_t nowMs);
    // When advanceTo would settle the held burst; nullopt when nothing is held.
    std::optional<std::int64_t> deadlineMs() const;
    // Keys that turned out to be a person typing, in order; the app replays them as ordinary typing.
    std::vector<KeyStroke> takeHumanKeys();
    // True from the moment a burst ends rejected until a later burst ends as a scan or as typing.
    bool lastBurstRejected() const { return m_lastBurstRejected; }
    // Forgets and wipes everything: held keys, undrained human keys, flags (end of a visit).
    void reset();

private:
    void settleByGap();
    void endBurst();

    Settings m_settings;
    std::vector<KeyStroke> m_burst;  // held keys of the current burst (empty while dropping)
    std::vector<KeyStroke> m_human;
    std::int64_t m_lastAtMs = 0;
    bool m_inBurst = false;
    bool m_dropping = false;           // the current burst is rejected; its keys are swallowed
    bool m_swallowTerminator = false;  // a scan or rejected burst just ended with Enter/Tab
    bool m_lastBurstRejected = false;
};

}  // namespace kiosk::core
