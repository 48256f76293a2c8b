#pragma once
// The central API v1, typed (wire shapes: kiosk/sandbox/openapi.json). Blocking: worker threads only.
// Sections: retry policy and limits · result types · request types · pure parsers · CentralApi.
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
#include <vector>

#include "core/eligibility.hpp"
#include "core/enrollment.hpp"
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

// ---- result types (what the kiosk shows; no NIK, phone or name beyond a masked NIK) ---------------
using Occupation = core::Occupation;  // {code, name}: the picker shows exactly what the API sent

struct Course {
    std::string id;  // e.g. "BLK-OTO-01"
    core::LocalizedText title;
    std::string start, end;  // ISO dates, checked
    std::string days, time;  // display text from the server, e.g. "Senin–Jumat", "08:00–15:00"
    int seatsTotal = 0, seatsLeft = 0;  // 0 <= seatsLeft <= seatsTotal; 0 left: registrations go to the waitlist
    int minAge = 0, maxAge = 0;         // minAge <= maxAge
    std::string residency;              // e.g. "kota_semarang"
    std::vector<std::string> documents;  // machine codes: "ktp", "ijazah", ...
};

struct MediationSlot {
    std::string id;    // "MED-YYYYMMDD-HHMM"
    std::string date;  // ISO date, checked
    std::string time;  // "HH:MM"
    bool available = false;
};

struct Submission {
    std::string reference, program, status, maskedNik, createdAt;
};

// The kiosk's settings as the central API holds them (not core::KioskConfig, which is the local file).
struct KioskRemoteConfig {
    std::string kioskId;
    std::vector<std::string> languages;  // known codes only ("id", "en", "jv"), at least one
    std::string defaultLanguage;         // one of languages
    int idleSeconds = 0, idleCountdownSeconds = 0;
};

// A 201 from one of the three creates, also when it is the server's replay of an earlier answer to the
// same idempotency key. Fields a program does not have stay empty / nullopt.
struct Created {
    long httpStatus = 0;  // 201
    std::string reference;  // [A-Za-z0-9-]{1,40}, printed on the receipt
    std::string program;    // "pijar_semar", "blk" or "mediation"
    std::string status;     // "received" (pijar_semar), "registered"/"waitlisted" (blk), "booked" (mediation)
    std::string fundingSource;  // pijar_semar: "APBD" or "DBHCHT"
    std::optional<int> placesLeft;        // pijar_semar: left in that quota
    std::optional<int> waitlistPosition;  // blk: >= 1 when waitlisted, nullopt when registered
    std::string maskedNik;
};

// ---- request types (mirror the JSON bodies; the server validates every field) ------------------------
struct Address {
    std::string kecamatan, kelurahan;
    std::string rt, rw;  // 1..3 digits, e.g. "004"
};

// Provable consent (UU 27/2022 PDP): which text, in which language, read aloud or not, when, where.
struct Consent {
    std::string textVersion;  // e.g. "pdp-2026-01"
    core::Lang language = core::Lang::Id;
    bool readAloud = false;
    std::string acceptedAt;  // ISO date-time with offset
    std::string kioskId;
    bool shareWithBpjs = false;  // the server refuses false (invalid_fields consent.share_with_bpjs)
    bool smsReminders = false;
};

struct EnrollmentRequest {
    std::string kioskReference;  // optional: the outbox's local reference, so a receipt printed offline is found later
    std::string nik;         // 16 digits
    std::string occupation;  // a code from occupations()
    std::string phone;       // 08… or +628…
    Address address;
    Consent consent;
};

struct BlkRequest {
    std::string nik, courseId, phone;
};

struct Bipartite {
    bool held = false;     // must be true: bipartite talks come first
    std::string evidence;  // "risalah" or "invitation_letters"
};

struct MediationRequest {
    std::string nik;
    std::string slotId;       // from slots()
    std::string disputeType;  // "phk", "hak", "kepentingan" or "antar_serikat"
    std::string phone;
    std::string employerName;
    Bipartite bipartite;
};

// ---- pure parsers and helpers ----------------------------------------------------------------------

