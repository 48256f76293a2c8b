#include "services/serial_scanner.hpp"
#include "services/unique_fd.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sodium.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <utility>

namespace kiosk::services {
namespace {

std::optional<speed_t> baudConstant(int baud) {
    switch (baud) {
        case 1200: return B1200;
        case 2400: return B2400;
        case 4800: return B4800;
        case 9600: return B9600;
        case 19200: return B19200;
        case 38400: return B38400;
        case 57600: return B57600;
        case 115200: return B115200;
        case 230400: return B230400;
        case 460800: return B460800;
        case 921600: return B921600;
        default: return std::nullopt;
    }
}

}  // namespace

core::Result<std::unique_ptr<SerialScanner>, std::string> SerialScanner::open(SerialScannerSettings settings,
                                                                               core::MacVerifier verify, ScanPost post) {
    using core::unexpected;
    const std::string dev = settings.device;
    const std::optional<speed_t> speed = baudConstant(settings.baud);
    if (!speed) return unexpected("unsupported baud rate " + std::to_string(settings.baud));
    // O_NONBLOCK: open must not wait for a carrier; reads happen only after poll() says so anyway.
    // Closed on every early return; handed to the scanner only on success.
    UniqueFd fd(::open(dev.c_str(), O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC));
    if (!fd.valid()) {
        const int e = errno;
        if (e == ENOENT || e == ENODEV || e == ENXIO) return unexpected("no scanner at " + dev);
        return unexpected("cannot open " + dev + ": " + std::strerror(e));
    }
    termios tio{};
    if (::tcgetattr(fd.get(), &tio) != 0) return unexpected(dev + " is not a serial port");
    ::cfmakeraw(&tio);
    tio.c_cflag |= CLOCAL | CREAD;
    tio.c_cc[VMIN] = 1;
    tio.c_cc[VTIME] = 0;
    ::cfsetispeed(&tio, *speed);
    ::cfsetospeed(&tio, *speed);
    if (::tcsetattr(fd.get(), TCSANOW, &tio) != 0) return unexpected("cannot set up " + dev + ": " + std::strerror(errno));
    ::tcflush(fd.get(), TCIFLUSH);  // nothing typed before we listened counts
    return std::unique_ptr<SerialScanner>(new SerialScanner(fd.release(), std::move(settings), std::move(verify), std::move(post)));
}

SerialScanner::SerialScanner(int fd, SerialScannerSettings settings, core::MacVerifier verify, ScanPost post)
    : m_fd(fd),
      m_settings(std::move(settings)),
      m_verify(std::move(verify)),
      m_post(std::move(post)),
      m_thread([this](std::stop_token st) { run(st); }) {}

SerialScanner::~SerialScanner() {
    m_thread.request_stop();
    if (m_thread.joinable()) m_thread.join();
    ::close(m_fd);
}

void SerialScanner::finishLine(std::string& line) {
    if (line.empty()) return;  // the LF of a CR LF, or a blank line
    ScanNotice n;
    n.kind = ScanNotice::Kind::Scanned;
    n.payload = core::classifyScan(line, m_settings.rules, m_verify);
    sodium_memzero(line.data(), line.size());
    line.clear();
    m_post(std::move(n));
}

void SerialScanner::run(std::stop_token st) {
    // Enough for classifyScan to say too_long; a longer line is not buffered further.
    const std::size_t keep = std::min<std::size_t>(m_settings.rules.maxLength, std::size_t{1} << 20) + 1;
    std::string line;
    line.reserve(keep);
    unsigned char buf[256];
    std::string gone;
    while (!st.stop_requested() && gone.empty()) {
        pollfd p{m_fd, POLLIN, 0};
        const int r = ::poll(&p, 1, 100);
        if (r == 0 || (r < 0 && errno == EINTR)) continue;
        if (r < 0) {
            gone = "the scanner at " + m_settings.device + " failed: " + std::strerror(errno);
            break;
        }
        if ((p.revents & POLLIN) == 0) {  // POLLHUP / POLLERR / POLLNVAL: unplugged
            gone = "the scanner at " + m_settings.device + " is gone";
            break;
        }
        const ssize_t n = ::read(m_fd, buf, sizeof buf);
        if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
        if (n <= 0) {
            gone = "the scanner at " + m_settings.device + " is gone";
            break;
        }
        for (ssize_t i = 0; i < n; ++i) {
            const char c = static_cast<char>(buf[i]);
            if (c == '\r' || c == '\n') finishLine(line);
            else if (line.size() < keep) line.push_back(c);
        }
        sodium_memzero(buf, sizeof buf);
    }
    sodium_memzero(line.data(), line.size());
    m_running = false;
    if (!gone.empty()) {
        ScanNotice n;
        n.kind = ScanNotice::Kind::SourceEnded;
        n.problem = gone;
        m_post(std::move(n));
    }
}

}  // namespace kiosk::services
