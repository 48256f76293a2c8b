// The network watch: which kernel route messages mean "the network may be back" (so the outbox
// tries at once instead of waiting out its backoff), and a live check in a private network
// namespace where an address is added.
#include "services/network_watch.hpp"

#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using kiosk::services::NetworkWatch;
using kiosk::services::NetworkState;

namespace {

constexpr std::size_t kHeader = (sizeof(nlmsghdr) + 3u) & ~std::size_t{3};

// Appends one netlink message (header + body, padded to 4 bytes) to a batch.
constexpr std::size_t align4(std::size_t n) { return (n + 3u) & ~std::size_t{3}; }

struct Attribute {
    unsigned short type;
    std::vector<std::byte> data;
};
Attribute ipv4(unsigned short type, const char* text) {
    in_addr a{};
    ::inet_pton(AF_INET, text, &a);
    Attribute at{type, std::vector<std::byte>(sizeof a)};
    std::memcpy(at.data.data(), &a, sizeof a);
    return at;
}
Attribute u32(unsigned short type, std::uint32_t v) {
    Attribute at{type, std::vector<std::byte>(sizeof v)};
    std::memcpy(at.data.data(), &v, sizeof v);
    return at;
}

// Appends one netlink message (header, body, attributes, each padded to 4 bytes) to a batch.
template <class Body>
void append(std::vector<std::byte>& batch, std::uint16_t type, const Body& body, const std::vector<Attribute>& attrs = {}) {
    std::size_t len = kHeader + align4(sizeof(Body));
    for (const auto& a : attrs) len += align4(sizeof(rtattr) + a.data.size());
    nlmsghdr h{};
    h.nlmsg_len = static_cast<std::uint32_t>(len);
    h.nlmsg_type = type;
    const std::size_t at = batch.size();
    batch.resize(at + len);
    std::memcpy(batch.data() + at, &h, sizeof h);
    std::memcpy(batch.data() + at + kHeader, &body, sizeof body);
    std::size_t off = at + kHeader + align4(sizeof(Body));
    for (const auto& a : attrs) {
        rtattr r{};
        r.rta_len = static_cast<unsigned short>(sizeof(rtattr) + a.data.size());
        r.rta_type = a.type;
        std::memcpy(batch.data() + off, &r, sizeof r);
        std::memcpy(batch.data() + off + sizeof r, a.data.data(), a.data.size());
        off += align4(r.rta_len);
    }
}

ifinfomsg link(unsigned flags, int index = 2) {
    ifinfomsg i{};
    i.ifi_family = AF_UNSPEC;
    i.ifi_index = index;
    i.ifi_flags = flags;
    return i;
}
ifaddrmsg address(unsigned char scope, unsigned char flags = 0) {
    ifaddrmsg a{};
    a.ifa_family = AF_INET;
    a.ifa_prefixlen = 24;
    a.ifa_flags = flags;
    a.ifa_scope = scope;
    a.ifa_index = 2;
    return a;
}
rtmsg route(unsigned char dstLen, unsigned char type = RTN_UNICAST) {
    rtmsg r{};
    r.rtm_family = AF_INET;
    r.rtm_dst_len = dstLen;
    r.rtm_table = RT_TABLE_MAIN;
    r.rtm_type = type;
    return r;
}
// What a watch that has seen nothing yet makes of one message.
template <class Body>
bool one(std::uint16_t type, const Body& body) {
    std::vector<std::byte> batch;
    append(batch, type, body);
    return NetworkState{}.update(batch);
}
bool fresh(const std::vector<std::byte>& batch) { return NetworkState{}.update(batch); }
template <class Body>
std::vector<std::byte> message(std::uint16_t type, const Body& body, const std::vector<Attribute>& attrs = {}) {
    std::vector<std::byte> batch;
    append(batch, type, body, attrs);
    return batch;
}

constexpr unsigned kUpRunning = static_cast<unsigned>(IFF_UP) | static_cast<unsigned>(IFF_RUNNING);

}  // namespace

