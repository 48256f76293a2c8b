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
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>

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

// Calls f(type, data) for each whole attribute after a fixed header of `fixed` bytes.
template <class F>
void forEachAttribute(std::span<const std::byte> body, std::size_t fixed, F&& f) {
    constexpr std::size_t kAttrHeader = align4(sizeof(rtattr));
    std::size_t off = align4(fixed);
    rtattr a{};
    while (readAt(body, off, a)) {
        if (a.rta_len < kAttrHeader || a.rta_len > body.size() - off) return;
        f(a.rta_type, body.subspan(off + kAttrHeader, a.rta_len - kAttrHeader));
        off += align4(a.rta_len);
    }
}

void appendKey(std::string& key, std::span<const std::byte> bytes) {
    key.push_back('/');
    for (const std::byte b : bytes) key.push_back(static_cast<char>(b));
}
void appendKey(std::string& key, long number) {
    key.push_back('/');
    key += std::to_string(number);
}

}  // namespace

bool NetworkState::update(std::span<const std::byte> messages) {
    constexpr std::size_t kHeader = align4(sizeof(nlmsghdr));
    bool cameUp = false;
    std::size_t off = 0;
    nlmsghdr h{};
    while (readAt(messages, off, h)) {
        if (h.nlmsg_len < kHeader || h.nlmsg_len > messages.size() - off) break;  // malformed: stop here
        const auto body = messages.subspan(off + kHeader, h.nlmsg_len - kHeader);
        off += align4(h.nlmsg_len);
        if (h.nlmsg_type == NLMSG_DONE) break;
        if (h.nlmsg_type == RTM_NEWLINK || h.nlmsg_type == RTM_DELLINK) {
            ifinfomsg i{};
            if (!readAt(body, 0, i)) continue;
            const auto up = static_cast<unsigned>(IFF_UP) | static_cast<unsigned>(IFF_RUNNING);
            const bool running = h.nlmsg_type == RTM_NEWLINK && (i.ifi_flags & up) == up &&
                                 (i.ifi_flags & static_cast<unsigned>(IFF_LOOPBACK)) == 0;
            if (!running) m_running.erase(i.ifi_index);
            else if (m_running.insert(i.ifi_index).second) cameUp = true;
        } else if (h.nlmsg_type == RTM_NEWADDR || h.nlmsg_type == RTM_DELADDR) {
            ifaddrmsg a{};
            if (!readAt(body, 0, a)) continue;
            std::string key;
            appendKey(key, static_cast<long>(a.ifa_index));
            appendKey(key, static_cast<long>(a.ifa_family));
            std::span<const std::byte> address, local;
            forEachAttribute(body, sizeof(ifaddrmsg), [&](unsigned short type, std::span<const std::byte> data) {
                if (type == IFA_ADDRESS) address = data;
                if (type == IFA_LOCAL) local = data;
            });
            appendKey(key, local.empty() ? address : local);
            // Link-local (fe80::, 169.254/16) and host (127.0.0.1, ::1) scopes do not reach the
            // central API; a tentative IPv6 address cannot be used until duplicate detection ends.
            const bool usable = h.nlmsg_type == RTM_NEWADDR && a.ifa_scope < RT_SCOPE_LINK &&
                                (a.ifa_flags & IFA_F_TENTATIVE) == 0;
            if (!usable) m_addresses.erase(key);
            else if (m_addresses.insert(key).second) cameUp = true;
        } else if (h.nlmsg_type == RTM_NEWROUTE || h.nlmsg_type == RTM_DELROUTE) {
            rtmsg r{};
            if (!readAt(body, 0, r) || r.rtm_dst_len != 0 || r.rtm_type != RTN_UNICAST) continue;
            long table = r.rtm_table, oif = 0;
            std::span<const std::byte> gateway;
            forEachAttribute(body, sizeof(rtmsg), [&](unsigned short type, std::span<const std::byte> data) {
                std::uint32_t v = 0;
                if (type == RTA_TABLE && data.size() >= sizeof v) table = (std::memcpy(&v, data.data(), sizeof v), v);
                if (type == RTA_OIF && data.size() >= sizeof v) oif = (std::memcpy(&v, data.data(), sizeof v), v);
                if (type == RTA_GATEWAY) gateway = data;
            });
            std::string key;
            appendKey(key, static_cast<long>(r.rtm_family));
            appendKey(key, table);
            appendKey(key, oif);
            appendKey(key, gateway);
            if (h.nlmsg_type == RTM_DELROUTE) m_routes.erase(key);
            else if (m_routes.insert(key).second) cameUp = true;
        }
    }
    return cameUp;
}

NetworkWatch::NetworkWatch(std::function<void()> onBack, std::chrono::milliseconds minInterval)
    : m_onBack(std::move(onBack)), m_minInterval(minInterval) {
    m_socket.reset(::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, NETLINK_ROUTE));
    m_stop.reset(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
    sockaddr_nl addr{};
    addr.nl_family = AF_NETLINK;
    addr.nl_groups = RTMGRP_LINK | RTMGRP_IPV4_IFADDR | RTMGRP_IPV6_IFADDR | RTMGRP_IPV4_ROUTE | RTMGRP_IPV6_ROUTE;
    if (!m_socket.valid() || !m_stop.valid() ||
        ::bind(m_socket.get(), reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
        m_socket.reset();
        m_stop.reset();
        return;
    }
    m_thread = std::jthread([this](std::stop_token st) { run(st); });
}

NetworkWatch::~NetworkWatch() {
    if (m_thread.joinable()) {
        m_thread.request_stop();
        const std::uint64_t one = 1;
        (void)!::write(m_stop.get(), &one, sizeof one);
        m_thread.join();
    }
}

void NetworkWatch::run(std::stop_token st) {
    alignas(nlmsghdr) std::array<std::byte, 16384> buf{};
    NetworkState state;
    std::optional<std::chrono::steady_clock::time_point> lastWake;
    std::array<pollfd, 2> fds{pollfd{m_socket.get(), POLLIN, 0}, pollfd{m_stop.get(), POLLIN, 0}};
    while (!st.stop_requested()) {
        if (::poll(fds.data(), fds.size(), -1) < 0) {
            if (errno == EINTR) continue;
            std::fprintf(stderr, "kiosk: network watch stopped (%s): the outbox retries on its backoff only\n",
                         std::strerror(errno));
            return;
        }
        if (fds[1].revents != 0) return;
        bool back = false;
        for (;;) {
            sockaddr_nl from{};
            socklen_t fromLen = sizeof from;
            const auto n = ::recvfrom(m_socket.get(), buf.data(), buf.size(), 0, reinterpret_cast<sockaddr*>(&from), &fromLen);
            if (n < 0) {
                if (errno == ENOBUFS) {  // the kernel dropped events while we were slow: something may be up
                    back = true;
                    continue;
                }
                break;  // EAGAIN: read everything there was
            }
            if (n == 0) break;
            if (from.nl_pid != 0) continue;  // only the kernel speaks for the network
            // Every batch goes through the state, so that what is up is known even after a wake.
            back = state.update(std::span<const std::byte>(buf.data(), static_cast<std::size_t>(n))) || back;
        }
        const auto now = std::chrono::steady_clock::now();
        if (back && m_onBack && (!lastWake || now - *lastWake >= m_minInterval)) {
            lastWake = now;
            m_onBack();
        }
    }
}

}  // namespace kiosk::services
