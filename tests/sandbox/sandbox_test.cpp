// The sandbox over real HTTP on loopback: every endpoint, the error format, auth, idempotency,
// hostile requests, quotas under concurrency, fault knobs, sealed create bodies, and the OpenAPI
// document walked against the running server.
#include <doctest/doctest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <sodium.h>
#include <thread>

#include "running_sandbox.hpp"

using json = nlohmann::json;
namespace fs = std::filesystem;
using namespace kiosk;

namespace {

const std::string kToken = "demo-kiosk-token-01";

json loadSeed() {
    std::ifstream in(KIOSK_SOURCE_DIR "/config/sandbox_seed.json");
    return json::parse(in);
}

// The shared in-process sandbox, plus a raw HTTP client for it.
class Running : public testing::RunningSandbox {
public:
    explicit Running(sandbox::SandboxOptions opt = {}, const json* seed = nullptr)
        : RunningSandbox(opt, seed ? seed->dump() : std::string()) {}
    httplib::Client client(const std::string& token = kToken) const {
        httplib::Client c("127.0.0.1", port());
        c.set_read_timeout(10, 0);
        if (!token.empty()) c.set_bearer_token_auth(token.c_str());
        return c;
    }
};

json body(const httplib::Result& r) {
    REQUIRE(r);
    return json::parse(r->body, nullptr, false);
}

void checkErrorShape(const httplib::Result& r, int status, const std::string& code) {
    REQUIRE(r);
    CHECK(r->status == status);
    CHECK(r->get_header_value("Content-Type") == "application/json");
    const json j = body(r);
    REQUIRE(j.is_object());
    CHECK(j["error"]["code"] == code);
    for (const char* l : {"id", "en", "jv"}) {
        INFO("language " << l);
        CHECK(j["error"]["message"][l].is_string());
        CHECK_FALSE(j["error"]["message"][l].get<std::string>().empty());
    }
}

httplib::Result postJson(httplib::Client& c, const std::string& path, const json& b, const std::string& key = "") {
    httplib::Headers h;
    if (!key.empty()) h.emplace("Idempotency-Key", key);
    return c.Post(("/api/v1" + path).c_str(), h, b.dump(), "application/json");
}

std::string statusOf(const json& e, const char* program) { return e["programs"][program]["status"].get<std::string>(); }

json eligibilityOf(httplib::Client& c, const std::string& nik) {
    auto r = postJson(c, "/eligibility", {{"nik", nik}});
    REQUIRE(r);
    REQUIRE(r->status == 200);
    return body(r);
}

std::string firstWorkingSlot(httplib::Client& c) {
    auto r = c.Get("/api/v1/mediation/slots?from=2026-12-01&days=10");
    REQUIRE(r);
    REQUIRE(r->status == 200);
    return body(r)["slots"][0]["id"].get<std::string>();
}

json enrollmentBody(const std::string& nik, const std::string& kecamatan = "Semarang Tengah") {
    return {{"nik", nik},
            {"occupation", "juru_parkir"},
            {"phone", "081234567890"},
            {"address", {{"kecamatan", kecamatan}, {"kelurahan", "Pekunden"}, {"rt", "003"}, {"rw", "002"}}},
            {"consent",
             {{"text_version", "pdp-2026-01"}, {"language", "id"}, {"read_aloud", false},
              {"accepted_at", "2026-11-30T09:15:00+07:00"}, {"kiosk_id", "MPP-SMG-DEMO-01"},
              {"share_with_bpjs", true}, {"sms_reminders", false}}}};
}

using PublicKey = std::array<unsigned char, crypto_box_PUBLICKEYBYTES>;
constexpr const char* kSealedType = "application/vnd.pijar.sealed";

// The sandbox's DEMO sealing key from the seed, as the kiosk's config carries it.
PublicKey sandboxPublicKey() {
    const std::string hex = loadSeed()["sealing"]["public_key_hex"];
    PublicKey pk{};
    std::size_t len = 0;
    REQUIRE(sodium_hex2bin(pk.data(), pk.size(), hex.c_str(), hex.size(), nullptr, &len, nullptr) == 0);
    REQUIRE(len == pk.size());
    return pk;
}

// crypto_box_seal of `plain` to `pk`: what the kiosk's outbox sends.
std::string seal(const std::string& plain, const PublicKey& pk) {
    REQUIRE(sodium_init() >= 0);
    std::string out(plain.size() + crypto_box_SEALBYTES, '\0');
    REQUIRE(crypto_box_seal(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(plain.data()),
                            plain.size(), pk.data()) == 0);
    return out;
}

httplib::Result postSealed(httplib::Client& c, const std::string& path, const std::string& sealed, const std::string& key) {
    const httplib::Headers h{{"Idempotency-Key", key}};
    return c.Post(("/api/v1" + path).c_str(), h, sealed, kSealedType);
}

// The first seeded person whose demo note contains `words` (the seed documents each outcome).
std::string personWith(const std::string& words) {
    const json seed = loadSeed();  // a named copy: a range-for over a temporary's member dangles
    for (const auto& p : seed["people"])
        if (p.value("demo_note", "").find(words) != std::string::npos) return p["nik"].get<std::string>();
    FAIL("no seeded person for: " << words);
    return {};
}

}  // namespace

