// Tests for kiosk/core/wedge_detector: scanner bursts against people typing, from synthetic timings.
// Synthetic NIKs only. Test names avoid ';' and ',' because CTest splits on them.
#include "core/wedge_detector.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace kiosk::core;

constexpr std::string_view kNik = "3374015203850002";  // synthetic
const std::vector<std::int64_t> kSlowPerson{150, 400, 220, 310, 180, 260};
const std::vector<std::int64_t> kFastTypist{110, 160, 125, 140, 115, 150, 130};
const std::vector<std::int64_t> kScanner{5, 30, 12, 8, 20, 6};

// Keys for `text` (UTF-32) starting at startMs, gaps cycling through `gaps`.
std::vector<KeyStroke> keys(std::u32string_view text, std::int64_t startMs, const std::vector<std::int64_t>& gaps) {
    std::vector<KeyStroke> out;
    std::int64_t at = startMs;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (i > 0) at += gaps[(i - 1) % gaps.size()];
        out.push_back({at, text[i]});
    }
    return out;
}
std::u32string ascii(std::string_view s) { return {s.begin(), s.end()}; }

struct Played {
    std::vector<std::string> scans;
    std::u32string human;
};

Played play(WedgeDetector& d, const std::vector<KeyStroke>& ks) {
    Played p;
    for (const KeyStroke& k : ks) {
        if (auto scan = d.feed(k)) p.scans.push_back(*scan);
        for (const KeyStroke& h : d.takeHumanKeys()) p.human.push_back(h.ch);
    }
    return p;
}
std::u32string drain(WedgeDetector& d) {
    std::u32string out;
    for (const KeyStroke& h : d.takeHumanKeys()) out.push_back(h.ch);
    return out;
}

}  // namespace