TEST_CASE("a link that comes up with a carrier means the network may be back; loopback or no cable does not") {
    CHECK(one(RTM_NEWLINK, link(kUpRunning)));
    CHECK_FALSE(one(RTM_NEWLINK, link(static_cast<unsigned>(IFF_UP))));  // up, cable still out
    CHECK_FALSE(one(RTM_NEWLINK, link(kUpRunning | static_cast<unsigned>(IFF_LOOPBACK))));
    CHECK_FALSE(one(RTM_DELLINK, link(kUpRunning)));
}

TEST_CASE("a routable address or a default route means the network may be back; host and link-local do not") {
    CHECK(one(RTM_NEWADDR, address(RT_SCOPE_UNIVERSE)));  // DHCP gave an address
    CHECK_FALSE(one(RTM_NEWADDR, address(RT_SCOPE_LINK)));  // fe80:: or 169.254/16 only
    CHECK_FALSE(one(RTM_NEWADDR, address(RT_SCOPE_HOST)));  // 127.0.0.1, ::1
    CHECK_FALSE(one(RTM_DELADDR, address(RT_SCOPE_UNIVERSE)));
    CHECK(one(RTM_NEWROUTE, route(0)));  // a default route
    CHECK_FALSE(one(RTM_NEWROUTE, route(24)));
    CHECK_FALSE(one(RTM_NEWROUTE, route(0, RTN_UNREACHABLE)));
    CHECK_FALSE(one(RTM_DELROUTE, route(0)));
}

TEST_CASE("a batch is read message by message, up to its end or a DONE") {
    std::vector<std::byte> batch;
    append(batch, RTM_NEWLINK, link(static_cast<unsigned>(IFF_UP)));
    append(batch, RTM_NEWADDR, address(RT_SCOPE_HOST));
    CHECK_FALSE(fresh(batch));
    append(batch, RTM_NEWROUTE, route(0));
    CHECK(fresh(batch));

    std::vector<std::byte> done;
    append(done, RTM_NEWADDR, address(RT_SCOPE_HOST));
    append(done, NLMSG_DONE, std::uint32_t{0});
    append(done, RTM_NEWROUTE, route(0));  // after DONE: not part of this answer
    CHECK_FALSE(fresh(done));
}

TEST_CASE("malformed batches are read only as far as they are whole") {
    CHECK_FALSE(fresh({}));
    std::vector<std::byte> good;
    append(good, RTM_NEWROUTE, route(0));
    REQUIRE(fresh(good));

    auto lengthSays = [&](std::uint32_t len) {
        auto b = good;
        std::memcpy(b.data(), &len, sizeof len);  // nlmsg_len is the first field
        return fresh(b);
    };
    CHECK_FALSE(lengthSays(0));  // would loop forever if trusted
    CHECK_FALSE(lengthSays(static_cast<std::uint32_t>(kHeader - 1)));
    CHECK_FALSE(lengthSays(static_cast<std::uint32_t>(good.size() + 4)));  // longer than what arrived
    CHECK_FALSE(lengthSays(static_cast<std::uint32_t>(kHeader)));  // a route message with no route in it

    auto cut = good;
    cut.resize(kHeader + 4);  // the datagram ended inside the body
    CHECK_FALSE(fresh(cut));
}

