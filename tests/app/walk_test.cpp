// Headless tap walks from Attract to the results against the running sandbox over HTTP, the way
// the app wires it: screens return intents, the reducer returns commands, the real
// HttpEligibilityService answers through an event queue drained while frames keep rendering.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "app/event_queue.hpp"
#include "running_sandbox.hpp"
#include "services/http_eligibility_service.hpp"
#include "ui/sample_states.hpp"
#include "ui_harness.hpp"

using namespace kiosk;
using Clock = std::chrono::steady_clock;

namespace {

using testing::harness;

class Walk {
public:
    Walk() {
        services::HttpSettings http;
        http.baseUrl = m_sandbox.baseUrl();
        http.token = testing::kDemoToken;
        m_service = services::makeHttpEligibilityService(http, services::RetryPolicy{},
                                                          [this](core::Event e) { m_queue.push(std::move(e)); });
    }
    ~Walk() { m_service.reset(); }

    void apply(const core::Event& e) {
        auto t = core::next(std::move(m_state), e, ui::kSampleToday);
        m_state = std::move(t.state);
        for (const auto& c : t.commands) {
            if (const auto* r = std::get_if<core::cmd::RequestEligibility>(&c)) m_service->check(r->requestId, r->nik);
            if (const auto* x = std::get_if<core::cmd::CancelEligibility>(&c)) m_service->cancel(x->requestId);
        }
    }
    void tap(const std::string& id) {
        const auto intent = harness().tap(m_state, id);
        REQUIRE_MESSAGE(intent.has_value(), "tapping " << id << " did nothing");
        apply(*intent);
        ++m_taps;
    }
    // Renders frames (as the app's loop does) until the reply arrives; returns the wait in ms.
    double waitForReply() {
        const auto t0 = Clock::now();
        while (std::holds_alternative<core::CheckingEligibility>(m_state.screen)) {
            harness().frame(m_state);
            for (auto& e : m_queue.drain()) apply(e);
            REQUIRE(Clock::now() - t0 < std::chrono::seconds(10));
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        harness().frame(m_state);
        return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    }
    void identify(const std::string& nik) {
        tap("attract.start_area");
        tap("language.id");
        for (char c : nik) tap(std::string("keypad.") + c);
        tap("identify.continue");
        REQUIRE(std::holds_alternative<core::ConfirmIdentity>(m_state.screen));
        tap("confirm.yes");
        REQUIRE(std::holds_alternative<core::CheckingEligibility>(m_state.screen));
        waitForReply();
    }
    void pump() {
        for (auto& e : m_queue.drain()) apply(e);
    }
    const core::VisitState& state() const { return m_state; }
    const core::ProgramDecision& decision(core::ProgramId p) const {
        return std::get<core::Results>(m_state.screen).outcome.decision(p);
    }

private:
    testing::RunningSandbox m_sandbox;
    app::EventQueue m_queue;
    std::unique_ptr<services::EligibilityService> m_service;
    core::VisitState m_state = core::initialVisit(core::VisitSettings{}, 0);
    int m_taps = 0;
};

}  // namespace

TEST_CASE("walk: an eligible worker sees Pijar Semar on APBD and finishes back at Attract") {
    Walk w;
    w.identify("3374016107849001");
    REQUIRE(std::holds_alternative<core::Results>(w.state().screen));
    const auto& ps = w.decision(core::ProgramId::PijarSemar);
    CHECK(ps.status == core::DecisionStatus::Eligible);
    CHECK(ps.funding == core::Funding::Apbd);
    CHECK(ps.placesLeft.value_or(0) > 0);
    CHECK(std::get<core::Results>(w.state().screen).outcome.person.displayName == "Siti Aminah");
    w.tap("results.finish");
    REQUIRE(std::holds_alternative<core::Receipt>(w.state().screen));
    CHECK(std::get<core::Receipt>(w.state().screen).maskedNik == "3374 •••• •••• 9001");
    w.tap("receipt.done");
    CHECK(std::holds_alternative<core::Attract>(w.state().screen));
    CHECK_FALSE(core::holdsPersonalData(w.state()));
}

TEST_CASE("walk: Tugu's APBD quota is full so DBHCHT is offered") {
    Walk w;
    w.identify("3374161102699021");
    const auto& ps = w.decision(core::ProgramId::PijarSemar);
    CHECK(ps.status == core::DecisionStatus::Eligible);
    CHECK(ps.funding == core::Funding::Dbhcht);
    REQUIRE_FALSE(ps.reasons.empty());
    CHECK(ps.reasons[0].code == "apbd_full_dbhcht");
}

TEST_CASE("walk: 65 and over is refused with the reason") {
    Walk w;
    w.identify("3374082911619025");
    const auto& ps = w.decision(core::ProgramId::PijarSemar);
    CHECK(ps.status == core::DecisionStatus::Ineligible);
    REQUIRE_FALSE(ps.reasons.empty());
    CHECK(ps.reasons[0].code == "age_over_limit");
}

TEST_CASE("walk: already enrolled and refer to staff") {
    {
        Walk w;
        w.identify("3374131905749023");
        CHECK(w.decision(core::ProgramId::PijarSemar).status == core::DecisionStatus::AlreadyEnrolled);
        const auto& person = std::get<core::Results>(w.state().screen).outcome.person;
        REQUIRE(person.bpjsSince.has_value());  // covered since 3 November 2025 in the seed
        CHECK(*person.bpjsSince == core::CivilDate{2025, 11, 3});
    }
    {
        Walk w;
        w.identify("3374140606739035");
        CHECK(w.decision(core::ProgramId::PijarSemar).status == core::DecisionStatus::ReferToStaff);
    }
}

TEST_CASE("walk: a NIK unknown to the population data shows the problem screen without retry") {
    Walk w;
    w.identify("3374026508909404");
    REQUIRE(std::holds_alternative<core::ServiceProblem>(w.state().screen));
    CHECK(std::get<core::ServiceProblem>(w.state().screen).error.kind == core::ServiceErrorKind::NotFound);
    harness().frame(w.state());
    CHECK(harness().targets().count("problem.retry") == 0);
    w.tap("problem.finish");
    CHECK(std::holds_alternative<core::Attract>(w.state().screen));
}

TEST_CASE("walk: cancelling the wait returns to confirm and no late answer moves the screen") {
    Walk w;
    w.tap("attract.start_area");
    w.tap("language.id");
    for (char c : std::string("3374016107849001")) w.tap(std::string("keypad.") + c);
    w.tap("identify.continue");
    w.tap("confirm.yes");
    w.tap("checking.cancel");
    REQUIRE(std::holds_alternative<core::ConfirmIdentity>(w.state().screen));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    w.pump();
    harness().frame(w.state());
    CHECK(std::holds_alternative<core::ConfirmIdentity>(w.state().screen));
}