TEST_SUITE("core wedge detector") {

TEST_CASE("a person typing slowly never makes a scan and every key is replayed in order") {
    WedgeDetector d;
    const auto typed = ascii(std::string(kNik) + "\n");
    const Played p = play(d, keys(typed, 1000, kSlowPerson));
    CHECK(p.scans.empty());
    CHECK(p.human == typed);  // the Enter after a gap is a lone key: a person pressing Enter
    CHECK_FALSE(d.lastBurstRejected());
}

TEST_CASE("a fast typist never makes a scan") {
    WedgeDetector d;
    const auto typed = ascii(std::string(kNik) + "\n");
    const Played p = play(d, keys(typed, 1000, kFastTypist));
    CHECK(p.scans.empty());
    CHECK(p.human == typed);
    const auto tabbed = ascii("3374\t");
    const Played q = play(d, keys(tabbed, 10'000, kFastTypist));
    CHECK(q.scans.empty());
    CHECK(q.human == tabbed);
}

TEST_CASE("a person's key is held only until the gap has passed") {
    WedgeDetector d;
    CHECK_FALSE(d.deadlineMs());
    CHECK_FALSE(d.feed({1000, U'3'}));
    CHECK(drain(d).empty());  // could still be the first key of a scan
    REQUIRE(d.deadlineMs());
    CHECK(*d.deadlineMs() == 1101);
    d.advanceTo(1100);
    CHECK(drain(d).empty());
    d.advanceTo(1101);
    CHECK(drain(d) == U"3");
    CHECK_FALSE(d.deadlineMs());
    CHECK_FALSE(d.feed({1300, U'3'}));
    CHECK_FALSE(d.feed({1600, U'7'}));  // the next key settles the previous one too
    CHECK(drain(d) == U"3");
}

TEST_CASE("a scanner burst ending with Enter or Tab is a scan") {
    WedgeDetector d;
    Played p = play(d, keys(ascii(std::string(kNik) + "\n"), 1000, kScanner));
    REQUIRE(p.scans.size() == 1);
    CHECK(p.scans[0] == kNik);
    CHECK(p.human.empty());

    p = play(d, keys(ascii("NIK: 3374 0152 0385 0002\t"), 5000, kScanner));
    REQUIRE(p.scans.size() == 1);
    CHECK(p.scans[0] == "NIK: 3374 0152 0385 0002");
    CHECK(p.human.empty());
    CHECK_FALSE(d.lastBurstRejected());
}

TEST_CASE("a scanner sending CR as Enter is a scan") {
    WedgeDetector d;
    const Played p = play(d, keys(ascii("PJR1:ABCD:0123456789abcdef\r"), 1000, kScanner));
    REQUIRE(p.scans.size() == 1);
    CHECK(p.scans[0] == "PJR1:ABCD:0123456789abcdef");
}

TEST_CASE("a gap of exactly maxGap still belongs to the burst") {
    WedgeDetector d;
    const Played p = play(d, keys(ascii("3374\n"), 0, {100}));
    REQUIRE(p.scans.size() == 1);
    CHECK(p.scans[0] == "3374");
    const Played q = play(d, keys(ascii("3374\n"), 10'000, {101}));
    CHECK(q.scans.empty());
    CHECK(q.human == U"3374\n");
}

TEST_CASE("Enter after fewer than minLength fast keys is a person") {
    WedgeDetector d;
    const Played p = play(d, keys(ascii("337\n"), 1000, kScanner));
    CHECK(p.scans.empty());
    CHECK(p.human == U"337\n");
    const Played q = play(d, keys(ascii("\n"), 5000, kScanner));  // a lone Enter
    CHECK(q.scans.empty());
    CHECK(q.human == U"\n");
}

TEST_CASE("a scanner burst with control characters is rejected and never typed") {
    WedgeDetector d;
    for (const char32_t bad : {U'\x1b', U'\x07', U'\x00', U'\x7f', U'\x9b', U'\b', char32_t{0xD800}, char32_t{0x110000}}) {
        INFO(static_cast<std::uint32_t>(bad));
        std::u32string text = ascii("3374015");
        text.push_back(bad);
        text += ascii("203850002\n");
        const Played p = play(d, keys(text, 1000, kScanner));
        CHECK(p.scans.empty());
        CHECK(p.human.empty());
        CHECK(d.lastBurstRejected());
        d.advanceTo(10'000);
        CHECK(drain(d).empty());
        d.reset();
    }
}

TEST_CASE("a rejected burst without a terminator is dropped when the gap passes") {
    WedgeDetector d;
    Played p = play(d, keys(ascii("\x1b[2J3374"), 1000, kScanner));
    CHECK(p.scans.empty());
    CHECK(p.human.empty());
    CHECK_FALSE(d.lastBurstRejected());  // not over yet
    d.advanceTo(2000);
    CHECK(d.lastBurstRejected());
    CHECK(drain(d).empty());
    // The next settled burst clears the flag: a person typing afterwards is a person.
    p = play(d, keys(ascii("12\n"), 3000, kSlowPerson));
    CHECK(p.human == U"12\n");
    CHECK_FALSE(d.lastBurstRejected());
}

TEST_CASE("a scanner without a terminator times out into human keys") {
    WedgeDetector d;
    const auto text = ascii(kNik);
    Played p = play(d, keys(text, 1000, kScanner));
    CHECK(p.scans.empty());
    CHECK(p.human.empty());  // held: the Enter could still come
    // A later key more than maxGap after the last one settles the burst as typing.
    const std::int64_t last = keys(text, 1000, kScanner).back().atMs;
    p = play(d, {{last + 101, U'5'}});
    CHECK(p.scans.empty());
    CHECK(p.human == text);
    d.advanceTo(last + 1000);
    CHECK(drain(d) == U"5");
    CHECK_FALSE(d.lastBurstRejected());
}

TEST_CASE("a too long burst is rejected and never typed") {
    WedgeDetector d;
    std::u32string text(513, U'7');
    text.push_back(U'\n');
    Played p = play(d, keys(text, 1000, kScanner));
    CHECK(p.scans.empty());
    CHECK(p.human.empty());
    CHECK(d.lastBurstRejected());

    std::u32string longest(512, U'7');  // exactly maxLength is a scan
    longest.push_back(U'\n');
    p = play(d, keys(longest, 100'000, kScanner));
    REQUIRE(p.scans.size() == 1);
    CHECK(p.scans[0] == std::string(512, '7'));
    CHECK_FALSE(d.lastBurstRejected());
}

TEST_CASE("a too long burst without a terminator is not typed either") {
    WedgeDetector d({100, 4, 20});
    Played p = play(d, keys(std::u32string(30, U'1'), 1000, kScanner));
    d.advanceTo(10'000);
    CHECK(p.human.empty());
    CHECK(drain(d).empty());
    CHECK(d.lastBurstRejected());
}

TEST_CASE("a second terminator right after a scan is swallowed") {
    WedgeDetector d;
    const Played p = play(d, keys(ascii(std::string(kNik) + "\r\n\t"), 1000, kScanner));
    REQUIRE(p.scans.size() == 1);
    CHECK(p.human.empty());  // CR LF Tab: the LF and Tab must not submit the keypad
    const std::int64_t last = keys(ascii(std::string(kNik) + "\r\n\t"), 1000, kScanner).back().atMs;
    const Played q = play(d, {{last + 500, U'\n'}});  // a person's Enter later is theirs
    CHECK(q.human == U"\n");
}

TEST_CASE("a person typing then a scan then a person again") {
    WedgeDetector d;
    Played p = play(d, keys(ascii("33"), 1000, kSlowPerson));
    CHECK(p.human == U"3");
    d.advanceTo(2000);
    CHECK(drain(d) == U"3");
    p = play(d, keys(ascii(std::string(kNik) + "\n"), 3000, kScanner));
    REQUIRE(p.scans.size() == 1);
    CHECK(p.scans[0] == kNik);
    p = play(d, keys(ascii("74\n"), 5000, kFastTypist));
    CHECK(p.scans.empty());
    CHECK(p.human == U"74\n");
}

TEST_CASE("a multi-line payload from a wedge arrives line by line") {
    WedgeDetector d;
    const Played p = play(d, keys(ascii("Nama: X\nNIK: 3374 0152 0385 0002\n"), 1000, kScanner));
    REQUIRE(p.scans.size() == 2);
    CHECK(p.scans[0] == "Nama: X");
    CHECK(p.scans[1] == "NIK: 3374 0152 0385 0002");
    CHECK(p.human.empty());
}

TEST_CASE("scanned text comes out as UTF-8") {
    WedgeDetector d;
    const Played p = play(d, keys(U"Café–日本😀\n", 1000, kScanner));
    REQUIRE(p.scans.size() == 1);
    CHECK(p.scans[0] == "Caf\xc3\xa9\xe2\x80\x93\xe6\x97\xa5\xe6\x9c\xac\xf0\x9f\x98\x80");
}

TEST_CASE("a key that seems to go back in time counts as no gap") {
    WedgeDetector d;
    const Played p = play(d, {{1000, U'3'}, {1010, U'3'}, {990, U'7'}, {1000, U'4'}, {1005, U'\n'}});
    REQUIRE(p.scans.size() == 1);
    CHECK(p.scans[0] == "3374");
}

TEST_CASE("settings change the thresholds") {
    WedgeDetector d({30, 6, 512});
    Played p = play(d, keys(ascii("33740\n"), 1000, {20}));  // 5 < minLength 6
    CHECK(p.scans.empty());
    CHECK(p.human == U"33740\n");
    p = play(d, keys(ascii("337401\n"), 5000, {40}));  // gaps above maxGap 30
    CHECK(p.scans.empty());
    p = play(d, keys(ascii("337401\n"), 9000, {30}));
    REQUIRE(p.scans.size() == 1);
    CHECK(p.scans[0] == "337401");
}

TEST_CASE("reset forgets held keys and undrained human keys") {
    WedgeDetector d;
    play(d, keys(ascii("12"), 1000, kSlowPerson));
    d.feed({2000, U'3'});
    d.feed({2010, U'\x1b'});
    d.reset();
    CHECK(drain(d).empty());
    CHECK_FALSE(d.deadlineMs());
    CHECK_FALSE(d.lastBurstRejected());
    d.advanceTo(10'000);
    CHECK(drain(d).empty());
    const Played p = play(d, keys(ascii("3374\n"), 20'000, kScanner));
    REQUIRE(p.scans.size() == 1);
    CHECK(p.scans[0] == "3374");
}

}  // TEST_SUITE