// Pure: maps an HTTP error response to the taxonomy. 401/403 -> Unauthorized (code from the body, else
// "unauthorized"/"forbidden": the status alone is unambiguous). Every other status needs the spec's error body
// {"error":{"code":"..."}} with a machine code ([a-z0-9_], <= 64 chars), else ServerError "bad_response" — so a
// proxy's HTML 404 (wrong base URL) never tells a person they are unknown to the population data.
// 404 -> NotFound; 409 -> Refused; 400/422 and other 4xx -> Invalid; 429 and 5xx -> ServerError; anything else
// (1xx/2xx/3xx) -> ServerError "bad_response". The body's optional error.fields (dotted field paths such as
// "phone" or "consent.kiosk_id", [A-Za-z0-9_.]{1,64}, at most 64) land in ServiceError::fields; present but of
// the wrong shape -> "bad_response" too.
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

// Pure parsers of the other 2xx bodies, as strict as parseEligibility (ServerError "bad_response" on any wrong
// type, missing field, bad date, unknown enum string, negative count; unknown extra fields ignored).
// {"occupations":[{code (machine code), name}]}
core::Result<std::vector<Occupation>, core::ServiceError> parseOccupations(std::string_view body);
// {"courses":[{id, title, schedule{start, end, days, time}, seats_total, seats_left,
//              requirements{min_age, max_age, residency, documents[]}}]}
core::Result<std::vector<Course>, core::ServiceError> parseCourses(std::string_view body);
// {"slots":[{id, date, time, available}]}; the id must be MED-<date digits>-<time digits> of that slot.
core::Result<std::vector<MediationSlot>, core::ServiceError> parseSlots(std::string_view body);
// {reference, program, status, masked_nik, created_at}; program and status from the contract's enums.
core::Result<Submission, core::ServiceError> parseSubmission(std::string_view body);
// {kiosk_id, languages[], default_language, idle_seconds, idle_countdown_seconds}
core::Result<KioskRemoteConfig, core::ServiceError> parseKioskConfig(std::string_view body);
// {"received_at":"..."} -> received_at
core::Result<std::string, core::ServiceError> parseHeartbeat(std::string_view body);
// {"status":"ok","version":"..."} -> version (1..64 chars)
core::Result<std::string, core::ServiceError> parseHealth(std::string_view body);
// A 201 body of a create for `program` ("pijar_semar", "blk", "mediation"); a body for another program is refused.
// pijar_semar: status "received" and funding{source, places_left}; blk: status "registered" with
// waitlist_position null, or "waitlisted" with a position >= 1; mediation: status "booked" and a slot object.
// httpStatus is set to 201 (only 201 bodies are parsed).
core::Result<Created, core::ServiceError> parseCreated(std::string_view program, std::string_view body);

// What may go into a URL path: a submission reference [A-Za-z0-9-]{1,40}, a kiosk id [A-Za-z0-9_-]{1,64}.
// Idempotency keys [A-Za-z0-9_-]{1,100} (the contract's pattern; they travel as a header).
bool isValidReference(std::string_view s);
bool isValidKioskId(std::string_view s);
bool isValidIdempotencyKey(std::string_view s);

// Every call: Offline/Timeout errors come from the transport (a connection lost mid-answer is Offline), an answer
// other than the expected status goes through errorFromResponse, a body through the parser above. Calls that
// retry do so on Offline/Timeout (not "cancelled"), 429 and 5xx, up to maxAttempts, sleeping backoffDelayMs between
// attempts (interruptible by cancel, checked every 20 ms; no retry when Retry-After exceeds
// kMaxHonouredRetryAfterSeconds). Never on other 4xx, Tls or bad responses. Cancelled -> Offline "cancelled".
// Input refused locally is Invalid with nothing sent. Request bodies are wiped before a call returns.
// The JSON bodies of the creates, as the contract defines them. The outbox seals these at rest.
std::string enrollmentBody(const EnrollmentRequest& r);
std::string blkBody(const BlkRequest& r);
std::string mediationBody(const MediationRequest& r);
// The create path of a program, or nullopt for an unknown program.
std::optional<std::string_view> createPath(std::string_view program);
inline constexpr std::string_view kJsonType = "application/json";
inline constexpr std::string_view kSealedType = "application/vnd.pijar.sealed";

class CentralApi {
public:
    CentralApi(HttpSettings s, RetryPolicy p = {});

    // POST /eligibility {"nik":...}. The NIK must be 16 ASCII digits (else Invalid "invalid_nik", nothing sent).
    // Retries (it is a read). The response body (it names the person) is wiped too.
    core::Result<core::EligibilityOutcome, core::ServiceError> eligibility(const std::string& nik,
                                                                          const std::atomic<bool>* cancel = nullptr);
    // GET /health, one attempt: the server's version string when it answers {"status":"ok","version":"..."}.
    core::Result<std::string, core::ServiceError> health();