TEST_CASE("health answers with status and version") {
    Running s;
    auto c = s.client();
    auto r = c.Get("/api/v1/health");
    REQUIRE(r);
    CHECK(r->status == 200);
    CHECK(body(r)["status"] == "ok");
    CHECK(body(r)["version"].is_string());
}

TEST_CASE("no token or a wrong token is 401 in the error format") {
    Running s;
    auto anonymous = s.client("");
    checkErrorShape(anonymous.Get("/api/v1/health"), 401, "unauthorized");
    auto wrong = s.client("not-a-token");
    checkErrorShape(postJson(wrong, "/eligibility", {{"nik", "3374015203850002"}}), 401, "unauthorized");
}

TEST_CASE("every seeded person gets a decision with reasons in three languages") {
    Running s;
    auto c = s.client();
    const json seed = loadSeed();
    CHECK(seed["people"].size() >= 30);
    for (const auto& p : seed["people"]) {
        const std::string nik = p["nik"];
        INFO(p["demo_note"].get<std::string>());
        const json e = eligibilityOf(c, nik);
        CHECK(e["person"]["display_name"] == p["name"]);
        CHECK(e["person"]["masked_nik"].get<std::string>().find("••••") != std::string::npos);
        for (const char* program : {"pijar_semar", "blk", "mediation"}) {
            const std::string st = statusOf(e, program);
            CHECK((st == "eligible" || st == "ineligible" || st == "already_enrolled" || st == "refer_to_staff"));
            for (const auto& reason : e["programs"][program]["reasons"]) {
                CHECK(reason["code"].is_string());
                for (const char* l : {"id", "en", "jv"}) CHECK(reason["message"][l].is_string());
            }
        }
    }
}

TEST_CASE("every outcome the seed promises is there") {
    Running s;
    auto c = s.client();
    std::set<std::string> pijarOutcomes;
    const json seed = loadSeed();
    for (const auto& p : seed["people"]) {
        const json e = eligibilityOf(c, p["nik"]);
        const auto& ps = e["programs"]["pijar_semar"];
        std::string tag = ps["status"].get<std::string>();
        if (ps.contains("funding")) tag += ":" + ps["funding"]["source"].get<std::string>();
        for (const auto& r : ps["reasons"]) tag += ":" + r["code"].get<std::string>();
        pijarOutcomes.insert(tag);
    }
    std::string seen;
    for (const auto& o : pijarOutcomes) seen += o + " ";
    INFO("seen: " << seen);
    for (const char* want : {"eligible:APBD", "eligible:DBHCHT:apbd_full_dbhcht", "already_enrolled:already_enrolled",
                             "ineligible:age_over_limit", "ineligible:not_semarang_resident", "ineligible:company_employee",
                             "refer_to_staff:data_needs_check"}) {
        CHECK_MESSAGE(pijarOutcomes.count(want) == 1, "no seeded person shows " << std::string(want));
    }
}

