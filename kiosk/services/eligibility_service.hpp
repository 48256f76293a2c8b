#pragma once
// The central API's eligibility check, behind an interface (STYLE pattern 8). Implementations
// work on their own thread and report through `Post`, which must be thread-safe (the app's event
// queue). check() and cancel() return at once: the UI thread never waits on them.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/result.hpp"
#include "core/visit.hpp"

namespace kiosk::services {

using Post = std::function<void(core::Event)>;

class EligibilityService {
public:
    virtual ~EligibilityService() = default;
    virtual void check(std::uint64_t requestId, std::string nik) = 0;
    virtual void cancel(std::uint64_t requestId) = 0;
};

// In-process stand-in used until the central API client lands. The UI labels it DEMO on every
// screen. Outcomes follow from the NIK alone (see fake_eligibility.cpp for the table).
std::unique_ptr<EligibilityService> makeFakeEligibilityService(int latencyMs, Post post);

// The decision table of the fake, pure so that tests and the CLI can use it.
core::Result<core::EligibilityOutcome, core::ServiceError> fakeDecide(const std::string& nik, const core::CivilDate& today);

}  // namespace kiosk::services
