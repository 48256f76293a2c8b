// The in-process demo service: its decision table and its thread (replies arrive by Post, cancel works).
#include <doctest/doctest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>

#include "services/eligibility_service.hpp"

using namespace kiosk;
using core::DecisionStatus;

namespace {
constexpr core::CivilDate kToday{2026, 11, 30};

struct Inbox {
    std::mutex m;
    std::condition_variable cv;
    std::vector<core::Event> events;
    services::Post post() {
        return [this](core::Event e) {
            std::lock_guard l(m);
            events.push_back(std::move(e));
            cv.notify_all();
        };
    }
    bool waitFor(std::size_t n, int ms) {
        std::unique_lock l(m);
        return cv.wait_for(l, std::chrono::milliseconds(ms), [&] { return events.size() >= n; });
    }
};
}  // namespace

TEST_CASE("fake: a Semarang worker of 41 is eligible on APBD") {
    auto r = services::fakeDecide("3374015203850002", kToday);
    REQUIRE(r.ok());
    const auto& p = r->decision(core::ProgramId::PijarSemar);
    CHECK(p.status == DecisionStatus::Eligible);
    CHECK(p.funding == core::Funding::Apbd);
    CHECK(r->person.maskedNik == "3374 •••• •••• 0002");
}

TEST_CASE("fake: age 65 and over is not eligible for Pijar Semar") {
    auto r = services::fakeDecide("3374011203600002", kToday);  // born 1960
    REQUIRE(r.ok());
    CHECK(r->decision(core::ProgramId::PijarSemar).status == DecisionStatus::Ineligible);
    CHECK(r->decision(core::ProgramId::PijarSemar).reasons.at(0).code == "age_over_limit");
}

TEST_CASE("fake: serial 0404 is unknown to the population data") {
    auto r = services::fakeDecide("3374015203850404", kToday);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == core::ServiceErrorKind::NotFound);
}

TEST_CASE("fake: DBHCHT when APBD is full and already enrolled") {
    CHECK(services::fakeDecide("3374015203850008", kToday)->decision(core::ProgramId::PijarSemar).funding ==
          core::Funding::Dbhcht);
    CHECK(services::fakeDecide("3374015203850009", kToday)->decision(core::ProgramId::PijarSemar).status ==
          DecisionStatus::AlreadyEnrolled);
}

TEST_CASE("fake service replies on its own thread after its latency") {
    Inbox inbox;
    auto svc = services::makeFakeEligibilityService(20, inbox.post());
    svc->check(7, "3374015203850002");
    REQUIRE(inbox.waitFor(1, 5000));
    const auto* a = std::get_if<core::ev::EligibilityArrived>(&inbox.events[0]);
    REQUIRE(a != nullptr);
    CHECK(a->requestId == 7);
}

TEST_CASE("fake service never answers a cancelled request") {
    Inbox inbox;
    auto svc = services::makeFakeEligibilityService(150, inbox.post());
    svc->check(1, "3374015203850002");
    svc->cancel(1);
    svc->check(2, "3374015203850404");
    REQUIRE(inbox.waitFor(1, 5000));
    CHECK_FALSE(inbox.waitFor(2, 400));
    const auto* f = std::get_if<core::ev::EligibilityFailed>(&inbox.events[0]);
    REQUIRE(f != nullptr);
    CHECK(f->requestId == 2);
}