    // ---- reads (retried) ----
    // GET /pijar-semar/occupations
    core::Result<std::vector<Occupation>, core::ServiceError> occupations(const std::atomic<bool>* cancel = nullptr);
    // GET /blk/courses
    core::Result<std::vector<Course>, core::ServiceError> courses(const std::atomic<bool>* cancel = nullptr);
    // GET /mediation/slots?from=YYYY-MM-DD&days=N: only the date and the day count travel in the URL.
    // fromIsoDate must be a valid ISO date (else Invalid "invalid_fields" {"from"}), days 1..60 (else {"days"}).
    core::Result<std::vector<MediationSlot>, core::ServiceError> slots(const std::string& fromIsoDate, int days,
                                                                      const std::atomic<bool>* cancel = nullptr);
    // GET /submissions/{reference}; a reference outside [A-Za-z0-9-]{1,40} -> Invalid "invalid_reference".
    core::Result<Submission, core::ServiceError> submission(const std::string& reference,
                                                            const std::atomic<bool>* cancel = nullptr);
    // GET /kiosks/{kioskId}/config; a bad id -> Invalid "invalid_kiosk_id". Another kiosk's id -> Unauthorized.
    core::Result<KioskRemoteConfig, core::ServiceError> kioskConfig(const std::string& kioskId,
                                                                    const std::atomic<bool>* cancel = nullptr);

    // POST /kiosks/{kioskId}/heartbeat, one attempt (the next heartbeat is the retry): received_at.
    // Negative uptimeS or queueDepth -> Invalid "invalid_fields" {"uptime_s"} / {"queue_depth"}.
    core::Result<std::string, core::ServiceError> heartbeat(const std::string& kioskId, const std::string& version,
                                                            long uptimeS, int queueDepth);

    // ---- creates ----
    // The caller makes the idempotency key once per submission ([A-Za-z0-9_-]{1,100}, else Invalid
    // "invalid_idempotency_key", nothing sent) and reuses it for every later try of the same submission:
    // the server answers a repeat with its first answer, so a create whose answer was lost is never made twice.
    // Retried like reads, with the SAME key and byte-identical body, and also on 409 request_in_progress
    // (the first try is still running on the server). Business refusals: 409 -> Refused with the server's code
    // (quota_full, slot_taken, already_enrolled, not_eligible, request_in_progress once retries run out);
    // 422 -> Invalid with the code (invalid_fields, unknown_field, idempotency_key_reused) and the field list.
    // POST /pijar-semar/enrollments
    core::Result<Created, core::ServiceError> enrollPijarSemar(const EnrollmentRequest& r, const std::string& idempotencyKey,
                                                               const std::atomic<bool>* cancel = nullptr);
    // POST /blk/registrations: a full course gives status "waitlisted" with its position.
    core::Result<Created, core::ServiceError> registerBlk(const BlkRequest& r, const std::string& idempotencyKey,
                                                          const std::atomic<bool>* cancel = nullptr);
    // POST /mediation/appointments
    core::Result<Created, core::ServiceError> bookMediation(const MediationRequest& r, const std::string& idempotencyKey,
                                                            const std::atomic<bool>* cancel = nullptr);
    // The outbox's path: the create of `program` ("pijar_semar", "blk", "mediation") with a body that was
    // sealed at rest (crypto_box_seal of the JSON body to the central API's key), sent as
    // application/vnd.pijar.sealed and opened only by the server. Same retries and answers as above.
    core::Result<Created, core::ServiceError> deliverSealed(std::string_view program, std::string sealedBody,
                                                            const std::string& idempotencyKey,
                                                            const std::atomic<bool>* cancel = nullptr);

private:
    enum class Attempts { One, Read, Create };  // Create: Read plus 409 request_in_progress
    // The one send/retry loop behind every call: the response when it has expectedStatus, else the error.
    // Wipes request.body before returning.
    core::Result<HttpResponse, core::ServiceError> exchange(HttpRequest request, long expectedStatus, Attempts attempts,
                                                            const std::atomic<bool>* cancel);
    // The creates after their bodies are built: key check, exchange (201), parseCreated. Wipes body.
    core::Result<Created, core::ServiceError> create(std::string_view program, std::string body, std::string_view contentType,
                                                     const std::string& idempotencyKey, const std::atomic<bool>* cancel);

    HttpClient m_http;
    RetryPolicy m_policy;
};

}  // namespace kiosk::services