TEST_CASE("a NIK the population data does not know is 404 and a malformed one 400") {
    Running s;
    auto c = s.client();
    const std::string unknown = loadSeed()["unknown_nik_examples"][0];
    checkErrorShape(postJson(c, "/eligibility", {{"nik", unknown}}), 404, "not_found");
    checkErrorShape(postJson(c, "/eligibility", {{"nik", "12345"}}), 400, "invalid_nik");
    checkErrorShape(postJson(c, "/eligibility", {{"nik", 3374015203850002}}), 400, "invalid_nik");
    checkErrorShape(postJson(c, "/eligibility", {{"nik", "3374011513850002"}}), 400, "invalid_nik");  // month 13
}

TEST_CASE("hostile requests get the error format") {
    Running s;
    auto c = s.client();
    checkErrorShape(c.Post("/api/v1/eligibility", "{\"nik\": ", "application/json"), 400, "invalid_json");
    checkErrorShape(c.Post("/api/v1/eligibility", "[1,2]", "application/json"), 400, "invalid_json");
    checkErrorShape(c.Post("/api/v1/eligibility", "nik=3374015203850002", "application/x-www-form-urlencoded"), 415,
                    "unsupported_media_type");
    checkErrorShape(c.Post("/api/v1/eligibility", std::string(200 * 1024, ' '), "application/json"), 413, "payload_too_large");
    auto unknownField = postJson(c, "/eligibility", {{"nik", "3374015203850002"}, {"name", "x"}});
    checkErrorShape(unknownField, 422, "unknown_field");
    CHECK(body(unknownField)["error"]["fields"] == json::array({"name"}));
    checkErrorShape(c.Get("/api/v1/no/such/path"), 404, "not_found");
}

TEST_CASE("lists give occupations and courses with seats and slots on working days only") {
    Running s;
    auto c = s.client();
    auto occ = c.Get("/api/v1/pijar-semar/occupations");
    REQUIRE(occ);
    CHECK(body(occ)["occupations"].size() >= 12);
    auto courses = c.Get("/api/v1/blk/courses");
    REQUIRE(courses);
    const json list = body(courses)["courses"];
    CHECK(list.size() >= 6);
    bool full = false;
    for (const auto& course : list) {
        CHECK(course["seats_left"].get<int>() >= 0);
        CHECK(course["requirements"]["min_age"].is_number());
        full = full || course["seats_left"] == 0;
    }
    CHECK(full);
    auto slots = c.Get("/api/v1/mediation/slots?from=2026-12-21&days=14");
    REQUIRE(slots);
    for (const auto& slot : body(slots)["slots"]) {
        const std::string d = slot["date"];
        CHECK(d != "2026-12-25");  // Christmas
        CHECK(d != "2027-01-01");
        CHECK(d != "2026-12-26");  // a Saturday
        CHECK(d != "2026-12-27");  // a Sunday
    }
    checkErrorShape(c.Get("/api/v1/mediation/slots?from=tomorrow"), 400, "invalid_fields");
    checkErrorShape(c.Get("/api/v1/mediation/slots?days=999"), 400, "invalid_fields");
}

TEST_CASE("an enrollment is created once and replayed for the same key") {
    Running s;
    auto c = s.client();
    const std::string nik = personWith("eligible on APBD");
    const json b = enrollmentBody(nik);
    auto first = postJson(c, "/pijar-semar/enrollments", b, "key-enroll-1");
    REQUIRE(first);
    REQUIRE(first->status == 201);
    const json created = body(first);
    CHECK(created["reference"].get<std::string>().rfind("PS-", 0) == 0);
    CHECK(created["funding"]["source"] == "APBD");
    auto again = postJson(c, "/pijar-semar/enrollments", b, "key-enroll-1");
    REQUIRE(again);
    CHECK(again->status == 201);
    CHECK(body(again) == created);
    // The same person with a new key: already enrolled now.
    checkErrorShape(postJson(c, "/pijar-semar/enrollments", b, "key-enroll-2"), 409, "already_enrolled");
    CHECK(statusOf(eligibilityOf(c, nik), "pijar_semar") == "already_enrolled");
    // The submission can be looked up by its reference, with nothing personal but the masked NIK.
    auto look = c.Get(("/api/v1/submissions/" + created["reference"].get<std::string>()).c_str());
    REQUIRE(look);
    CHECK(look->status == 200);
    CHECK(body(look)["program"] == "pijar_semar");
    CHECK(look->body.find(nik) == std::string::npos);
    CHECK(look->body.find("081234567890") == std::string::npos);
}

