// Sections: bounded JSON · strict readers · errorFromResponse · parseEligibility · backoff · CentralApi.
#include "services/central_api.hpp"

#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/visit.hpp"  // secureWipe

namespace kiosk::services {
namespace {

using core::ServiceError;
using core::ServiceErrorKind;
using Json = nlohmann::json;

ServiceError badResponse() { return ServiceError{ServiceErrorKind::ServerError, "bad_response"}; }
ServiceError cancelledError() { return ServiceError{ServiceErrorKind::Offline, "cancelled"}; }

// ---- bounded JSON --------------------------------------------------------------------------------
// One linear pass before nlohmann sees the text, so hostile nesting cannot exhaust the stack.
bool withinBounds(std::string_view s) {
    if (s.size() > kMaxJsonBytes) return false;
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    for (const char c : s) {
        if (inString) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') inString = false;
            continue;
        }
        if (c == '"') inString = true;
        else if (c == '[' || c == '{') {
            if (++depth > kMaxJsonDepth) return false;
        } else if (c == ']' || c == '}') --depth;
    }
    return true;
}

std::optional<Json> parseJson(std::string_view s) {
    if (!withinBounds(s)) return std::nullopt;
    try {
        Json j = Json::parse(s.begin(), s.end(), nullptr, /*allow_exceptions=*/false);
        if (j.is_discarded()) return std::nullopt;
        return j;
    } catch (...) {  // bad_alloc, or anything nlohmann might still throw
        return std::nullopt;
    }
}

// ---- strict readers --------------------------------------------------------------------------------
// Thrown inside this file only and caught by the public functions: keeps the schema code linear.
struct BadShape {};
[[noreturn]] void bad() { throw BadShape{}; }

bool isMachineCode(std::string_view s) {
    return !s.empty() && s.size() <= 64 &&
           std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

// nullptr when absent.
const Json* findField(const Json& obj, const char* key) {
    if (!obj.is_object()) bad();
    const auto it = obj.find(key);
    return it == obj.end() ? nullptr : &*it;
}
const Json& requiredField(const Json& obj, const char* key) {
    const Json* v = findField(obj, key);
    if (v == nullptr) bad();
    return *v;
}
const Json& objectField(const Json& obj, const char* key) {
    const Json& v = requiredField(obj, key);
    if (!v.is_object()) bad();
    return v;
}
std::string stringField(const Json& obj, const char* key) {
    const Json& v = requiredField(obj, key);
    if (!v.is_string()) bad();
    return v.get<std::string>();
}
// Absent or null -> nullopt; any other non-string is an error.
std::optional<std::string> optionalStringField(const Json& obj, const char* key) {
    const Json* v = findField(obj, key);
    if (v == nullptr || v->is_null()) return std::nullopt;
    if (!v->is_string()) bad();
    return v->get<std::string>();
}
bool boolField(const Json& obj, const char* key) {
    const Json& v = requiredField(obj, key);
    if (!v.is_boolean()) bad();
    return v.get<bool>();
}
int nonNegativeIntField(const Json& obj, const char* key) {
    const Json& v = requiredField(obj, key);
    if (!v.is_number_unsigned()) bad();  // negative, float, string, ... (nlohmann reads 0 and up as unsigned)
    const auto n = v.get<std::uint64_t>();
    if (n > static_cast<std::uint64_t>(INT_MAX)) bad();
    return static_cast<int>(n);
}

core::CivilDate isoDate(const std::string& s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') bad();
    auto digits = [&](std::size_t from, std::size_t n) {
        int v = 0;
        for (std::size_t i = from; i < from + n; ++i) {
            if (s[i] < '0' || s[i] > '9') bad();
            v = v * 10 + (s[i] - '0');
        }
        return v;
    };
    const core::CivilDate d{digits(0, 4), digits(5, 2), digits(8, 2)};
    if (!core::isValidDate(d)) bad();
    return d;
}

core::LocalizedText localizedText(const Json& obj, const char* key) {
    const Json& v = objectField(obj, key);
    core::LocalizedText t;
    for (const core::Lang l : core::kAllLangs) {
        const std::string code(core::langCode(l));
        if (l == core::Lang::Id) t.text[core::langIndex(l)] = stringField(v, code.c_str());
        else t.text[core::langIndex(l)] = optionalStringField(v, code.c_str()).value_or("");
    }
    if (t.text[core::langIndex(core::Lang::Id)].empty()) bad();
    return t;
}

core::DecisionStatus decisionStatus(const std::string& s) {
    if (s == "eligible") return core::DecisionStatus::Eligible;
    if (s == "ineligible") return core::DecisionStatus::Ineligible;
    if (s == "already_enrolled") return core::DecisionStatus::AlreadyEnrolled;
    if (s == "refer_to_staff") return core::DecisionStatus::ReferToStaff;
    bad();
}

core::Funding fundingSource(const std::string& s) {
    if (s == "APBD") return core::Funding::Apbd;
    if (s == "DBHCHT") return core::Funding::Dbhcht;
    bad();
}

core::ProgramDecision programDecision(const Json& programs, const char* key, core::ProgramId id) {
    const Json& p = objectField(programs, key);
    core::ProgramDecision d;
    d.program = id;
    d.status = decisionStatus(stringField(p, "status"));
    const Json& reasons = requiredField(p, "reasons");
    if (!reasons.is_array()) bad();
    for (const Json& r : reasons) {
        core::Reason reason;
        reason.code = stringField(r, "code");
        if (!isMachineCode(reason.code)) bad();
        reason.message = localizedText(r, "message");
        d.reasons.push_back(std::move(reason));
    }
    const Json* funding = findField(p, "funding");
    if (funding != nullptr && !funding->is_null()) {
        if (!funding->is_object()) bad();
        const core::Funding source = fundingSource(stringField(*funding, "source"));
        const int placesLeft = nonNegativeIntField(*funding, "places_left");
        if (id == core::ProgramId::PijarSemar && d.status == core::DecisionStatus::Eligible) {
            d.funding = source;
            d.placesLeft = placesLeft;
        }
    }
    if (id == core::ProgramId::PijarSemar && d.status == core::DecisionStatus::Eligible &&
        d.funding == core::Funding::None)
        bad();  // an offer must say who pays
    return d;
}

}  // namespace

// ---- errorFromResponse ---------------------------------------------------------------------------
core::ServiceError errorFromResponse(const HttpResponse& r) {
    std::optional<std::string> code;
    if (const auto j = parseJson(r.body)) {
        try {
            std::string c = stringField(objectField(*j, "error"), "code");
            if (isMachineCode(c)) code = std::move(c);
        } catch (...) {  // no code: decided by the status below
        }
    }
    const long s = r.status;
    if (s == 401 || s == 403)
        return ServiceError{ServiceErrorKind::Unauthorized, code.value_or(s == 401 ? "unauthorized" : "forbidden")};
    if (!code || s < 400 || s > 599) return badResponse();
    if (s == 404) return ServiceError{ServiceErrorKind::NotFound, *code};
    if (s == 409) return ServiceError{ServiceErrorKind::Refused, *code};
    if (s == 429 || s >= 500) return ServiceError{ServiceErrorKind::ServerError, *code};
    return ServiceError{ServiceErrorKind::Invalid, *code};  // 400, 422 and the other 4xx (413, 415, ...)
}

// ---- parseEligibility ----------------------------------------------------------------------------
core::Result<core::EligibilityOutcome, core::ServiceError> parseEligibility(std::string_view body) {
    const auto j = parseJson(body);
    if (!j) return core::unexpected(badResponse());
    try {
        core::EligibilityOutcome o;
        const Json& person = objectField(*j, "person");
        o.person.displayName = stringField(person, "display_name");
        o.person.maskedNik = stringField(person, "masked_nik");
        if (std::count_if(o.person.maskedNik.begin(), o.person.maskedNik.end(),
                          [](char c) { return c >= '0' && c <= '9'; }) > 8)
            bad();
        if (const auto birth = optionalStringField(person, "birth_date")) o.person.birthDate = isoDate(*birth);
        (void)optionalStringField(person, "sex");
        const Json& domicile = objectField(person, "domicile");
        o.person.kecamatan = stringField(domicile, "kecamatan");
        o.person.kelurahan = stringField(domicile, "kelurahan");
        o.person.inSemarang = boolField(domicile, "in_semarang");

        const Json& bpjs = objectField(*j, "bpjs_ketenagakerjaan");
        o.person.bpjsActive = boolField(bpjs, "active");
        if (const auto since = optionalStringField(bpjs, "since")) (void)isoDate(*since);

        const Json& programs = objectField(*j, "programs");
        o.programs[0] = programDecision(programs, "pijar_semar", core::ProgramId::PijarSemar);
        o.programs[1] = programDecision(programs, "blk", core::ProgramId::Blk);
        o.programs[2] = programDecision(programs, "mediation", core::ProgramId::Mediation);
        return o;
    } catch (...) {  // BadShape, or a json/alloc exception: never out of here
        return core::unexpected(badResponse());
    }
}

// ---- backoff -------------------------------------------------------------------------------------
namespace {
int backoffCeilingMs(const RetryPolicy& p, int attempt) {
    const std::int64_t cap = std::max(0, p.capDelayMs);
    std::int64_t c = std::max(0, p.baseDelayMs);
    for (int i = 0; i < attempt && c > 0 && c < cap; ++i) c *= 2;
    return static_cast<int>(std::min(c, cap));
}
}  // namespace

int backoffDelayMs(const RetryPolicy& p, int attempt, std::optional<int> retryAfterSeconds, std::uint32_t randomValue) {
    const auto ceiling = static_cast<std::uint32_t>(backoffCeilingMs(p, attempt));
    int delay = static_cast<int>(randomValue % (ceiling + 1U));
    if (retryAfterSeconds && *retryAfterSeconds > 0) {
        const std::int64_t floorMs = std::min<std::int64_t>(std::int64_t{*retryAfterSeconds} * 1000, INT_MAX);
        delay = std::max(delay, static_cast<int>(floorMs));
    }
    return delay;
}

// ---- CentralApi ----------------------------------------------------------------------------------
namespace {
constexpr int kCancelCheckMs = 20;

bool cancelRequested(const std::atomic<bool>* cancel) { return cancel != nullptr && cancel->load(); }

// false when cancelled while waiting.
bool sleepUnlessCancelled(int ms, const std::atomic<bool>* cancel) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (!cancelRequested(cancel)) {
        const auto now = std::chrono::steady_clock::now();
        if (now >= until) return true;
        std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(until - now, std::chrono::milliseconds(kCancelCheckMs)));
    }
    return false;
}

