// Sections: bounded JSON · strict readers · errorFromResponse · parseEligibility · other parsers · backoff ·
// request bodies · CentralApi (the one retry loop, then one short function per endpoint).
#include "services/central_api.hpp"

#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <initializer_list>
#include <thread>
#include <utility>
#include <vector>

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
const Json& arrayField(const Json& obj, const char* key) {
    const Json& v = requiredField(obj, key);
    if (!v.is_array()) bad();
    return v;
}
std::string nonEmptyStringField(const Json& obj, const char* key, std::size_t maxSize = 256) {
    std::string s = stringField(obj, key);
    if (s.empty() || s.size() > maxSize) bad();
    return s;
}
std::string machineCodeField(const Json& obj, const char* key) {
    std::string s = stringField(obj, key);
    if (!isMachineCode(s)) bad();
    return s;
}
std::string oneOfField(const Json& obj, const char* key, std::initializer_list<std::string_view> allowed) {
    std::string s = stringField(obj, key);
    if (std::find(allowed.begin(), allowed.end(), s) == allowed.end()) bad();
    return s;
}
// The kiosk must never display a whole NIK: more than 8 digits is refused.
std::string maskedNikField(const Json& obj, const char* key) {
    std::string s = nonEmptyStringField(obj, key, 64);
    if (std::count_if(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }) > 8) bad();
    return s;
}

