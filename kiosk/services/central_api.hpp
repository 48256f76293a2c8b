#pragma once
// The central API v1, typed (wire shapes: the team's API spec). Blocking: worker threads only.
//
// Why the pure functions are public: every byte from the network is hostile until parsed, so the parsing
// and the error taxonomy are tested without a server (tests/services/central_api_test.cpp).
// Nothing here throws; every failure is a core::ServiceError whose code is a machine code, never personal data.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/eligibility.hpp"
#include "core/result.hpp"
#include "services/http_client.hpp"

namespace kiosk::services {

struct RetryPolicy {
    int maxAttempts = 3;  // including the first; < 1 counts as 1
    int baseDelayMs = 250;
    int capDelayMs = 4000;
};

// JSON from the server is refused before parsing when nested deeper than this or larger than
// kMaxJsonBytes (nlohmann's parser and destructor recurse; real bodies are a few KB, depth ~5).
inline constexpr int kMaxJsonDepth = 64;
inline constexpr std::size_t kMaxJsonBytes = 1 << 20;
// A server asking (Retry-After) for a longer pause than this gets no retry: a person is waiting.
inline constexpr int kMaxHonouredRetryAfterSeconds = 30;

// Pure: maps an HTTP error response to the taxonomy. 401/403 -> Unauthorized (code from the body, else
// "unauthorized"/"forbidden": the status alone is unambiguous). Every other status needs the spec's error body
// {"error":{"code":"..."}} with a machine code ([a-z0-9_], <= 64 chars), else ServerError "bad_response" — so a
// proxy's HTML 404 (wrong base URL) never tells a person they are unknown to the population data.
// 404 -> NotFound; 409 -> Refused; 400/422 and other 4xx -> Invalid; 429 and 5xx -> ServerError; anything else
// (1xx/2xx/3xx) -> ServerError "bad_response".
core::ServiceError errorFromResponse(const HttpResponse& r);

// Pure: parses the 200 eligibility body. Strict about everything the kiosk shows: wrong types, missing required
// fields, unknown status/funding strings, bad dates, out-of-range numbers -> ServerError "bad_response".
// Unknown extra fields are ignored (forward compatible). Required: person{display_name, masked_nik,
// domicile{kecamatan, kelurahan, in_semarang}}, bpjs_ketenagakerjaan{active}, programs{pijar_semar, blk,
// mediation}, each {status, reasons[{code, message}]}; funding{source, places_left} for an eligible Pijar Semar.
// Optional but typed when present: person.birth_date (ISO date or null), person.sex, bpjs.since, funding (null ok).
// LocalizedText: "id" required; "en"/"jv" optional (missing ones fall back to "id" when shown).
// A masked_nik holding more than 8 digits is refused: the kiosk must never display a whole NIK.
core::Result<core::EligibilityOutcome, core::ServiceError> parseEligibility(std::string_view body);

// Pure: full-jitter backoff before retry number attempt+1 (attempt 0 = after the first failure):
// randomValue % (ceiling + 1) with ceiling = min(cap, base * 2^attempt), so uniform in [0, ceiling] when
// randomValue is uniform in [0, ceiling] (CentralApi draws it with randombytes_uniform). At least
// retryAfterSeconds * 1000 when the server said so (which may exceed the cap). Negative inputs count as 0.
int backoffDelayMs(const RetryPolicy& p, int attempt, std::optional<int> retryAfterSeconds, std::uint32_t randomValue);

class CentralApi {
public:
    CentralApi(HttpSettings s, RetryPolicy p = {});

    // POST /eligibility {"nik":...}. The NIK must be 16 ASCII digits (else Invalid "invalid_nik", nothing sent).
    // Retries (it is a read) on Offline/Timeout/5xx/429 up to maxAttempts, sleeping backoffDelayMs between
    // attempts (interruptible by cancel, checked every 20 ms). Never retries other 4xx, Tls or bad responses.
    // Cancelled -> Offline "cancelled". The request body (it holds the NIK) is wiped before returning.
    core::Result<core::EligibilityOutcome, core::ServiceError> eligibility(const std::string& nik,
                                                                          const std::atomic<bool>* cancel = nullptr);
    // GET /health, one attempt: the server's version string when it answers {"status":"ok","version":"..."}.
    core::Result<std::string, core::ServiceError> health();

private:
    HttpClient m_http;
    RetryPolicy m_policy;
};

}  // namespace kiosk::services
