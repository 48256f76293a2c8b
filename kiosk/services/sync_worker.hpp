#pragma once
// The sync worker: delivers the outbox in order on its own thread (BRIEF §6).
//
//   2xx                                  -> delivered; the sealed payload is deleted at once
//   409 quota_full/slot_taken/already_enrolled/not_eligible, 422, 400 -> rejected, reason kept for staff
//   401/403                              -> paused (admin alert) until resume()
//   offline, timeout, 5xx, 409 request_in_progress -> full-jitter backoff on the monotonic clock
//                                           (base 2 s, cap 5 min by default), then again
// Every try of a submission sends the same idempotency key and the same sealed bytes, so the
// central API records it once however often the answer is lost. On start it resumes whatever is
// queued; wake() (network back, new submission) cuts a backoff short.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "services/central_api.hpp"
#include "services/outbox.hpp"

namespace kiosk::services {

struct SyncSettings {
    std::chrono::milliseconds backoffBase{2000};
    std::chrono::milliseconds backoffCap{5 * 60 * 1000};
};

// What the worker tells the app (as plain data; the app turns it into UI events and audit rows).
struct SyncNotice {
    enum class Kind { Delivered, Rejected, Paused, StoreProblem } kind = Kind::Delivered;
    std::string localRef;
    std::string serverRef;
    std::string code;  // reject or pause reason; never personal data
};

// The delivery itself, behind an interface so tests can count and fail deliveries.
class Deliverer {
public:
    virtual ~Deliverer() = default;
    virtual core::Result<Created, core::ServiceError> deliver(const PendingDelivery& d, const std::atomic<bool>* cancel) = 0;
};
std::unique_ptr<Deliverer> makeCentralApiDeliverer(HttpSettings settings);

class SyncWorker {
public:
    // `wallClockMs` stamps rows (survives restarts); waits use steady_clock. The outbox must
    // outlive the worker; `lock` guards it against the UI thread's own enqueues.
    SyncWorker(Outbox& outbox, std::mutex& lock, std::unique_ptr<Deliverer> deliverer, SyncSettings settings,
               std::function<void(const SyncNotice&)> notify, std::function<std::int64_t()> wallClockMs);
    ~SyncWorker();
    SyncWorker(const SyncWorker&) = delete;
    SyncWorker& operator=(const SyncWorker&) = delete;

    void wake();    // something new, or the network is back: try now
    void resume();  // after an admin fixed the credentials
    bool paused() const;

private:
    void run(std::stop_token st);
    // One delivery attempt of the oldest queued submission; returns how long to wait before the next.
    std::chrono::milliseconds step(int& failures);

    Outbox& m_outbox;
    std::mutex& m_outboxLock;
    std::unique_ptr<Deliverer> m_deliverer;
    SyncSettings m_settings;
    std::function<void(const SyncNotice&)> m_notify;
    std::function<std::int64_t()> m_wallClockMs;
    mutable std::mutex m_mutex;
    std::condition_variable_any m_cv;
    bool m_woken = false;
    bool m_paused = false;
    std::atomic<bool> m_cancel{false};
    std::jthread m_thread;  // last: starts after everything it uses exists
};

}  // namespace kiosk::services
