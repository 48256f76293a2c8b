#include "services/network_watch.hpp"

#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>

namespace kiosk::services {
namespace {

constexpr std::size_t align4(std::size_t n) { return (n + 3u) & ~std::size_t{3}; }

// Copies a T out of `b` at `off` (netlink payloads need not be aligned for T); false if it does not fit.
template <class T>
bool readAt(std::span<const std::byte> b, std::size_t off, T& out) {
    if (off > b.size() || b.size() - off < sizeof(T)) return false;
    std::memcpy(&out, b.data() + off, sizeof(T));
    return true;
}

bool linkUp(std::span<const std::byte> body) {
    ifinfomsg i{};
    if (!readAt(body, 0, i)) return false;
    const auto up = static_cast<unsigned>(IFF_UP) | static_cast<unsigned>(IFF_RUNNING);
    return (i.ifi_flags & static_cast<unsigned>(IFF_LOOPBACK)) == 0 && (i.ifi_flags & up) == up;
}

bool routableAddress(std::span<const std::byte> body) {
    ifaddrmsg a{};
    // Link-local (fe80::, 169.254/16) and host (127.0.0.1, ::1) scopes do not reach the central API.
    return readAt(body, 0, a) && a.ifa_scope < RT_SCOPE_LINK;
}

bool defaultRoute(std::span<const std::byte> body) {
    rtmsg r{};
    return readAt(body, 0, r) && r.rtm_dst_len == 0 && r.rtm_type == RTN_UNICAST;
}

}  // namespace

bool networkMayBeBack(std::span<const std::byte> messages) {
    constexpr std::size_t kHeader = align4(sizeof(nlmsghdr));
    std::size_t off = 0;
    nlmsghdr h{};
    while (readAt(messages, off, h)) {
        if (h.nlmsg_len < kHeader || h.nlmsg_len > messages.size() - off) return false;  // malformed: stop
        const auto body = messages.subspan(off + kHeader, h.nlmsg_len - kHeader);
        if (h.nlmsg_type == NLMSG_DONE) return false;
        if (h.nlmsg_type == RTM_NEWLINK && linkUp(body)) return true;
        if (h.nlmsg_type == RTM_NEWADDR && routableAddress(body)) return true;
        if (h.nlmsg_type == RTM_NEWROUTE && defaultRoute(body)) return true;
        off += align4(h.nlmsg_len);
    }
    return false;
}

NetworkWatch::NetworkWatch(std::function<void()> onBack) : m_onBack(std::move(onBack)) {
    m_socket = ::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, NETLINK_ROUTE);
    m_stop = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    sockaddr_nl addr{};
    addr.nl_family = AF_NETLINK;
    addr.nl_groups = RTMGRP_LINK | RTMGRP_IPV4_IFADDR | RTMGRP_IPV6_IFADDR | RTMGRP_IPV4_ROUTE | RTMGRP_IPV6_ROUTE;
    if (m_socket < 0 || m_stop < 0 ||
        ::bind(m_socket, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
        if (m_socket >= 0) ::close(m_socket);
        if (m_stop >= 0) ::close(m_stop);
        m_socket = m_stop = -1;
        return;
    }
    m_thread = std::jthread([this](std::stop_token st) { run(st); });
}

NetworkWatch::~NetworkWatch() {
    if (m_thread.joinable()) {
        m_thread.request_stop();
        const std::uint64_t one = 1;
        (void)!::write(m_stop, &one, sizeof one);
        m_thread.join();
    }
    if (m_socket >= 0) ::close(m_socket);
    if (m_stop >= 0) ::close(m_stop);
}

void NetworkWatch::run(std::stop_token st) {
    alignas(nlmsghdr) std::array<std::byte, 16384> buf{};
    std::array<pollfd, 2> fds{pollfd{m_socket, POLLIN, 0}, pollfd{m_stop, POLLIN, 0}};
    while (!st.stop_requested()) {
        if (::poll(fds.data(), fds.size(), -1) < 0) {
            if (errno == EINTR) continue;
            return;  // the backoff alone applies from now on
        }
        if (fds[1].revents != 0) return;
        bool back = false;
        for (;;) {
            sockaddr_nl from{};
            socklen_t fromLen = sizeof from;
            const auto n = ::recvfrom(m_socket, buf.data(), buf.size(), 0, reinterpret_cast<sockaddr*>(&from), &fromLen);
            if (n < 0) {
                if (errno == ENOBUFS) {  // the kernel dropped events while we were slow: assume the worst case
                    back = true;
                    continue;
                }
                break;  // EAGAIN: read everything there was
            }
            if (n == 0) break;
            if (from.nl_pid != 0) continue;  // only the kernel speaks for the network
            back = back || networkMayBeBack(std::span<const std::byte>(buf.data(), static_cast<std::size_t>(n)));
        }
        if (back && m_onBack) m_onBack();
    }
}

}  // namespace kiosk::services