TEST_CASE("idempotency keys: missing is 400 and reuse with another body is 422") {
    Running s;
    auto c = s.client();
    const std::string nik = personWith("eligible on APBD");
    checkErrorShape(postJson(c, "/pijar-semar/enrollments", enrollmentBody(nik)), 400, "missing_idempotency_key");
    REQUIRE(postJson(c, "/pijar-semar/enrollments", enrollmentBody(nik), "k-1")->status == 201);
    json other = enrollmentBody(nik);
    other["phone"] = "081299999999";
    checkErrorShape(postJson(c, "/pijar-semar/enrollments", other, "k-1"), 422, "idempotency_key_reused");
}

TEST_CASE("a duplicate arriving while the first still runs is 409 request_in_progress") {
    sandbox::SandboxOptions opt;
    opt.latencyMs = 600;
    Running s(opt);
    const std::string nik = personWith("eligible on APBD");
    int slowStatus = 0;
    std::thread first([&] {
        auto c = s.client();
        auto r = postJson(c, "/pijar-semar/enrollments", enrollmentBody(nik), "same-key");
        slowStatus = r ? r->status : -1;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    auto c = s.client();
    auto dup = postJson(c, "/pijar-semar/enrollments", enrollmentBody(nik), "same-key");
    first.join();
    checkErrorShape(dup, 409, "request_in_progress");
    CHECK(slowStatus == 201);
}

TEST_CASE("invalid enrollment fields are listed") {
    Running s;
    auto c = s.client();
    json b = enrollmentBody(personWith("eligible on APBD"));
    b["phone"] = "12345";
    b["address"]["rt"] = "ABCD";
    b["consent"]["share_with_bpjs"] = false;
    auto r = postJson(c, "/pijar-semar/enrollments", b, "invalid-1");
    checkErrorShape(r, 422, "invalid_fields");
    const auto fields = body(r)["error"]["fields"].get<std::vector<std::string>>();
    CHECK(std::find(fields.begin(), fields.end(), "phone") != fields.end());
    CHECK(std::find(fields.begin(), fields.end(), "address.rt") != fields.end());
    CHECK(std::find(fields.begin(), fields.end(), "consent.share_with_bpjs") != fields.end());
}

TEST_CASE("an ineligible person cannot enroll") {
    Running s;
    auto c = s.client();
    checkErrorShape(postJson(c, "/pijar-semar/enrollments", enrollmentBody(personWith("65")), "old-1"), 409, "not_eligible");
}

TEST_CASE("50 concurrent enrollments for 10 places: exactly 10 succeed and 40 are quota_full") {
    json seed = loadSeed();
    json& kec = seed["quotas"]["apbd_by_kecamatan"]["Mijen"];
    kec["used"] = kec["total"].get<int>() - 10;
    seed["quotas"]["dbhcht"]["used"] = seed["quotas"]["dbhcht"]["total"];
    for (int i = 1; i <= 50; ++i) {
        char nik[17];
        std::snprintf(nik, sizeof nik, "3374141203859%03d", i);  // synthetic, Mijen, born 1985
        seed["people"].push_back({{"nik", nik}, {"name", "Uji " + std::to_string(i)}, {"birth_date", "1985-03-12"},
                                  {"sex", "male"},
                                  {"domicile", {{"kecamatan", "Mijen"}, {"kelurahan", "Mijen"}, {"in_semarang", true}}},
                                  {"employment", "informal"}, {"occupation", "petani"},
                                  {"bpjs", {{"active", false}, {"since", nullptr}}}, {"refer_to_staff", false},
                                  {"demo_note", "load test"}});
    }
    Running s({}, &seed);
    std::atomic<int> created{0}, full{0}, other{0};
    std::mutex otherMutex;
    std::string others;
    std::vector<std::thread> threads;
    for (int i = 1; i <= 50; ++i) {
        threads.emplace_back([&, i] {
            auto c = s.client();
            char nik[17];
            std::snprintf(nik, sizeof nik, "3374141203859%03d", i);
            auto r = postJson(c, "/pijar-semar/enrollments", enrollmentBody(nik, "Mijen"), "load-" + std::to_string(i));
            if (r && r->status == 201) ++created;
            else if (r && r->status == 409 && json::parse(r->body)["error"]["code"] == "quota_full") ++full;
            else {
                ++other;
                std::lock_guard lock(otherMutex);
                others += (r ? std::to_string(r->status) + " " + r->body : "no answer: " + httplib::to_string(r.error())) + "\n";
            }
        });
    }
    for (auto& t : threads) t.join();
    INFO("unexpected answers: " << others);
    CHECK(created.load() == 10);
    CHECK(full.load() == 40);
    CHECK(other.load() == 0);
}

TEST_CASE("BLK: a seat when there is one and the waitlist when the course is full") {
    Running s;
    auto c = s.client();
    auto courses = body(c.Get("/api/v1/blk/courses"))["courses"];
    std::string open, fullId;
    for (const auto& course : courses) {
        if (course["seats_left"] == 0) fullId = course["id"];
        else if (open.empty()) open = course["id"];
    }
    REQUIRE_FALSE(open.empty());
    REQUIRE_FALSE(fullId.empty());
    const std::string nik = personWith("eligible on APBD");
    auto seat = postJson(c, "/blk/registrations", {{"nik", nik}, {"course_id", open}, {"phone", "081234567890"}}, "blk-1");
    REQUIRE(seat);
    CHECK(seat->status == 201);
    CHECK(body(seat)["status"] == "registered");
    auto wait = postJson(c, "/blk/registrations", {{"nik", nik}, {"course_id", fullId}, {"phone", "081234567890"}}, "blk-2");
    REQUIRE(wait);
    CHECK(wait->status == 201);
    CHECK(body(wait)["status"] == "waitlisted");
    CHECK(body(wait)["waitlist_position"] == 1);
    checkErrorShape(postJson(c, "/blk/registrations", {{"nik", nik}, {"course_id", open}, {"phone", "081234567890"}}, "blk-3"),
                    409, "already_enrolled");
}

TEST_CASE("mediation: a slot holds as many bookings as rooms and then is taken") {
    Running s;
    auto c = s.client();
    const std::string slot = firstWorkingSlot(c);
    const json seed = loadSeed();
    const std::size_t rooms = seed["mediation"]["rooms"].size();
    std::vector<std::string> niks;
    for (const auto& p : seed["people"]) {
        if (niks.size() > rooms) break;
        if (statusOf(eligibilityOf(c, p["nik"]), "mediation") == "eligible") niks.push_back(p["nik"]);
    }
    REQUIRE(niks.size() == rooms + 1);
    for (std::size_t i = 0; i < niks.size(); ++i) {
        auto r = postJson(c, "/mediation/appointments",
                          {{"nik", niks[i]}, {"slot_id", slot}, {"dispute_type", "phk"}, {"phone", "081234567890"},
                           {"employer_name", "PT Contoh"}, {"bipartite", {{"held", true}, {"evidence", "risalah"}}}},
                          "med-" + std::to_string(i));
        REQUIRE(r);
        if (i < rooms) CHECK(r->status == 201);
        else checkErrorShape(r, 409, "slot_taken");
    }
    auto noBipartite = postJson(c, "/mediation/appointments",
                                {{"nik", niks[0]}, {"slot_id", slot}, {"dispute_type", "phk"}, {"phone", "081234567890"},
                                 {"employer_name", "PT Contoh"}, {"bipartite", {{"held", false}, {"evidence", "risalah"}}}},
                                "med-x");
    checkErrorShape(noBipartite, 422, "invalid_fields");
}

TEST_CASE("kiosk config and heartbeat belong to the token's kiosk") {
    Running s;
    auto c = s.client();
    auto cfg = c.Get("/api/v1/kiosks/MPP-SMG-DEMO-01/config");
    REQUIRE(cfg);
    CHECK(cfg->status == 200);
    CHECK(body(cfg)["kiosk_id"] == "MPP-SMG-DEMO-01");
    CHECK(cfg->body.find("token") == std::string::npos);
    checkErrorShape(c.Get("/api/v1/kiosks/MPP-SMG-DEMO-02/config"), 403, "forbidden");
    checkErrorShape(c.Get("/api/v1/kiosks/NO-SUCH/config"), 404, "not_found");
    auto hb = postJson(c, "/kiosks/MPP-SMG-DEMO-01/heartbeat", {{"version", "0.2.0"}, {"uptime_s", 5}, {"queue_depth", 0}});
    REQUIRE(hb);
    CHECK(hb->status == 200);
}

TEST_CASE("fault knob: fail-rate 1 answers 503 service_unavailable") {
    sandbox::SandboxOptions opt;
    opt.failRate = 1.0;
    Running s(opt);
    auto c = s.client();
    checkErrorShape(c.Get("/api/v1/health"), 503, "service_unavailable");
}

TEST_CASE("fault knob: drop-after-commit commits and the retry with the same key gets the answer") {
    sandbox::SandboxOptions opt;
    opt.dropAfterCommitRate = 1.0;
    Running s(opt);
    auto c = s.client();
    const std::string nik = personWith("eligible on APBD");
    auto dropped = postJson(c, "/pijar-semar/enrollments", enrollmentBody(nik), "drop-1");
    CHECK((!dropped || dropped->body.size() < 10));  // the answer never arrives whole
    auto retry = postJson(c, "/pijar-semar/enrollments", enrollmentBody(nik), "drop-1");
    // A replay is not a new commit, so it is not dropped: the first answer arrives now.
    REQUIRE(retry);
    CHECK(retry->status == 201);
    CHECK(statusOf(eligibilityOf(c, nik), "pijar_semar") == "already_enrolled");
}

TEST_CASE("the OpenAPI document and the server agree") {
    std::ifstream in(KIOSK_SOURCE_DIR "/kiosk/sandbox/openapi.json");
    const json doc = json::parse(in);
    CHECK(doc["openapi"].get<std::string>().rfind("3.", 0) == 0);
    Running s;
    int walked = 0;
    for (const auto& [path, item] : doc["paths"].items()) {
        for (const auto& [method, op] : item.items()) {
            if (method != "get" && method != "post") continue;
            INFO(method << " " << path);
            REQUIRE(op.contains("x-kiosk-walk"));
            const int expect = op["x-kiosk-walk"]["expect"];
            std::string url = "/api/v1" + path;
            // Path parameters take their examples.
            for (const auto& p : op.value("parameters", json::array())) {
                const json param = p.contains("$ref") ? json() : p;
                if (param.is_null() || !param.contains("example")) continue;
                const std::string name = param["name"];
                const std::string value = param["example"].is_string() ? param["example"].get<std::string>()
                                                                       : param["example"].dump();
                if (param["in"] == "path") {
                    const auto at = url.find("{" + name + "}");
                    if (at != std::string::npos) url.replace(at, name.size() + 2, value);
                } else if (param["in"] == "query") {
                    url += (url.find('?') == std::string::npos ? "?" : "&") + name + "=" + value;
                }
            }
            auto c = s.client();
            const httplib::Headers h{{"Idempotency-Key", "walk-" + std::to_string(walked)}};
            auto r = method == "get" ? c.Get(url.c_str())
                                     : c.Post(url.c_str(), h,
                                              op["requestBody"]["content"]["application/json"]["example"].dump(),
                                              "application/json");
            REQUIRE(r);
            CHECK(r->status == expect);
            const json got = json::parse(r->body, nullptr, false);
            CHECK_FALSE(got.is_discarded());
            // The documented example for that status has the same top-level keys as the answer.
            const json documented = op["responses"][std::to_string(expect)]["content"]["application/json"]["example"];
            REQUIRE(documented.is_object());
            for (const auto& [k, v] : documented.items()) CHECK_MESSAGE(got.contains(k), "answer lacks " << k);
            for (const auto& [k, v] : got.items()) {
                CHECK_MESSAGE(documented.contains(k), "document lacks " << k);
                // One level down too: the items of a list, and nested objects.
                const json& d = documented.value(k, json());
                const json& a = v.is_array() && !v.empty() ? v[0] : v;
                const json& b = d.is_array() && !d.empty() ? d[0] : d;
                if (!a.is_object() || !b.is_object()) continue;
                for (const auto& [k2, v2] : a.items()) CHECK_MESSAGE(b.contains(k2), "document lacks " << k << "." << k2);
                for (const auto& [k2, v2] : b.items()) CHECK_MESSAGE(a.contains(k2), "answer lacks " << k << "." << k2);
            }
            ++walked;
        }
    }
    CHECK(walked == 11);
}

TEST_CASE("a sealed enrollment is created and a second sealing of the same body replays it") {
    Running s;
    auto c = s.client();
    const std::string nik = personWith("eligible on APBD");
    const std::string plain = enrollmentBody(nik).dump();
    const std::string sealed1 = seal(plain, sandboxPublicKey());
    const std::string sealed2 = seal(plain, sandboxPublicKey());
    REQUIRE(sealed1 != sealed2);  // sealed boxes are randomised: the key's hash must be over the plaintext
    auto first = postSealed(c, "/pijar-semar/enrollments", sealed1, "sealed-1");
    REQUIRE(first);
    REQUIRE(first->status == 201);
    const json created = body(first);
    CHECK(created["program"] == "pijar_semar");
    CHECK(created["funding"]["source"] == "APBD");
    auto again = postSealed(c, "/pijar-semar/enrollments", sealed2, "sealed-1");
    REQUIRE(again);
    CHECK(again->status == 201);
    CHECK(body(again) == created);
    // The same JSON sent unsealed is the same request too.
    const httplib::Headers sameKey{{"Idempotency-Key", "sealed-1"}};
    auto plainAgain = c.Post("/api/v1/pijar-semar/enrollments", sameKey, plain, "application/json");
    REQUIRE(plainAgain);
    CHECK(plainAgain->status == 201);
    CHECK(body(plainAgain) == created);
    CHECK(statusOf(eligibilityOf(c, nik), "pijar_semar") == "already_enrolled");
}

TEST_CASE("a sealed body with another plaintext and the same key is 422 idempotency_key_reused") {
    Running s;
    auto c = s.client();
    const std::string nik = personWith("eligible on APBD");
    REQUIRE(postSealed(c, "/pijar-semar/enrollments", seal(enrollmentBody(nik).dump(), sandboxPublicKey()), "sealed-2")->status ==
            201);
    json other = enrollmentBody(nik);
    other["phone"] = "081299999999";
    checkErrorShape(postSealed(c, "/pijar-semar/enrollments", seal(other.dump(), sandboxPublicKey()), "sealed-2"), 422,
                    "idempotency_key_reused");
}

TEST_CASE("garbage and bodies sealed to another key are 400 invalid_sealed_body and do not use up the key") {
    Running s;
    auto c = s.client();
    const std::string plain = enrollmentBody(personWith("eligible on APBD")).dump();
    std::string garbage(200, '\0');
    randombytes_buf(garbage.data(), garbage.size());
    checkErrorShape(postSealed(c, "/pijar-semar/enrollments", garbage, "sealed-3"), 400, "invalid_sealed_body");
    checkErrorShape(postSealed(c, "/pijar-semar/enrollments", "short", "sealed-3"), 400, "invalid_sealed_body");
    checkErrorShape(postSealed(c, "/pijar-semar/enrollments", "", "sealed-3"), 400, "invalid_sealed_body");
    checkErrorShape(postSealed(c, "/pijar-semar/enrollments", plain, "sealed-3"), 400, "invalid_sealed_body");  // not sealed at all
    PublicKey otherPk{};
    std::array<unsigned char, crypto_box_SECRETKEYBYTES> otherSk{};
    crypto_box_keypair(otherPk.data(), otherSk.data());
    checkErrorShape(postSealed(c, "/pijar-semar/enrollments", seal(plain, otherPk), "sealed-3"), 400, "invalid_sealed_body");
    // One flipped bit in a good box: the authenticator refuses it.
    std::string tampered = seal(plain, sandboxPublicKey());
    tampered[tampered.size() / 2] = static_cast<char>(tampered[tampered.size() / 2] ^ 1);
    checkErrorShape(postSealed(c, "/pijar-semar/enrollments", tampered, "sealed-3"), 400, "invalid_sealed_body");
    // None of those claimed the key.
    auto good = postSealed(c, "/pijar-semar/enrollments", seal(plain, sandboxPublicKey()), "sealed-3");
    REQUIRE(good);
    CHECK(good->status == 201);
}

TEST_CASE("an opened sealed body is checked exactly like a JSON body") {
    Running s;
    auto c = s.client();
    const PublicKey pk = sandboxPublicKey();
    json b = enrollmentBody(personWith("eligible on APBD"));
    b["name"] = "x";
    auto unknown = postSealed(c, "/pijar-semar/enrollments", seal(b.dump(), pk), "sealed-4");
    checkErrorShape(unknown, 422, "unknown_field");
    CHECK(body(unknown)["error"]["fields"] == json::array({"name"}));
    b.erase("name");
    b["phone"] = "12345";
    checkErrorShape(postSealed(c, "/pijar-semar/enrollments", seal(b.dump(), pk), "sealed-5"), 422, "invalid_fields");
    checkErrorShape(postSealed(c, "/pijar-semar/enrollments", seal("{\"nik\": ", pk), "sealed-6"), 400, "invalid_json");
    checkErrorShape(postSealed(c, "/pijar-semar/enrollments", seal("\xff\xfe", pk), "sealed-7"), 400, "invalid_json");
    checkErrorShape(postSealed(c, "/pijar-semar/enrollments", seal(enrollmentBody(personWith("65")).dump(), pk), "sealed-8"), 409,
                    "not_eligible");
    // Still an Idempotency-Key first.
    checkErrorShape(c.Post("/api/v1/pijar-semar/enrollments", seal(b.dump(), pk), kSealedType), 400, "missing_idempotency_key");
}

TEST_CASE("only the creates take sealed bodies") {
    Running s;
    auto c = s.client();
    const PublicKey pk = sandboxPublicKey();
    checkErrorShape(c.Post("/api/v1/eligibility", seal(json{{"nik", "3374015203850002"}}.dump(), pk), kSealedType), 415,
                    "unsupported_media_type");
    checkErrorShape(c.Post("/api/v1/kiosks/MPP-SMG-DEMO-01/heartbeat",
                           seal(json{{"version", "0.2.0"}, {"uptime_s", 5}, {"queue_depth", 0}}.dump(), pk), kSealedType),
                    415, "unsupported_media_type");
}

TEST_CASE("every create documented with a sealed form accepts its example sealed") {
    std::ifstream in(KIOSK_SOURCE_DIR "/kiosk/sandbox/openapi.json");
    const json doc = json::parse(in);
    Running s;
    const PublicKey pk = sandboxPublicKey();
    int walked = 0;
    for (const auto& [path, item] : doc["paths"].items()) {
        const json& op = item.value("post", json());
        if (!op.is_object() || !op["requestBody"]["content"].contains(kSealedType)) continue;
        INFO("post " << path);
        auto c = s.client();
        auto r = postSealed(c, path, seal(op["requestBody"]["content"]["application/json"]["example"].dump(), pk),
                            "sealed-walk-" + std::to_string(walked));
        REQUIRE(r);
        CHECK(r->status == op["x-kiosk-walk"]["expect"].get<int>());
        CHECK(op["responses"]["400"]["content"]["application/json"]["examples"].contains("invalid_sealed_body"));
        ++walked;
    }
    CHECK(walked == 3);
}