bool charsetAndSize(std::string_view s, std::size_t maxSize, bool underscore) {
    return !s.empty() && s.size() <= maxSize && std::all_of(s.begin(), s.end(), [&](char c) {
               return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                      (underscore && c == '_');
           });
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
std::string isoDateField(const Json& obj, const char* key) {
    std::string s = stringField(obj, key);
    (void)isoDate(s);
    return s;
}
// "HH:MM", 00:00..23:59.
std::string timeOfDayField(const Json& obj, const char* key) {
    std::string s = stringField(obj, key);
    const auto digit = [&](std::size_t i) { return s[i] >= '0' && s[i] <= '9'; };
    if (s.size() != 5 || s[2] != ':' || !digit(0) || !digit(1) || !digit(3) || !digit(4)) bad();
    if ((s[0] - '0') * 10 + (s[1] - '0') > 23 || s[3] > '5') bad();
    return s;
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

// Parses body and hands the JSON to read(); any failure inside -> ServerError "bad_response", nothing escapes.
template <class Read>
auto parseWith(std::string_view body, Read read) -> core::Result<decltype(read(std::declval<const Json&>())), ServiceError> {
    const auto j = parseJson(body);
    if (!j) return core::unexpected(badResponse());
    try {
        return read(*j);
    } catch (...) {  // BadShape, or a json/alloc exception: never out of here
        return core::unexpected(badResponse());
    }
}

template <class Item>
auto listField(const Json& obj, const char* key, Item item) {
    std::vector<decltype(item(std::declval<const Json&>()))> out;
    for (const Json& e : arrayField(obj, key)) out.push_back(item(e));
    return out;
}

// error.fields: absent or null -> none; otherwise an array of dotted field paths.
std::vector<std::string> errorFields(const Json& error) {
    constexpr std::size_t kMaxFields = 64;
    const Json* v = findField(error, "fields");
    if (v == nullptr || v->is_null()) return {};
    if (!v->is_array() || v->size() > kMaxFields) bad();
    std::vector<std::string> out;
    for (const Json& f : *v) {
        if (!f.is_string()) bad();
        const auto& name = f.get_ref<const std::string&>();
        if (name.empty() || name.size() > 64 ||
            !std::all_of(name.begin(), name.end(), [](char c) {
                return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
            }))
            bad();
        out.push_back(name);
    }
    return out;
}

}  // namespace

// ---- errorFromResponse ---------------------------------------------------------------------------
core::ServiceError errorFromResponse(const HttpResponse& r) {
    std::optional<std::string> code;
    std::vector<std::string> fields;
    bool badFields = false;
    if (const auto j = parseJson(r.body)) {
        try {
            const Json& error = objectField(*j, "error");
            std::string c = stringField(error, "code");
            if (isMachineCode(c)) code = std::move(c);
            try {
                fields = errorFields(error);
            } catch (...) {
                badFields = true;
            }
        } catch (...) {  // no code: decided by the status below
        }
    }
    const long s = r.status;
    if (s == 401 || s == 403)
        return ServiceError{ServiceErrorKind::Unauthorized, code.value_or(s == 401 ? "unauthorized" : "forbidden")};
    if (!code || badFields || s < 400 || s > 599) return badResponse();
    const ServiceErrorKind kind = s == 404                ? ServiceErrorKind::NotFound
                                  : s == 409              ? ServiceErrorKind::Refused
                                  : s == 429 || s >= 500  ? ServiceErrorKind::ServerError
                                                          : ServiceErrorKind::Invalid;  // 400, 422, other 4xx
    return ServiceError{kind, std::move(*code), std::move(fields)};
}

// ---- parseEligibility ----------------------------------------------------------------------------
core::Result<core::EligibilityOutcome, core::ServiceError> parseEligibility(std::string_view body) {
    return parseWith(body, [](const Json& j) {
        core::EligibilityOutcome o;
        const Json& person = objectField(j, "person");
        o.person.displayName = stringField(person, "display_name");
        o.person.maskedNik = maskedNikField(person, "masked_nik");
        if (const auto birth = optionalStringField(person, "birth_date")) o.person.birthDate = isoDate(*birth);
        (void)optionalStringField(person, "sex");
        const Json& domicile = objectField(person, "domicile");
        o.person.kecamatan = stringField(domicile, "kecamatan");
        o.person.kelurahan = stringField(domicile, "kelurahan");
        o.person.inSemarang = boolField(domicile, "in_semarang");

        const Json& bpjs = objectField(j, "bpjs_ketenagakerjaan");
        o.person.bpjsActive = boolField(bpjs, "active");
        if (const auto since = optionalStringField(bpjs, "since")) o.person.bpjsSince = isoDate(*since);

        const Json& programs = objectField(j, "programs");
        o.programs[0] = programDecision(programs, "pijar_semar", core::ProgramId::PijarSemar);
        o.programs[1] = programDecision(programs, "blk", core::ProgramId::Blk);
        o.programs[2] = programDecision(programs, "mediation", core::ProgramId::Mediation);
        return o;
    });
}

// ---- other parsers -------------------------------------------------------------------------------
bool isValidReference(std::string_view s) { return charsetAndSize(s, 40, false); }
bool isValidKioskId(std::string_view s) { return charsetAndSize(s, 64, true); }
bool isValidIdempotencyKey(std::string_view s) { return charsetAndSize(s, 100, true); }

core::Result<std::vector<Occupation>, core::ServiceError> parseOccupations(std::string_view body) {
    return parseWith(body, [](const Json& j) {
        return listField(j, "occupations", [](const Json& o) {
            return Occupation{machineCodeField(o, "code"), localizedText(o, "name")};
        });
    });
}

core::Result<std::vector<Course>, core::ServiceError> parseCourses(std::string_view body) {
    return parseWith(body, [](const Json& j) {
        return listField(j, "courses", [](const Json& c) {
            Course course;
            course.id = stringField(c, "id");
            if (!isValidKioskId(course.id)) bad();  // same charset and bound as a kiosk id: [A-Za-z0-9_-]{1,64}
            course.title = localizedText(c, "title");
            const Json& schedule = objectField(c, "schedule");
            course.start = isoDateField(schedule, "start");
            course.end = isoDateField(schedule, "end");
            if (course.end < course.start) bad();  // ISO dates order as strings
            course.days = nonEmptyStringField(schedule, "days");
            course.time = nonEmptyStringField(schedule, "time");
            course.seatsTotal = nonNegativeIntField(c, "seats_total");
            course.seatsLeft = nonNegativeIntField(c, "seats_left");
            if (course.seatsLeft > course.seatsTotal) bad();
            const Json& requirements = objectField(c, "requirements");
            course.minAge = nonNegativeIntField(requirements, "min_age");
            course.maxAge = nonNegativeIntField(requirements, "max_age");
            if (course.minAge > course.maxAge) bad();
            course.residency = machineCodeField(requirements, "residency");
            for (const Json& d : arrayField(requirements, "documents")) {
                if (!d.is_string() || !isMachineCode(d.get_ref<const std::string&>())) bad();
                course.documents.push_back(d.get<std::string>());
            }
            return course;
        });
    });
}

core::Result<std::vector<MediationSlot>, core::ServiceError> parseSlots(std::string_view body) {
    return parseWith(body, [](const Json& j) {
        return listField(j, "slots", [](const Json& s) {
            MediationSlot slot;
            slot.id = stringField(s, "id");
            slot.date = isoDateField(s, "date");
            slot.time = timeOfDayField(s, "time");
            const std::string& d = slot.date;  // MED-YYYYMMDD-HHMM of this very slot
            const std::string expected = "MED-" + d.substr(0, 4) + d.substr(5, 2) + d.substr(8, 2) + "-" +
                                         slot.time.substr(0, 2) + slot.time.substr(3, 2);
            if (slot.id != expected) bad();
            slot.available = boolField(s, "available");
            return slot;
        });
    });
}

core::Result<Submission, core::ServiceError> parseSubmission(std::string_view body) {
    return parseWith(body, [](const Json& j) {
        Submission s;
        s.reference = stringField(j, "reference");
        if (!isValidReference(s.reference)) bad();
        s.program = oneOfField(j, "program", {"pijar_semar", "blk", "mediation"});
        s.status = oneOfField(j, "status", {"received", "registered", "waitlisted", "booked"});
        s.maskedNik = maskedNikField(j, "masked_nik");
        s.createdAt = nonEmptyStringField(j, "created_at", 64);
        return s;
    });
}

core::Result<KioskRemoteConfig, core::ServiceError> parseKioskConfig(std::string_view body) {
    return parseWith(body, [](const Json& j) {
        KioskRemoteConfig c;
        c.kioskId = stringField(j, "kiosk_id");
        if (!isValidKioskId(c.kioskId)) bad();
        for (const Json& l : arrayField(j, "languages")) {
            if (!l.is_string() || !core::langFromCode(l.get_ref<const std::string&>())) bad();
            c.languages.push_back(l.get<std::string>());
        }
        if (c.languages.empty()) bad();
        c.defaultLanguage = stringField(j, "default_language");
        if (std::find(c.languages.begin(), c.languages.end(), c.defaultLanguage) == c.languages.end()) bad();
        c.idleSeconds = nonNegativeIntField(j, "idle_seconds");
        c.idleCountdownSeconds = nonNegativeIntField(j, "idle_countdown_seconds");
        if (c.idleSeconds < 1) bad();
        return c;
    });
}

core::Result<std::string, core::ServiceError> parseHeartbeat(std::string_view body) {
    return parseWith(body, [](const Json& j) { return nonEmptyStringField(j, "received_at", 64); });
}

core::Result<std::string, core::ServiceError> parseHealth(std::string_view body) {
    return parseWith(body, [](const Json& j) {
        if (stringField(j, "status") != "ok") bad();
        return nonEmptyStringField(j, "version", 64);
    });
}

core::Result<Created, core::ServiceError> parseCreated(std::string_view program, std::string_view body) {
    return parseWith(body, [program](const Json& j) {
        Created c;
        c.httpStatus = 201;
        c.reference = stringField(j, "reference");
        if (!isValidReference(c.reference)) bad();
        c.program = stringField(j, "program");
        if (c.program != program) bad();
        c.maskedNik = maskedNikField(j, "masked_nik");
        (void)nonEmptyStringField(j, "created_at", 64);
        if (program == "pijar_semar") {
            c.status = oneOfField(j, "status", {"received"});
            const Json& funding = objectField(j, "funding");
            c.fundingSource = oneOfField(funding, "source", {"APBD", "DBHCHT"});
            c.placesLeft = nonNegativeIntField(funding, "places_left");
        } else if (program == "blk") {
            c.status = oneOfField(j, "status", {"registered", "waitlisted"});
            (void)nonEmptyStringField(j, "course_id", 64);
            const Json& position = requiredField(j, "waitlist_position");  // required, null when registered
            if (c.status == "waitlisted") {
                c.waitlistPosition = nonNegativeIntField(j, "waitlist_position");
                if (*c.waitlistPosition < 1) bad();
            } else if (!position.is_null()) {
                bad();
            }
        } else if (program == "mediation") {
            c.status = oneOfField(j, "status", {"booked"});
            const Json& slot = objectField(j, "slot");
            (void)nonEmptyStringField(slot, "id", 64);
            (void)isoDateField(slot, "date");
            (void)timeOfDayField(slot, "time");
            (void)nonEmptyStringField(slot, "room");
        } else {
            bad();
        }
        return c;
    });
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

ServiceError invalidField(const char* field) {
    return ServiceError{ServiceErrorKind::Invalid, "invalid_fields", {field}};
}

bool isIsoDate(const std::string& s) {
    try {
        (void)isoDate(s);
        return true;
    } catch (const BadShape&) {
        return false;
    }
}

// The answer's body through parse, then wiped (a 200 to /eligibility names the person).
template <class Parse>
auto parsedBody(core::Result<HttpResponse, ServiceError> sent, Parse parse) -> decltype(parse(std::string_view{})) {
    if (!sent.ok()) return core::unexpected(sent.error());
    const WipeOnExit wipe{sent.value().body};
    return parse(std::string_view(sent.value().body));
}

// ---- request bodies --------------------------------------------------------------------------------
// A JSON object written straight into one buffer. It grows by hand, wiping the old buffer, so no copy of a
// NIK or phone number is left behind in freed memory; the buffer is wiped on destruction unless finish()
// handed it on (to the request, which exchange() wipes).
class JsonBody {
public:
    JsonBody() {
        m_s.reserve(512);
        m_s += '{';
    }
    ~JsonBody() { core::secureWipe(m_s); }
    JsonBody(const JsonBody&) = delete;
    JsonBody& operator=(const JsonBody&) = delete;

    void string(const char* key, std::string_view v) {
        name(key);
        quoted(v);
    }
    void boolean(const char* key, bool v) {
        name(key);
        append(v ? "true" : "false");
    }
    void integer(const char* key, long v) {
        name(key);
        append(std::to_string(v));  // counts only, never personal data
    }
    void beginObject(const char* key) {
        name(key);
        append("{");
        m_first = true;
    }
    void endObject() { append("}"); }
    std::string finish() {
        append("}");
        return std::move(m_s);
    }

private:
    void reserveMore(std::size_t n) {
        if (m_s.size() + n <= m_s.capacity()) return;
        std::string bigger;
        bigger.reserve(std::max(m_s.capacity() * 2, m_s.size() + n));
        bigger.append(m_s);
        core::secureWipe(m_s);
        m_s.swap(bigger);
    }
    void append(std::string_view v) {
        reserveMore(v.size());
        m_s.append(v);
    }
    void name(const char* key) {
        if (!m_first) append(",");
        m_first = false;
        quoted(key);
        append(":");
    }
    void quoted(std::string_view v) {
        static constexpr char kHex[] = "0123456789abcdef";
        reserveMore(v.size() * 6 + 2);  // worst case: every byte as \u00XX
        m_s += '"';
        for (const char c : v) {
            const auto u = static_cast<unsigned char>(c);
            if (c == '"' || c == '\\') {
                m_s += '\\';
                m_s += c;
            } else if (u < 0x20) {
                m_s += "\\u00";
                m_s += kHex[u >> 4];
                m_s += kHex[u & 0xF];
            } else {
                m_s += c;  // UTF-8 passes as it is
            }
        }
        m_s += '"';
    }

    std::string m_s;
    bool m_first = true;
};
}  // namespace

CentralApi::CentralApi(HttpSettings s, RetryPolicy p) : m_http(std::move(s)), m_policy(p) {}

core::Result<HttpResponse, core::ServiceError> CentralApi::exchange(HttpRequest request, long expectedStatus,
                                                                    Attempts kind, const std::atomic<bool>* cancel) {
    const WipeOnExit wipeBody{request.body};
    const int attempts = kind == Attempts::One ? 1 : std::max(1, m_policy.maxAttempts);
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
            if (response.status == expectedStatus) return std::move(response);  // the caller parses, then wipes
            const WipeOnExit wipeResponse{response.body};
            last = errorFromResponse(response);
            const bool retryable = response.status == 429 || (response.status >= 500 && response.status <= 599) ||
                                   (kind == Attempts::Create && response.status == 409 &&
                                    last.code == "request_in_progress");
            if (!retryable) return core::unexpected(last);
            retryAfter = response.retryAfterSeconds;
        }
        if (attempt + 1 >= attempts) break;
        if (retryAfter && *retryAfter > kMaxHonouredRetryAfterSeconds) break;
        if (!sleepUnlessCancelled(backoffDelayMs(m_policy, attempt, retryAfter, jitter(m_policy, attempt)), cancel))
            return core::unexpected(cancelledError());
    }
    return core::unexpected(last);
}

