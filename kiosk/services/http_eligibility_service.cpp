#include "services/http_eligibility_service.hpp"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace kiosk::services {
namespace {

class HttpEligibilityService final : public EligibilityService {
public:
    HttpEligibilityService(HttpSettings s, RetryPolicy p, Post post)
        : m_api(std::move(s), p), m_post(std::move(post)), m_worker([this](std::stop_token st) { run(st); }) {}

    ~HttpEligibilityService() override {
        {
            std::lock_guard lock(m_mutex);
            for (auto& q : m_queue) core::secureWipe(q.nik);
            m_queue.clear();
            if (m_inFlight != nullptr) m_inFlight->cancel.store(true);
        }
        m_worker.request_stop();  // wakes the wait; the jthread member joins first among the members
    }
    HttpEligibilityService(const HttpEligibilityService&) = delete;
    HttpEligibilityService& operator=(const HttpEligibilityService&) = delete;

    void check(std::uint64_t requestId, std::string nik) override {
        {
            std::lock_guard lock(m_mutex);
            m_queue.push_back(Queued{requestId, std::move(nik)});
        }
        m_cv.notify_all();
    }

    void cancel(std::uint64_t requestId) override {
        std::lock_guard lock(m_mutex);
        if (m_inFlight != nullptr && m_inFlight->id == requestId) m_inFlight->cancel.store(true);
        for (auto it = m_queue.begin(); it != m_queue.end();) {
            if (it->id == requestId) {
                core::secureWipe(it->nik);
                it = m_queue.erase(it);
            } else {
                ++it;
            }
        }
    }

private:
    struct Queued {
        std::uint64_t id = 0;
        std::string nik;
    };
    struct InFlight {
        std::uint64_t id = 0;
        std::atomic<bool> cancel{false};
    };

    void run(std::stop_token st) {
        std::unique_lock lock(m_mutex);
        while (m_cv.wait(lock, st, [&] { return !m_queue.empty(); })) {
            Queued job = std::move(m_queue.front());
            m_queue.pop_front();
            InFlight flight;
            flight.id = job.id;
            m_inFlight = &flight;
            lock.unlock();

            auto result = m_api.eligibility(job.nik, &flight.cancel);
            core::secureWipe(job.nik);

            lock.lock();
            m_inFlight = nullptr;
            // Posting under the lock: a cancel() that returned before this point is always honoured.
            if (flight.cancel.load() || st.stop_requested()) continue;
            if (result.ok()) m_post(core::ev::EligibilityArrived{job.id, std::move(result.value())});
            else m_post(core::ev::EligibilityFailed{job.id, result.error()});
        }
    }

    CentralApi m_api;  // used by the worker only
    Post m_post;
    std::mutex m_mutex;
    std::condition_variable_any m_cv;
    std::deque<Queued> m_queue;
    InFlight* m_inFlight = nullptr;  // the worker's current request, guarded by m_mutex
    std::jthread m_worker;           // last: starts after everything it uses exists, joins before they go
};

}  // namespace

std::unique_ptr<EligibilityService> makeHttpEligibilityService(HttpSettings s, RetryPolicy p, Post post) {
    return std::make_unique<HttpEligibilityService>(std::move(s), p, std::move(post));
}

}  // namespace kiosk::services