TEST_CASE("only a change wakes: refreshes of what is already up do not cut the backoff short") {
    NetworkState state;
    const auto up = message(RTM_NEWLINK, link(kUpRunning));
    CHECK(state.update(up));
    CHECK_FALSE(state.update(up));  // the same link reported running again (a Wi-Fi scan, a stats update)
    CHECK_FALSE(state.update(message(RTM_NEWLINK, link(static_cast<unsigned>(IFF_UP)))));  // cable out
    CHECK(state.update(up));  // and back in
    CHECK(state.update(message(RTM_NEWLINK, link(kUpRunning, 3))));  // a second link (USB modem)

    const auto dhcp = message(RTM_NEWADDR, address(RT_SCOPE_UNIVERSE), {ipv4(IFA_LOCAL, "192.168.1.20")});
    CHECK(state.update(dhcp));
    CHECK_FALSE(state.update(dhcp));  // a DHCP renewal or an IPv6 lifetime refresh: same address
    CHECK(state.update(message(RTM_NEWADDR, address(RT_SCOPE_UNIVERSE), {ipv4(IFA_LOCAL, "192.168.1.21")})));
    CHECK_FALSE(state.update(message(RTM_DELADDR, address(RT_SCOPE_UNIVERSE), {ipv4(IFA_LOCAL, "192.168.1.20")})));
    CHECK(state.update(dhcp));  // deleted, then given again
    CHECK_FALSE(state.update(message(RTM_NEWADDR, address(RT_SCOPE_UNIVERSE, IFA_F_TENTATIVE),
                                     {ipv4(IFA_LOCAL, "10.1.2.3")})));  // not usable yet

    const auto route = message(RTM_NEWROUTE, ::route(0), {u32(RTA_OIF, 2), ipv4(RTA_GATEWAY, "192.168.1.1")});
    CHECK(state.update(route));
    CHECK_FALSE(state.update(route));  // a router advertisement refreshing the same default route
    CHECK(state.update(message(RTM_NEWROUTE, ::route(0), {u32(RTA_OIF, 3), ipv4(RTA_GATEWAY, "10.0.0.1")})));
    CHECK_FALSE(state.update(message(RTM_DELROUTE, ::route(0), {u32(RTA_OIF, 2), ipv4(RTA_GATEWAY, "192.168.1.1")})));
    CHECK(state.update(route));
}

TEST_CASE("attributes with lying lengths are not read past their message") {
    auto batch = message(RTM_NEWADDR, address(RT_SCOPE_UNIVERSE), {ipv4(IFA_LOCAL, "192.168.1.20")});
    const std::size_t attrAt = kHeader + align4(sizeof(ifaddrmsg));
    for (const unsigned lieWide : {0u, 2u, 200u, 65535u}) {
        const auto lie = static_cast<unsigned short>(lieWide);
        auto b = batch;
        std::memcpy(b.data() + attrAt, &lie, sizeof lie);  // rta_len is the attribute's first field
        CHECK(fresh(b));  // still a new routable address, keyed without the unreadable attribute
    }
}

TEST_CASE("in a private network namespace, an address added to a link wakes the watch; loopback coming up does not") {
    std::mutex m;
    std::condition_variable cv;
    int calls = 0;
    std::string skipped;
    bool listening = false, quietOnLoopback = false, wokenByAddress = false;
    // Network namespaces belong to a thread: this one gets its own, empty one (only a down `lo`).
    std::thread inNamespace([&] {
        if (::unshare(CLONE_NEWNET) != 0) {
            skipped = std::strerror(errno);
            return;
        }
        NetworkWatch watch(
            [&] {
                std::lock_guard l(m);
                ++calls;
                cv.notify_all();
            },
            std::chrono::milliseconds(0));
        listening = watch.listening();
        const int s = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        ifreq req{};
        std::strncpy(req.ifr_name, "lo", IFNAMSIZ - 1);
        req.ifr_flags = static_cast<short>(IFF_UP);
        const bool up = ::ioctl(s, SIOCSIFFLAGS, &req) == 0;  // 127.0.0.1 and ::1 appear: host scope
        {
            std::unique_lock l(m);
            quietOnLoopback = up && !cv.wait_for(l, std::chrono::milliseconds(300), [&] { return calls > 0; });
        }
        sockaddr_in a{};
        a.sin_family = AF_INET;
        ::inet_pton(AF_INET, "10.77.0.1", &a.sin_addr);
        std::memcpy(&req.ifr_addr, &a, sizeof a);
        int before = 0;
        {
            std::lock_guard l(m);
            before = calls;
        }
        const bool added = ::ioctl(s, SIOCSIFADDR, &req) == 0;  // a routable (global-scope) address
        {
            std::unique_lock l(m);
            wokenByAddress = added && cv.wait_for(l, std::chrono::seconds(5), [&] { return calls > before; });
        }
        ::close(s);
    });
    inNamespace.join();
    if (!skipped.empty()) {
        MESSAGE("skipped: no private network namespace here (" << skipped << "); the message tests above still ran");
        return;
    }
    CHECK(listening);
    CHECK(quietOnLoopback);
    CHECK(wokenByAddress);
}