core::Result<core::EligibilityOutcome, core::ServiceError> CentralApi::eligibility(const std::string& nik,
                                                                                   const std::atomic<bool>* cancel) {
    if (!isSixteenDigits(nik)) return core::unexpected(ServiceError{ServiceErrorKind::Invalid, "invalid_nik"});
    JsonBody b;
    b.string("nik", nik);
    return parsedBody(exchange(HttpRequest{"POST", "/eligibility", b.finish(), ""}, 200, Attempts::Read, cancel),
                      parseEligibility);
}

core::Result<std::string, core::ServiceError> CentralApi::health() {
    return parsedBody(exchange(HttpRequest{"GET", "/health", "", ""}, 200, Attempts::One, nullptr), parseHealth);
}

core::Result<std::vector<Occupation>, core::ServiceError> CentralApi::occupations(const std::atomic<bool>* cancel) {
    return parsedBody(exchange(HttpRequest{"GET", "/pijar-semar/occupations", "", ""}, 200, Attempts::Read, cancel),
                      parseOccupations);
}

core::Result<std::vector<Course>, core::ServiceError> CentralApi::courses(const std::atomic<bool>* cancel) {
    return parsedBody(exchange(HttpRequest{"GET", "/blk/courses", "", ""}, 200, Attempts::Read, cancel), parseCourses);
}

