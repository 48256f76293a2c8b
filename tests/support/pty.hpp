#pragma once
// A pseudo-terminal pair for tests of serial devices: the device code opens `slave` like a USB CDC
// tty (a scanner, a printer); the test plays the other end on `master`.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <string>

namespace kiosk::test {

struct Pty {
    int master = -1;
    std::string slave;
    Pty() {
        master = posix_openpt(O_RDWR | O_NOCTTY);
        REQUIRE(master >= 0);
        REQUIRE(grantpt(master) == 0);
        REQUIRE(unlockpt(master) == 0);
        const char* name = ptsname(master);
        REQUIRE(name != nullptr);
        slave = name;
    }
    ~Pty() { closeMaster(); }
    Pty(const Pty&) = delete;
    Pty& operator=(const Pty&) = delete;

    // The device at the other end went away (unplugged).
    void closeMaster() {
        if (master >= 0) ::close(master);
        master = -1;
    }
    void write(const std::string& s) const {
        std::size_t done = 0;
        while (done < s.size()) {
            const ssize_t n = ::write(master, s.data() + done, s.size() - done);
            REQUIRE(n > 0);
            done += static_cast<std::size_t>(n);
        }
    }
    // Reads until `n` bytes arrived or 5 s passed.
    std::string readExactly(std::size_t n) const {
        std::string out;
        const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        char buf[4096];
        while (out.size() < n && std::chrono::steady_clock::now() < until) {
            pollfd p{master, POLLIN, 0};
            if (::poll(&p, 1, 50) <= 0) continue;
            const ssize_t got = ::read(master, buf, std::min(sizeof buf, n - out.size()));
            if (got <= 0) break;
            out.append(buf, static_cast<std::size_t>(got));
        }
        return out;
    }
    // A one-byte answer (a printer's status byte).
    void reply(unsigned char status) const { REQUIRE(::write(master, &status, 1) == 1); }
};

}  // namespace kiosk::test
