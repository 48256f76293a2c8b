#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

#include "core/result.hpp"
#include "services/clock.hpp"
#include "services/eligibility_service.hpp"

namespace kiosk::services {
namespace {

using core::DecisionStatus;
using core::Funding;
using core::ProgramId;

core::ProgramDecision decision(ProgramId p, DecisionStatus s, std::string reason, Funding f = Funding::None,
                               std::optional<int> places = std::nullopt) {
    core::ProgramDecision d;
    d.program = p;
    d.status = s;
    if (!reason.empty()) d.reasons.push_back(core::Reason{std::move(reason), {}});
    d.funding = f;
    d.placesLeft = places;
    return d;
}

class FakeEligibilityService final : public EligibilityService {
public:
    FakeEligibilityService(int latencyMs, Post post)
        : m_latency(latencyMs), m_post(std::move(post)), m_worker([this](std::stop_token st) { run(st); }) {}
    ~FakeEligibilityService() override {
        m_worker.request_stop();
        m_cv.notify_all();
    }

    void check(std::uint64_t requestId, std::string nik) override {
        {
            std::lock_guard lock(m_mutex);
            m_pending.emplace(requestId, Pending{std::chrono::steady_clock::now() + m_latency, std::move(nik)});
        }
        m_cv.notify_all();
    }
    void cancel(std::uint64_t requestId) override {
        std::lock_guard lock(m_mutex);
        if (auto it = m_pending.find(requestId); it != m_pending.end()) {
            core::secureWipe(it->second.nik);
            m_pending.erase(it);
        }
    }

private:
    struct Pending {
        std::chrono::steady_clock::time_point due;
        std::string nik;
    };

    void run(std::stop_token st) {
        std::unique_lock lock(m_mutex);
        while (!st.stop_requested()) {
            if (m_pending.empty()) {
                m_cv.wait(lock, st, [&] { return !m_pending.empty(); });
                continue;
            }
            auto first = m_pending.begin();
            for (auto it = m_pending.begin(); it != m_pending.end(); ++it)
                if (it->second.due < first->second.due) first = it;
            if (std::chrono::steady_clock::now() < first->second.due) {
                m_cv.wait_until(lock, st, first->second.due, [] { return false; });
                continue;
            }
            const std::uint64_t id = first->first;
            std::string nik = std::move(first->second.nik);
            m_pending.erase(first);
            lock.unlock();
            auto result = fakeDecide(nik, todayLocal());
            core::secureWipe(nik);
            if (result.ok()) m_post(core::ev::EligibilityArrived{id, std::move(result.value())});
            else m_post(core::ev::EligibilityFailed{id, result.error()});
            lock.lock();
        }
    }

    std::chrono::milliseconds m_latency;
    Post m_post;
    std::mutex m_mutex;
    std::condition_variable_any m_cv;
    std::map<std::uint64_t, Pending> m_pending;
    std::jthread m_worker;  // last: starts after everything it uses exists
};

}  // namespace

// Decision table (demo only; the real decision belongs to the central API):
//   serial 0404            -> person unknown to the population data (NotFound)
//   serial 0500            -> the service fails (ServerError), to show the problem screen
//   age >= 65              -> Pijar Semar ineligible (age_over_limit)
//   prefix not 3374        -> Pijar Semar refer_to_staff (domicile_check)
//   serial ending in 9     -> Pijar Semar already_enrolled
//   serial ending in 8     -> Pijar Semar eligible on DBHCHT (APBD full)
//   otherwise              -> Pijar Semar eligible on APBD
//   age < 18               -> BLK ineligible (age_under_18); else eligible
//   mediation              -> eligible, with the bipartite-minutes reminder
core::Result<core::EligibilityOutcome, core::ServiceError> fakeDecide(const std::string& nik,
                                                                      const core::CivilDate& today) {
    const core::NikAnalysis a = core::analyzeNik(nik, today);
    if (!a.valid()) return core::unexpected(core::ServiceError{core::ServiceErrorKind::Invalid, "invalid_nik"});
    const std::string serial = a.digits.substr(12, 4);
    if (serial == "0404") return core::unexpected(core::ServiceError{core::ServiceErrorKind::NotFound, "not_found"});
    if (serial == "0500") return core::unexpected(core::ServiceError{core::ServiceErrorKind::ServerError, "internal"});

    core::EligibilityOutcome o;
    o.person.displayName = "Warga Demo " + serial;
    o.person.maskedNik = core::maskNik(a.digits);
    o.person.birthDate = a.birthDate;
    o.person.inSemarang = a.regencyCode == "3374";
    o.person.kecamatan = a.kecamatanName.value_or("");
    const int age = a.age.value_or(0);
    const char last = serial.back();

    if (age >= 65) o.programs[0] = decision(ProgramId::PijarSemar, DecisionStatus::Ineligible, "age_over_limit");
    else if (!o.person.inSemarang)
        o.programs[0] = decision(ProgramId::PijarSemar, DecisionStatus::ReferToStaff, "domicile_check");
    else if (last == '9')
        o.programs[0] = decision(ProgramId::PijarSemar, DecisionStatus::AlreadyEnrolled, "already_enrolled");
    else if (last == '8')
        o.programs[0] = decision(ProgramId::PijarSemar, DecisionStatus::Eligible, "apbd_full_dbhcht", Funding::Dbhcht, 212);
    else o.programs[0] = decision(ProgramId::PijarSemar, DecisionStatus::Eligible, "", Funding::Apbd, 783);

    o.programs[1] = age < 18 ? decision(ProgramId::Blk, DecisionStatus::Ineligible, "age_under_18")
                             : decision(ProgramId::Blk, DecisionStatus::Eligible, "");
    o.programs[2] = decision(ProgramId::Mediation, DecisionStatus::Eligible, "bipartite_first");
    o.person.bpjsActive = o.programs[0].status == DecisionStatus::AlreadyEnrolled;
    return o;
}

}  // namespace kiosk::services

namespace kiosk::services {

std::unique_ptr<EligibilityService> makeFakeEligibilityService(int latencyMs, Post post) {
    return std::make_unique<FakeEligibilityService>(latencyMs, std::move(post));
}

}  // namespace kiosk::services