core::Result<std::vector<MediationSlot>, core::ServiceError> CentralApi::slots(const std::string& fromIsoDate, int days,
                                                                               const std::atomic<bool>* cancel) {
    if (!isIsoDate(fromIsoDate)) return core::unexpected(invalidField("from"));
    if (days < 1 || days > 60) return core::unexpected(invalidField("days"));
    const std::string path = "/mediation/slots?from=" + fromIsoDate + "&days=" + std::to_string(days);
    return parsedBody(exchange(HttpRequest{"GET", path, "", ""}, 200, Attempts::Read, cancel), parseSlots);
}

core::Result<Submission, core::ServiceError> CentralApi::submission(const std::string& reference,
                                                                    const std::atomic<bool>* cancel) {
    if (!isValidReference(reference))
        return core::unexpected(ServiceError{ServiceErrorKind::Invalid, "invalid_reference"});
    return parsedBody(exchange(HttpRequest{"GET", "/submissions/" + reference, "", ""}, 200, Attempts::Read, cancel),
                      parseSubmission);
}

core::Result<KioskRemoteConfig, core::ServiceError> CentralApi::kioskConfig(const std::string& kioskId,
                                                                            const std::atomic<bool>* cancel) {
    if (!isValidKioskId(kioskId)) return core::unexpected(ServiceError{ServiceErrorKind::Invalid, "invalid_kiosk_id"});
    return parsedBody(exchange(HttpRequest{"GET", "/kiosks/" + kioskId + "/config", "", ""}, 200, Attempts::Read, cancel),
                      parseKioskConfig);
}

