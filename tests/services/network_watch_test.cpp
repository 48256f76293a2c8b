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
using kiosk::services::networkMayBeBack;

namespace {

constexpr std::size_t kHeader = (sizeof(nlmsghdr) + 3u) & ~std::size_t{3};

// Appends one netlink message (header + body, padded to 4 bytes) to a batch.
template <class Body>
void append(std::vector<std::byte>& batch, std::uint16_t type, const Body& body) {
    nlmsghdr h{};
    h.nlmsg_len = static_cast<std::uint32_t>(kHeader + sizeof(Body));
    h.nlmsg_type = type;
    const std::size_t at = batch.size();
    batch.resize(at + ((h.nlmsg_len + 3u) & ~3u));
    std::memcpy(batch.data() + at, &h, sizeof h);
    std::memcpy(batch.data() + at + kHeader, &body, sizeof body);
}

ifinfomsg link(unsigned flags) {
    ifinfomsg i{};
    i.ifi_family = AF_UNSPEC;
    i.ifi_index = 2;
    i.ifi_flags = flags;
    return i;
}
ifaddrmsg address(unsigned char scope) {
    ifaddrmsg a{};
    a.ifa_family = AF_INET;
    a.ifa_prefixlen = 24;
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
template <class Body>
bool one(std::uint16_t type, const Body& body) {
    std::vector<std::byte> batch;
    append(batch, type, body);
    return networkMayBeBack(batch);
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
    CHECK_FALSE(networkMayBeBack(batch));
    append(batch, RTM_NEWROUTE, route(0));
    CHECK(networkMayBeBack(batch));

    std::vector<std::byte> done;
    append(done, RTM_NEWADDR, address(RT_SCOPE_HOST));
    append(done, NLMSG_DONE, std::uint32_t{0});
    append(done, RTM_NEWROUTE, route(0));  // after DONE: not part of this answer
    CHECK_FALSE(networkMayBeBack(done));
}

TEST_CASE("malformed batches are read only as far as they are whole") {
    CHECK_FALSE(networkMayBeBack({}));
    std::vector<std::byte> good;
    append(good, RTM_NEWROUTE, route(0));
    REQUIRE(networkMayBeBack(good));

    auto lengthSays = [&](std::uint32_t len) {
        auto b = good;
        std::memcpy(b.data(), &len, sizeof len);  // nlmsg_len is the first field
        return networkMayBeBack(b);
    };
    CHECK_FALSE(lengthSays(0));  // would loop forever if trusted
    CHECK_FALSE(lengthSays(static_cast<std::uint32_t>(kHeader - 1)));
    CHECK_FALSE(lengthSays(static_cast<std::uint32_t>(good.size() + 4)));  // longer than what arrived
    CHECK_FALSE(lengthSays(static_cast<std::uint32_t>(kHeader)));  // a route message with no route in it

    auto cut = good;
    cut.resize(kHeader + 4);  // the datagram ended inside the body
    CHECK_FALSE(networkMayBeBack(cut));
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
        NetworkWatch watch([&] {
            std::lock_guard l(m);
            ++calls;
            cv.notify_all();
        });
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
        const bool added = ::ioctl(s, SIOCSIFADDR, &req) == 0;  // a routable (global-scope) address
        {
            std::unique_lock l(m);
            wokenByAddress = added && cv.wait_for(l, std::chrono::seconds(5), [&] { return calls > 0; });
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
