#pragma once
// The real eligibility service: CentralApi on one worker thread, behind EligibilityService.
//
// check() queues and returns at once; requests run one at a time, in order. cancel() drops a queued request or
// aborts the one in flight (curl and the backoff sleep both watch its flag): no event is ever posted for a
// cancelled request. Destruction cancels everything and joins within ~50 ms even if the server hangs.
// Post is called from the worker thread with the service's lock held, so it must only enqueue (the app's
// EventQueue::push does) and never call back into this service.
#include <memory>

#include "services/central_api.hpp"
#include "services/eligibility_service.hpp"
#include "services/http_client.hpp"

namespace kiosk::services {

std::unique_ptr<EligibilityService> makeHttpEligibilityService(HttpSettings s, RetryPolicy p, Post post);

}  // namespace kiosk::services