core::Result<std::string, core::ServiceError> CentralApi::heartbeat(const std::string& kioskId, const std::string& version,
                                                                    long uptimeS, int queueDepth) {
    if (!isValidKioskId(kioskId)) return core::unexpected(ServiceError{ServiceErrorKind::Invalid, "invalid_kiosk_id"});
    if (uptimeS < 0) return core::unexpected(invalidField("uptime_s"));
    if (queueDepth < 0) return core::unexpected(invalidField("queue_depth"));
    JsonBody b;
    b.string("version", version);
    b.integer("uptime_s", uptimeS);
    b.integer("queue_depth", queueDepth);
    return parsedBody(exchange(HttpRequest{"POST", "/kiosks/" + kioskId + "/heartbeat", b.finish(), ""}, 200,
                               Attempts::One, nullptr),
                      parseHeartbeat);
}

core::Result<Created, core::ServiceError> CentralApi::create(std::string_view program, std::string body,
                                                             std::string_view contentType,
                                                             const std::string& idempotencyKey,
                                                             const std::atomic<bool>* cancel) {
    const WipeOnExit wipeBody{body};  // also when refused below (the body is moved out otherwise)
    const auto path = createPath(program);
    if (!path) return core::unexpected(ServiceError{ServiceErrorKind::Invalid, "invalid_program"});
    if (!isValidIdempotencyKey(idempotencyKey))
        return core::unexpected(ServiceError{ServiceErrorKind::Invalid, "invalid_idempotency_key"});
    HttpRequest request{"POST", std::string(*path), std::move(body), idempotencyKey, std::string(contentType)};
    return parsedBody(exchange(std::move(request), 201, Attempts::Create, cancel),
                      [program](std::string_view b) { return parseCreated(program, b); });
}