std::uint32_t jitter(const RetryPolicy& p, int attempt) {
    static const bool sodiumReady = sodium_init() >= 0;  // once per process; thread-safe
    const auto ceiling = static_cast<std::uint32_t>(backoffCeilingMs(p, attempt));
    return sodiumReady ? randombytes_uniform(ceiling + 1U) : ceiling / 2U;
}

bool isSixteenDigits(const std::string& s) {
    return s.size() == 16 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

struct WipeOnExit {
    std::string& s;
    ~WipeOnExit() { core::secureWipe(s); }
};
}  // namespace

CentralApi::CentralApi(HttpSettings s, RetryPolicy p) : m_http(std::move(s)), m_policy(p) {}

core::Result<core::EligibilityOutcome, core::ServiceError> CentralApi::eligibility(const std::string& nik,
                                                                                   const std::atomic<bool>* cancel) {
    if (!isSixteenDigits(nik)) return core::unexpected(ServiceError{ServiceErrorKind::Invalid, "invalid_nik"});
    HttpRequest request{"POST", "/eligibility", R"({"nik":")" + nik + R"("})", ""};
    const WipeOnExit wipeBody{request.body};

    const int attempts = std::max(1, m_policy.maxAttempts);
    ServiceError last = badResponse();
    for (int attempt = 0; attempt < attempts; ++attempt) {
        if (cancelRequested(cancel)) return core::unexpected(cancelledError());
        auto sent = m_http.send(request, cancel);
        std::optional<int> retryAfter;
        if (!sent.ok()) {
            last = sent.error();
            const bool retryable = last.code != "cancelled" &&
                                   (last.kind == ServiceErrorKind::Offline || last.kind == ServiceErrorKind::Timeout);
            if (!retryable) return core::unexpected(last);
        } else {
            HttpResponse& response = sent.value();
            const WipeOnExit wipeResponse{response.body};  // a 200 names the person
            if (response.status == 200) return parseEligibility(response.body);
            last = errorFromResponse(response);
            if (response.status != 429 && (response.status < 500 || response.status > 599))
                return core::unexpected(last);
            retryAfter = response.retryAfterSeconds;
        }
        if (attempt + 1 >= attempts) break;
        if (retryAfter && *retryAfter > kMaxHonouredRetryAfterSeconds) break;
        if (!sleepUnlessCancelled(backoffDelayMs(m_policy, attempt, retryAfter, jitter(m_policy, attempt)), cancel))
            return core::unexpected(cancelledError());
    }
    return core::unexpected(last);
}

core::Result<std::string, core::ServiceError> CentralApi::health() {
    auto sent = m_http.send(HttpRequest{"GET", "/health", "", ""});
    if (!sent.ok()) return core::unexpected(sent.error());
    if (sent->status != 200) return core::unexpected(errorFromResponse(sent.value()));
    const auto j = parseJson(sent->body);
    if (!j) return core::unexpected(badResponse());
    try {
        if (stringField(*j, "status") != "ok") bad();
        std::string version = stringField(*j, "version");
        if (version.empty() || version.size() > 64) bad();
        return version;
    } catch (...) {
        return core::unexpected(badResponse());
    }
}

}  // namespace kiosk::services
