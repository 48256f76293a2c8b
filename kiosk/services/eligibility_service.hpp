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

}  // namespace kiosk::services
