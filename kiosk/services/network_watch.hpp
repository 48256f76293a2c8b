#pragma once
// NetworkWatch: notices when the network may be back, from the kernel's routing netlink (a link
// coming up, an address added, a default route added), so the sync worker tries at once instead of
// waiting out a backoff of up to 5 minutes (BRIEF §6). Listening needs no privileges. Linux only.
//
// The watch only says "worth a try now": the delivery attempt decides whether the API is reachable.
#include <cstddef>
#include <chrono>
#include <functional>
#include <set>
#include <span>
#include <string>
#include <thread>

#include "services/unique_fd.hpp"

namespace kiosk::services {

// What the kernel has said so far about links, addresses and default routes. update() reads a batch
// of rtnetlink messages and returns true when it brings something new up: a non-loopback link
// starting to run (carrier), a routable address (not host or link scope, not tentative) that was not
// there, or a default route where there was none. Refreshes of what is already up (IPv6 router
// advertisements, DHCP renewals) return false, so they do not cut the outbox's backoff short.
// Malformed or truncated batches are read as far as they are whole. Pure; no I/O.
class NetworkState {
public:
    bool update(std::span<const std::byte> messages);

private:
    std::set<int> m_running;             // link indexes up with a carrier
    std::set<std::string> m_addresses;   // link index, family, address bytes
    std::set<std::string> m_routes;      // default routes: family, table, output link, gateway
};

class NetworkWatch {
public:
    // `onBack` runs on the watch's own thread, at most once per `minInterval` (a flapping link must
    // not hammer a central API that is down); it must be cheap (SyncWorker::wake is).
    explicit NetworkWatch(std::function<void()> onBack, std::chrono::milliseconds minInterval = std::chrono::seconds(10));
    ~NetworkWatch();
    NetworkWatch(const NetworkWatch&) = delete;
    NetworkWatch& operator=(const NetworkWatch&) = delete;

    // False when no netlink socket could be opened: the backoff alone then applies.
    bool listening() const { return m_socket.valid(); }

private:
    void run(std::stop_token st);

    UniqueFd m_socket;
    UniqueFd m_stop;  // eventfd: wakes the poll at destruction
    std::function<void()> m_onBack;
    std::chrono::milliseconds m_minInterval;
    std::jthread m_thread;  // last: starts after everything it uses exists
};

}  // namespace kiosk::services
