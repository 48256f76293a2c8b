#include "services/sync_worker.hpp"

#include <sodium.h>

namespace kiosk::services {
namespace {

class CentralApiDeliverer final : public Deliverer {
public:
    explicit CentralApiDeliverer(HttpSettings s) : m_api(std::move(s), RetryPolicy{1, 0, 0}) {}
    core::Result<Created, core::ServiceError> deliver(const PendingDelivery& d, const std::atomic<bool>* cancel) override {
        // One attempt per step: the worker owns the backoff, so a long outage never holds a request.
        return m_api.deliverSealed(d.program, d.sealedPayload, d.idempotencyKey, cancel);
    }

private:
    CentralApi m_api;
};

bool isRefusal(const core::ServiceError& e) {
    using K = core::ServiceErrorKind;
    if (e.kind == K::Invalid || e.kind == K::NotFound) return true;
    return e.kind == K::Refused && e.code != "request_in_progress";
}

}  // namespace

std::unique_ptr<Deliverer> makeCentralApiDeliverer(HttpSettings settings) {
    return std::make_unique<CentralApiDeliverer>(std::move(settings));
}

SyncWorker::SyncWorker(Outbox& outbox, std::mutex& lock, std::unique_ptr<Deliverer> deliverer, SyncSettings settings,
                       std::function<void(const SyncNotice&)> notify, std::function<std::int64_t()> wallClockMs)
    : m_outbox(outbox),
      m_outboxLock(lock),
      m_deliverer(std::move(deliverer)),
      m_settings(settings),
      m_notify(std::move(notify)),
      m_wallClockMs(std::move(wallClockMs)),
      m_thread([this](std::stop_token st) { run(st); }) {}

SyncWorker::~SyncWorker() {
    m_cancel = true;  // aborts a delivery in flight
    m_thread.request_stop();
    m_cv.notify_all();
}

void SyncWorker::wake() {
    {
        std::lock_guard lock(m_mutex);
        m_woken = true;
    }
    m_cv.notify_all();
}

void SyncWorker::resume() {
    {
        std::lock_guard lock(m_mutex);
        m_paused = false;
        m_woken = true;
    }
    m_cv.notify_all();
}

bool SyncWorker::paused() const {
    std::lock_guard lock(m_mutex);
    return m_paused;
}

std::chrono::milliseconds SyncWorker::step(int& failures) {
    using namespace std::chrono;
    std::optional<PendingDelivery> next;
    {
        std::lock_guard lock(m_outboxLock);
        auto r = m_outbox.nextQueued();
        if (!r) {
            m_notify({SyncNotice::Kind::StoreProblem, "", "", r.error().detail});
            return m_settings.backoffCap;
        }
        next = std::move(r.value());
        if (next) (void)m_outbox.recordAttempt(next->id, m_wallClockMs());
    }
    if (!next) return milliseconds::max();  // nothing to do: sleep until woken

    auto result = m_deliverer->deliver(*next, &m_cancel);
    sodium_memzero(next->sealedPayload.data(), next->sealedPayload.size());
    const std::int64_t now = m_wallClockMs();
    if (result) {
        std::lock_guard lock(m_outboxLock);
        (void)m_outbox.markDelivered(next->id, result->reference, now);
        failures = 0;
        m_notify({SyncNotice::Kind::Delivered, next->localRef, result->reference, ""});
        return milliseconds(0);
    }
    const core::ServiceError& e = result.error();
    if (e.kind == core::ServiceErrorKind::Unauthorized) {
        std::lock_guard lock(m_mutex);
        m_paused = true;
        m_notify({SyncNotice::Kind::Paused, next->localRef, "", e.code.empty() ? "unauthorized" : e.code});
        return milliseconds::max();
    }
    if (isRefusal(e)) {
        std::lock_guard lock(m_outboxLock);
        (void)m_outbox.markRejected(next->id, e.code, now);
        failures = 0;
        m_notify({SyncNotice::Kind::Rejected, next->localRef, "", e.code});
        return milliseconds(0);
    }
    // Full jitter: uniform in [0, min(cap, base * 2^failures)].
    const auto ceiling = std::min<std::int64_t>(m_settings.backoffCap.count(),
                                                m_settings.backoffBase.count() << std::min(failures, 20));
    ++failures;
    return milliseconds(randombytes_uniform(static_cast<std::uint32_t>(std::max<std::int64_t>(ceiling, 1)) + 1));
}

void SyncWorker::run(std::stop_token st) {
    int failures = 0;
    while (!st.stop_requested()) {
        const auto wait = step(failures);
        if (wait.count() == 0) continue;
        std::unique_lock lock(m_mutex);
        auto ready = [&] { return m_woken && !m_paused; };
        if (wait == std::chrono::milliseconds::max() || m_paused) m_cv.wait(lock, st, ready);
        else m_cv.wait_until(lock, st, std::chrono::steady_clock::now() + wait, ready);
        if (m_woken) failures = 0;  // woken on purpose (network back): try at once, fresh backoff
        m_woken = false;
    }
}

}  // namespace kiosk::services