std::string enrollmentBody(const EnrollmentRequest& r) {
    JsonBody b;
    if (!r.kioskReference.empty()) b.string("kiosk_reference", r.kioskReference);
    b.string("nik", r.nik);
    b.string("occupation", r.occupation);
    b.string("phone", r.phone);
    b.beginObject("address");
    b.string("kecamatan", r.address.kecamatan);
    b.string("kelurahan", r.address.kelurahan);
    b.string("rt", r.address.rt);
    b.string("rw", r.address.rw);
    b.endObject();
    b.beginObject("consent");
    b.string("text_version", r.consent.textVersion);
    b.string("language", core::langCode(r.consent.language));
    b.boolean("read_aloud", r.consent.readAloud);
    b.string("accepted_at", r.consent.acceptedAt);
    b.string("kiosk_id", r.consent.kioskId);
    b.boolean("share_with_bpjs", r.consent.shareWithBpjs);
    b.boolean("sms_reminders", r.consent.smsReminders);
    b.endObject();
    return b.finish();
}

std::string blkBody(const BlkRequest& r) {
    JsonBody b;
    b.string("nik", r.nik);
    b.string("course_id", r.courseId);
    b.string("phone", r.phone);
    return b.finish();
}

std::string mediationBody(const MediationRequest& r) {
    JsonBody b;
    b.string("nik", r.nik);
    b.string("slot_id", r.slotId);
    b.string("dispute_type", r.disputeType);
    b.string("phone", r.phone);
    b.string("employer_name", r.employerName);
    b.beginObject("bipartite");
    b.boolean("held", r.bipartite.held);
    b.string("evidence", r.bipartite.evidence);
    b.endObject();
    return b.finish();
}

std::optional<std::string_view> createPath(std::string_view program) {
    if (program == "pijar_semar") return "/pijar-semar/enrollments";
    if (program == "blk") return "/blk/registrations";
    if (program == "mediation") return "/mediation/appointments";
    return std::nullopt;
}

core::Result<Created, core::ServiceError> CentralApi::enrollPijarSemar(const EnrollmentRequest& r,
                                                                       const std::string& idempotencyKey,
                                                                       const std::atomic<bool>* cancel) {
    return create("pijar_semar", enrollmentBody(r), kJsonType, idempotencyKey, cancel);
}

core::Result<Created, core::ServiceError> CentralApi::registerBlk(const BlkRequest& r, const std::string& idempotencyKey,
                                                                  const std::atomic<bool>* cancel) {
    return create("blk", blkBody(r), kJsonType, idempotencyKey, cancel);
}

core::Result<Created, core::ServiceError> CentralApi::bookMediation(const MediationRequest& r,
                                                                    const std::string& idempotencyKey,
                                                                    const std::atomic<bool>* cancel) {
    return create("mediation", mediationBody(r), kJsonType, idempotencyKey, cancel);
}

core::Result<Created, core::ServiceError> CentralApi::deliverSealed(std::string_view program, std::string sealedBody,
                                                                    const std::string& idempotencyKey,
                                                                    const std::atomic<bool>* cancel) {
    return create(program, std::move(sealedBody), kSealedType, idempotencyKey, cancel);
}

}  // namespace kiosk::services
