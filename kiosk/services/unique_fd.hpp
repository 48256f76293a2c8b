#pragma once
// UniqueFd: owns a POSIX file descriptor and closes it once (printer devices and pipes, serial
// scanners while they are set up, the netlink socket).
#include <unistd.h>

#include <utility>

namespace kiosk::services {

class UniqueFd {
public:
    explicit UniqueFd(int fd = -1) : m_fd(fd) {}
    ~UniqueFd() { reset(); }
    UniqueFd(const UniqueFd&) = delete;
    UniqueFd& operator=(const UniqueFd&) = delete;
    int get() const { return m_fd; }
    bool valid() const { return m_fd >= 0; }
    void reset(int fd = -1) {
        if (m_fd >= 0) ::close(m_fd);
        m_fd = fd;
    }
    // Hands the descriptor over; this no longer closes it.
    int release() { return std::exchange(m_fd, -1); }

private:
    int m_fd;
};

}  // namespace kiosk::services
