#pragma once
// NetworkWatch: notices when the network may be back, from the kernel's routing netlink (a link
// coming up, an address added, a default route added), so the sync worker tries at once instead of
// waiting out a backoff of up to 5 minutes (BRIEF §6). Listening needs no privileges. Linux only.
//
// The watch only says "worth a try now": the delivery attempt decides whether the API is reachable.
#include <cstddef>
#include <functional>
#include <span>
#include <thread>

namespace kiosk::services {

// Pure: does this batch of rtnetlink messages say a connection may have come up? True for a
// non-loopback link that is up and running, an address that is not host-scoped (not 127.0.0.1 or
// ::1), or a default route. Malformed or truncated batches are read as far as they are whole.
bool networkMayBeBack(std::span<const std::byte> messages);

class NetworkWatch {
public:
    // `onBack` runs on the watch's own thread; it must be cheap (SyncWorker::wake is).
    explicit NetworkWatch(std::function<void()> onBack);
    ~NetworkWatch();
    NetworkWatch(const NetworkWatch&) = delete;
    NetworkWatch& operator=(const NetworkWatch&) = delete;

    // False when no netlink socket could be opened: the backoff alone then applies.
    bool listening() const { return m_socket >= 0; }

private:
    void run(std::stop_token st);

    int m_socket = -1;
    int m_stop = -1;  // eventfd: wakes the poll at destruction
    std::function<void()> m_onBack;
    std::jthread m_thread;  // last: starts after everything it uses exists
};

}  // namespace kiosk::services
