// The central API's pure parts: every byte from the network is hostile until parsed (no network here).
// Sections: parseEligibility · errorFromResponse · backoff · the other bodies of the contract.
#include <doctest/doctest.h>

#include <chrono>
#include <climits>
#include <cstdint>
#include <string>
#include <vector>

#include "services/central_api.hpp"

using namespace kiosk;
using core::DecisionStatus;
using core::ProgramId;
using core::ServiceErrorKind;

namespace {

// The spec's 200 body, with real text where the spec has "…".
const std::string kValidBody = R"({
  "person": {"display_name":"Sri Lestari","masked_nik":"3374 •••• •••• 0002","birth_date":"1985-03-12","sex":"female",
             "domicile":{"kecamatan":"Semarang Tengah","kelurahan":"Pekunden","in_semarang":true}},
  "bpjs_ketenagakerjaan":{"active":false,"since":null},
  "programs":{
    "pijar_semar":{"status":"eligible","reasons":[],"funding":{"source":"APBD","places_left":783}},
    "blk":{"status":"eligible","reasons":[]},
    "mediation":{"status":"eligible","reasons":[{"code":"bipartite_first","message":{"id":"Bawa risalah bipartit.","en":"Bring the bipartite minutes.","jv":"Gawa risalah bipartit."}}]}
  }
})";

// kValidBody with one exact piece replaced; the piece must exist so that a typo cannot make a test vacuous.
void replaceOnce(std::string& s, const std::string& from, const std::string& to) {
    const auto at = s.find(from);
    REQUIRE(at != std::string::npos);
    s.replace(at, from.size(), to);
}
std::string validWith(const std::string& from, const std::string& to) {
    std::string s = kValidBody;
    replaceOnce(s, from, to);
    return s;
}

void checkBadResponse(const std::string& body) {
    const auto r = services::parseEligibility(body);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == ServiceErrorKind::ServerError);
    CHECK(r.error().code == "bad_response");
}

core::ServiceError errorFor(long status, std::string body) {
    services::HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    r.contentType = "application/json";
    return services::errorFromResponse(r);
}

const std::string kHtmlPage =
    "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1>"
    "</center><hr><center>nginx/1.22.1</center></body></html>";

}  // namespace

// ---- parseEligibility: the valid body --------------------------------------------------------------
TEST_CASE("parseEligibility: the spec body gives the person and all three decisions") {
    const auto r = services::parseEligibility(kValidBody);
    REQUIRE(r.ok());
    CHECK(r->person.displayName == "Sri Lestari");
    CHECK(r->person.maskedNik == "3374 •••• •••• 0002");
    REQUIRE(r->person.birthDate.has_value());
    CHECK(*r->person.birthDate == core::CivilDate{1985, 3, 12});
    CHECK(r->person.kecamatan == "Semarang Tengah");
    CHECK(r->person.kelurahan == "Pekunden");
    CHECK(r->person.inSemarang);
    CHECK_FALSE(r->person.bpjsActive);

    const auto& ps = r->decision(ProgramId::PijarSemar);
    CHECK(ps.program == ProgramId::PijarSemar);
    CHECK(ps.status == DecisionStatus::Eligible);
    CHECK(ps.funding == core::Funding::Apbd);
    CHECK(ps.placesLeft == 783);
    CHECK(ps.reasons.empty());
    CHECK(r->decision(ProgramId::Blk).status == DecisionStatus::Eligible);
    CHECK(r->decision(ProgramId::Blk).funding == core::Funding::None);

    const auto& med = r->decision(ProgramId::Mediation);
    CHECK(med.program == ProgramId::Mediation);
    REQUIRE(med.reasons.size() == 1);
    CHECK(med.reasons[0].code == "bipartite_first");
    CHECK(med.reasons[0].message.in(core::Lang::Id) == "Bawa risalah bipartit.");
    CHECK(med.reasons[0].message.in(core::Lang::En) == "Bring the bipartite minutes.");
    CHECK(med.reasons[0].message.in(core::Lang::Jv) == "Gawa risalah bipartit.");
}

TEST_CASE("parseEligibility: every status string and the DBHCHT source are understood") {
    const auto dbhcht = services::parseEligibility(validWith(R"("source":"APBD")", R"("source":"DBHCHT")"));
    REQUIRE(dbhcht.ok());
    CHECK(dbhcht->decision(ProgramId::PijarSemar).funding == core::Funding::Dbhcht);

    const auto ineligible = services::parseEligibility(validWith(R"("blk":{"status":"eligible")", R"("blk":{"status":"ineligible")"));
    REQUIRE(ineligible.ok());
    CHECK(ineligible->decision(ProgramId::Blk).status == DecisionStatus::Ineligible);
    const auto refer = services::parseEligibility(
        validWith(R"("mediation":{"status":"eligible")", R"("mediation":{"status":"refer_to_staff")"));
    REQUIRE(refer.ok());
    CHECK(refer->decision(ProgramId::Mediation).status == DecisionStatus::ReferToStaff);
}

TEST_CASE("parseEligibility: already enrolled with an active BPJS and no funding") {
    auto body = validWith(R"("status":"eligible","reasons":[],"funding":{"source":"APBD","places_left":783})",
                          R"("status":"already_enrolled","reasons":[{"code":"already_enrolled","message":{"id":"Sudah terdaftar."}}])");
    replaceOnce(body, R"({"active":false,"since":null})", R"({"active":true,"since":"2024-02-01"})");
    const auto r = services::parseEligibility(body);
    REQUIRE(r.ok());
    CHECK(r->person.bpjsActive);
    REQUIRE(r->person.bpjsSince.has_value());  // "covered since" is shown with the reason
    CHECK(*r->person.bpjsSince == core::CivilDate{2024, 2, 1});
    CHECK(r->decision(ProgramId::PijarSemar).status == DecisionStatus::AlreadyEnrolled);
    CHECK(r->decision(ProgramId::PijarSemar).funding == core::Funding::None);
    CHECK_FALSE(r->decision(ProgramId::PijarSemar).placesLeft.has_value());
}

TEST_CASE("parseEligibility: unknown extra fields are ignored") {
    std::string body = validWith(R"("person": {)", R"("schema":2, "trace":{"id":[1,2,3]}, "person": {"nickname":"Sri", )");
    replaceOnce(body, R"("blk":{"status":"eligible")", R"("blk":{"status":"eligible","priority":"high")");
    replaceOnce(body, R"("programs":{)", R"("programs":{"new_program":{"status":"coming_soon"},)");
    const auto r = services::parseEligibility(body);
    REQUIRE(r.ok());
    CHECK(r->decision(ProgramId::Blk).status == DecisionStatus::Eligible);
}

TEST_CASE("parseEligibility: a missing jv message falls back to Bahasa Indonesia") {
    const auto r = services::parseEligibility(validWith(R"(,"jv":"Gawa risalah bipartit.")", ""));
    REQUIRE(r.ok());
    const auto& msg = r->decision(ProgramId::Mediation).reasons.at(0).message;
    CHECK(msg.in(core::Lang::Jv) == "Bawa risalah bipartit.");
    CHECK(msg.in(core::Lang::En) == "Bring the bipartite minutes.");
}

TEST_CASE("parseEligibility: a null birth date and null funding on BLK are accepted") {
    auto body = validWith(R"("birth_date":"1985-03-12")", R"("birth_date":null)");
    replaceOnce(body, R"("blk":{"status":"eligible","reasons":[]})", R"("blk":{"status":"eligible","reasons":[],"funding":null})");
    const auto r = services::parseEligibility(body);
    REQUIRE(r.ok());
    CHECK_FALSE(r->person.birthDate.has_value());
}

// ---- parseEligibility: hostile bodies --------------------------------------------------------------
TEST_CASE("parseEligibility: not JSON") { checkBadResponse("this is not json"); }

TEST_CASE("parseEligibility: an empty body") { checkBadResponse(""); }

TEST_CASE("parseEligibility: an HTML error page") { checkBadResponse(kHtmlPage); }

TEST_CASE("parseEligibility: a JSON array instead of an object") { checkBadResponse(R"([{"person":{}}])"); }

TEST_CASE("parseEligibility: JSON scalars instead of an object") {
    checkBadResponse("null");
    checkBadResponse("42");
    checkBadResponse(R"("eligible")");
}

TEST_CASE("parseEligibility: a truncated body") { checkBadResponse(kValidBody.substr(0, kValidBody.size() / 2)); }

TEST_CASE("parseEligibility: programs missing") {
    const auto at = kValidBody.find(R"(,
  "programs")");
    REQUIRE(at != std::string::npos);
    checkBadResponse(kValidBody.substr(0, at) + "}");
}

TEST_CASE("parseEligibility: one program missing") {
    checkBadResponse(validWith(R"("blk":{"status":"eligible","reasons":[]},)", ""));
}

TEST_CASE("parseEligibility: status maybe is refused") {
    checkBadResponse(validWith(R"("blk":{"status":"eligible")", R"("blk":{"status":"maybe")"));
}

TEST_CASE("parseEligibility: status of the wrong type is refused") {
    checkBadResponse(validWith(R"("blk":{"status":"eligible")", R"("blk":{"status":1)"));
}

TEST_CASE("parseEligibility: reasons as a string") {
    checkBadResponse(validWith(R"("blk":{"status":"eligible","reasons":[])", R"("blk":{"status":"eligible","reasons":"none")"));
}

TEST_CASE("parseEligibility: a reason that is a string or lacks its message") {
    checkBadResponse(validWith(R"("reasons":[{"code":"bipartite_first",)", R"("reasons":["bipartite_first",{"code":"x",)"));
    checkBadResponse(validWith(
        R"({"code":"bipartite_first","message":{"id":"Bawa risalah bipartit.","en":"Bring the bipartite minutes.","jv":"Gawa risalah bipartit."}})",
        R"({"code":"bipartite_first"})"));
}

TEST_CASE("parseEligibility: a message without id is refused") {
    checkBadResponse(validWith(R"("id":"Bawa risalah bipartit.",)", ""));
}

TEST_CASE("parseEligibility: funding.places_left as a string") {
    checkBadResponse(validWith(R"("places_left":783)", R"("places_left":"783")"));
}

TEST_CASE("parseEligibility: funding.places_left negative or fractional or huge") {
    checkBadResponse(validWith(R"("places_left":783)", R"("places_left":-1)"));
    checkBadResponse(validWith(R"("places_left":783)", R"("places_left":7.5)"));
    checkBadResponse(validWith(R"("places_left":783)", R"("places_left":99999999999)"));
}

TEST_CASE("parseEligibility: an unknown funding source is refused") {
    checkBadResponse(validWith(R"("source":"APBD")", R"("source":"APBN")"));
}

TEST_CASE("parseEligibility: an eligible Pijar Semar without funding is refused") {
    checkBadResponse(validWith(R"(,"funding":{"source":"APBD","places_left":783})", ""));
}

TEST_CASE("parseEligibility: funding as an array is refused") {
    checkBadResponse(validWith(R"({"source":"APBD","places_left":783})", R"([{"source":"APBD","places_left":783}])"));
}

TEST_CASE("parseEligibility: person and domicile of the wrong shape") {
    checkBadResponse(validWith(R"("in_semarang":true)", R"("in_semarang":"true")"));
    checkBadResponse(validWith(R"("display_name":"Sri Lestari")", R"("display_name":["Sri","Lestari"])"));
    checkBadResponse(validWith(R"("birth_date":"1985-03-12")", R"("birth_date":"1985-02-30")"));
    checkBadResponse(validWith(R"("birth_date":"1985-03-12")", R"("birth_date":"12/03/1985")"));
}

TEST_CASE("parseEligibility: a masked NIK that shows the whole NIK is refused") {
    checkBadResponse(validWith(R"("masked_nik":"3374 •••• •••• 0002")", R"("masked_nik":"3374015203850002")"));
}

TEST_CASE("parseEligibility: 10 MB of nested arrays fails fast without a crash") {
    const std::string hostile = std::string(5'000'000, '[') + std::string(5'000'000, ']');
    const auto start = std::chrono::steady_clock::now();
    checkBadResponse(hostile);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    CHECK(ms.count() < 2000);
}

TEST_CASE("parseEligibility: deep nesting under the size limit is refused") {
    checkBadResponse(std::string(100'000, '[') + std::string(100'000, ']'));
    std::string objects;
    for (int i = 0; i < 200; ++i) objects += R"({"a":)";
    objects += "1" + std::string(200, '}');
    checkBadResponse(objects);
}

TEST_CASE("parseEligibility: brackets inside strings do not count as nesting") {
    const auto r = services::parseEligibility(validWith(R"("display_name":"Sri Lestari")",
                                                        R"("display_name":"Sri [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ \" {{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{")"));
    REQUIRE(r.ok());
    CHECK(r->person.displayName.starts_with("Sri [[["));
}

// ---- errorFromResponse -----------------------------------------------------------------------------
TEST_CASE("errorFromResponse: 401 is Unauthorized") {
    const auto e = errorFor(401, R"({"error":{"code":"unauthorized","message":{"id":"Token tidak sah."}}})");
    CHECK(e.kind == ServiceErrorKind::Unauthorized);
    CHECK(e.code == "unauthorized");
    CHECK(errorFor(401, "").kind == ServiceErrorKind::Unauthorized);
}

TEST_CASE("errorFromResponse: 403 is Unauthorized even without a body") {
    const auto e = errorFor(403, R"({"error":{"code":"forbidden"}})");
    CHECK(e.kind == ServiceErrorKind::Unauthorized);
    CHECK(e.code == "forbidden");
    const auto bare = errorFor(403, kHtmlPage);
    CHECK(bare.kind == ServiceErrorKind::Unauthorized);
    CHECK(bare.code == "forbidden");
}

TEST_CASE("errorFromResponse: 404 not_found is NotFound") {
    const auto e = errorFor(404, R"({"error":{"code":"not_found","message":{"id":"Tidak ditemukan."}}})");
    CHECK(e.kind == ServiceErrorKind::NotFound);
    CHECK(e.code == "not_found");
}

TEST_CASE("errorFromResponse: an HTML 404 from a proxy is not a person unknown") {
    const auto e = errorFor(404, "<html><body>404 Not Found</body></html>");
    CHECK(e.kind == ServiceErrorKind::ServerError);
    CHECK(e.code == "bad_response");
}

TEST_CASE("errorFromResponse: 409 quota_full is Refused") {
    const auto e = errorFor(409, R"({"error":{"code":"quota_full","message":{"id":"Kuota penuh.","en":"Quota full."}}})");
    CHECK(e.kind == ServiceErrorKind::Refused);
    CHECK(e.code == "quota_full");
}

TEST_CASE("errorFromResponse: 422 and 400 are Invalid with the server code") {
    const auto e = errorFor(422, R"({"error":{"code":"invalid_fields","message":{"id":"x"},"fields":["phone"]}})");
    CHECK(e.kind == ServiceErrorKind::Invalid);
    CHECK(e.code == "invalid_fields");
    const auto nik = errorFor(400, R"({"error":{"code":"invalid_nik"}})");
    CHECK(nik.kind == ServiceErrorKind::Invalid);
    CHECK(nik.code == "invalid_nik");
}

TEST_CASE("errorFromResponse: 500 internal is ServerError") {
    const auto e = errorFor(500, R"({"error":{"code":"internal"}})");
    CHECK(e.kind == ServiceErrorKind::ServerError);
    CHECK(e.code == "internal");
    CHECK(errorFor(503, R"({"error":{"code":"service_unavailable"}})").code == "service_unavailable");
}

TEST_CASE("errorFromResponse: 502 with an HTML body is a bad response") {
    const auto e = errorFor(502, kHtmlPage);
    CHECK(e.kind == ServiceErrorKind::ServerError);
    CHECK(e.code == "bad_response");
}

TEST_CASE("errorFromResponse: wrong shapes and non-machine codes are bad responses") {
    CHECK(errorFor(409, R"({"error":"quota_full"})").code == "bad_response");
    CHECK(errorFor(409, R"([{"error":{"code":"quota_full"}}])").code == "bad_response");
    CHECK(errorFor(409, R"({"error":{"code":42}})").code == "bad_response");
    // A code that could carry personal data never reaches the UI or the logs.
    CHECK(errorFor(404, R"({"error":{"code":"NIK 3374015203850002 not found"}})").code == "bad_response");
    CHECK(errorFor(409, std::string(5'000'000, '[')).code == "bad_response");
}

TEST_CASE("errorFromResponse: a success or redirect status is not an error shape") {
    CHECK(errorFor(200, R"({"error":{"code":"internal"}})").code == "bad_response");
    CHECK(errorFor(302, "").kind == ServiceErrorKind::ServerError);
}

// ---- backoffDelayMs --------------------------------------------------------------------------------
TEST_CASE("backoffDelayMs: attempt 0 stays within the base delay") {
    const services::RetryPolicy p{3, 250, 4000};
    for (std::uint32_t v : {0U, 1U, 249U, 250U, 251U, 1000U, 123456789U, UINT32_MAX}) {
        const int d = services::backoffDelayMs(p, 0, std::nullopt, v);
        CHECK(d >= 0);
        CHECK(d <= 250);
    }
    CHECK(services::backoffDelayMs(p, 0, std::nullopt, 250) == 250);  // the bound itself is reachable
}

TEST_CASE("backoffDelayMs: never above the cap") {
    const services::RetryPolicy p{10, 250, 4000};
    for (int attempt = 0; attempt < 70; ++attempt)
        for (std::uint32_t v : {0U, 3999U, 4000U, 4001U, 65535U, UINT32_MAX}) {
            const int d = services::backoffDelayMs(p, attempt, std::nullopt, v);
            CHECK(d >= 0);
            CHECK(d <= 4000);
        }
    CHECK(services::backoffDelayMs(p, INT_MAX, std::nullopt, 4000) == 4000);
}

TEST_CASE("backoffDelayMs: the ceiling doubles per attempt") {
    const services::RetryPolicy p{5, 250, 4000};
    CHECK(services::backoffDelayMs(p, 1, std::nullopt, 500) == 500);
    CHECK(services::backoffDelayMs(p, 2, std::nullopt, 1000) == 1000);
    CHECK(services::backoffDelayMs(p, 1, std::nullopt, 501) == 0);  // wraps inside [0 500]
}

TEST_CASE("backoffDelayMs: honours Retry-After even above the cap") {
    const services::RetryPolicy p{3, 250, 4000};
    CHECK(services::backoffDelayMs(p, 0, 3, 0) == 3000);
    CHECK(services::backoffDelayMs(p, 0, 10, UINT32_MAX) == 10000);
    CHECK(services::backoffDelayMs(p, 5, 1, 4000) == 4000);  // jitter larger than Retry-After wins
}

TEST_CASE("backoffDelayMs: odd inputs stay sane") {
    CHECK(services::backoffDelayMs({3, 250, 4000}, 0, INT_MAX, 0) == INT_MAX);  // no overflow
    CHECK(services::backoffDelayMs({3, 250, 4000}, 0, 0, 0) == 0);
    CHECK(services::backoffDelayMs({3, 250, 4000}, 0, -5, 0) == 0);
    CHECK(services::backoffDelayMs({3, 250, 4000}, -3, std::nullopt, 100) == 100);
    CHECK(services::backoffDelayMs({3, 0, 4000}, 4, std::nullopt, UINT32_MAX) == 0);
    CHECK(services::backoffDelayMs({3, -10, -10}, 2, std::nullopt, 7) == 0);
}

// ---- the other bodies of the contract -------------------------------------------------------------
namespace {

template <class R>
void checkRefused(const R& r) {
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == ServiceErrorKind::ServerError);
    CHECK(r.error().code == "bad_response");
}

std::string replaced(std::string s, const std::string& from, const std::string& to) {
    replaceOnce(s, from, to);
    return s;
}

const std::string kCourses = R"({"courses":[
  {"id":"BLK-OTO-01","title":{"id":"Otomotif Sepeda Motor","en":"Motorcycle mechanics","jv":"Otomotif Sepedha Motor"},
   "schedule":{"start":"2027-01-11","end":"2027-02-19","days":"Senin–Jumat","time":"08:00–15:00"},
   "seats_total":16,"seats_left":4,
   "requirements":{"min_age":18,"max_age":45,"residency":"kota_semarang","documents":["ktp","ijazah","pas_foto","ak1"]}},
  {"id":"BLK-DGR-01","title":{"id":"Desain Grafis"},
   "schedule":{"start":"2027-01-18","end":"2027-02-26","days":"Senin–Jumat","time":"08:00–15:00"},
   "seats_total":16,"seats_left":0,"future_field":[1,2],
   "requirements":{"min_age":18,"max_age":35,"residency":"kota_semarang","documents":[]}}
]})";

const std::string kEnrollmentCreated =
    R"({"reference":"PS-7K3M9Q2X","program":"pijar_semar","status":"received","funding":{"source":"APBD","places_left":78},)"
    R"("masked_nik":"3374 •••• •••• 9006","created_at":"2026-11-30T09:15:02+07:00"})";
const std::string kBlkRegistered =
    R"({"reference":"BLK-4HX8T2NB","program":"blk","status":"registered","waitlist_position":null,"course_id":"BLK-OTO-01",)"
    R"("masked_nik":"3374 •••• •••• 9010","created_at":"2026-11-30T09:20:41+07:00"})";
const std::string kMediationBooked =
    R"({"reference":"MED-Q9D3K7WP","program":"mediation","status":"booked",)"
    R"("slot":{"id":"MED-20261201-0900","date":"2026-12-01","time":"09:00","room":"Ruang Mediasi 1"},)"
    R"("masked_nik":"3374 •••• •••• 9014","created_at":"2026-11-30T09:31:10+07:00"})";

}  // namespace

TEST_CASE("parseCourses: the spec body with a full course and an unknown field") {
    const auto r = services::parseCourses(kCourses);
    REQUIRE(r.ok());
    REQUIRE(r->size() == 2);
    const services::Course& oto = r.value()[0];
    CHECK(oto.id == "BLK-OTO-01");
    CHECK(oto.title.in(core::Lang::Jv) == "Otomotif Sepedha Motor");
    CHECK(oto.start == "2027-01-11");
    CHECK(oto.end == "2027-02-19");
    CHECK(oto.days == "Senin–Jumat");
    CHECK(oto.time == "08:00–15:00");
    CHECK(oto.seatsTotal == 16);
    CHECK(oto.seatsLeft == 4);
    CHECK(oto.minAge == 18);
    CHECK(oto.maxAge == 45);
    CHECK(oto.residency == "kota_semarang");
    CHECK(oto.documents.size() == 4);
    CHECK(r.value()[1].seatsLeft == 0);
    CHECK(r.value()[1].title.in(core::Lang::En) == "Desain Grafis");  // falls back to Bahasa Indonesia
    CHECK(services::parseCourses(R"({"courses":[]})").ok());
}

TEST_CASE("parseCourses: seats of the wrong type or sign or more left than total are refused") {
    checkRefused(services::parseCourses(replaced(kCourses, R"("seats_left":4)", R"("seats_left":"4")")));
    checkRefused(services::parseCourses(replaced(kCourses, R"("seats_left":4)", R"("seats_left":-1)")));
    checkRefused(services::parseCourses(replaced(kCourses, R"("seats_left":4)", R"("seats_left":17)")));
    checkRefused(services::parseCourses(replaced(kCourses, R"("seats_total":16,"seats_left":4,)", "")));
}

TEST_CASE("parseCourses: bad dates and ages and documents and shapes are refused") {
    checkRefused(services::parseCourses(replaced(kCourses, R"("start":"2027-01-11")", R"("start":"2027-02-30")")));
    checkRefused(services::parseCourses(replaced(kCourses, R"("start":"2027-01-11")", R"("start":"2027-03-01")")));
    checkRefused(services::parseCourses(replaced(kCourses, R"("max_age":45)", R"("max_age":17)")));
    checkRefused(services::parseCourses(replaced(kCourses, R"(["ktp","ijazah","pas_foto","ak1"])", R"("ktp")")));
    checkRefused(services::parseCourses(replaced(kCourses, R"(["ktp","ijazah","pas_foto","ak1"])", R"(["ktp",7])")));
    checkRefused(services::parseCourses(replaced(kCourses, R"("id":"BLK-OTO-01")", R"("id":"BLK/../OTO")")));
    checkRefused(services::parseCourses(R"({"courses":{"id":"BLK-OTO-01"}})"));
    checkRefused(services::parseCourses(R"([])"));
    checkRefused(services::parseCourses(kHtmlPage));
    checkRefused(services::parseCourses(std::string(100000, '[')));
}

TEST_CASE("parseCreated: an enrollment with its funding") {
    const auto r = services::parseCreated("pijar_semar", kEnrollmentCreated);
    REQUIRE(r.ok());
    CHECK(r->httpStatus == 201);
    CHECK(r->reference == "PS-7K3M9Q2X");
    CHECK(r->program == "pijar_semar");
    CHECK(r->status == "received");
    CHECK(r->fundingSource == "APBD");
    CHECK(r->placesLeft == 78);
    CHECK_FALSE(r->waitlistPosition.has_value());
    CHECK(r->maskedNik == "3374 •••• •••• 9006");
}

TEST_CASE("parseCreated: a BLK seat and a waitlist place and a mediation booking") {
    const auto seated = services::parseCreated("blk", kBlkRegistered);
    REQUIRE(seated.ok());
    CHECK(seated->status == "registered");
    CHECK_FALSE(seated->waitlistPosition.has_value());
    CHECK(seated->fundingSource.empty());
    CHECK_FALSE(seated->placesLeft.has_value());
    const auto waiting = services::parseCreated(
        "blk", replaced(kBlkRegistered, R"("status":"registered","waitlist_position":null)",
                        R"("status":"waitlisted","waitlist_position":3)"));
    REQUIRE(waiting.ok());
    CHECK(waiting->status == "waitlisted");
    CHECK(waiting->waitlistPosition == 3);
    const auto booked = services::parseCreated("mediation", kMediationBooked);
    REQUIRE(booked.ok());
    CHECK(booked->status == "booked");
    CHECK(booked->reference == "MED-Q9D3K7WP");
}

TEST_CASE("parseCreated: another program or status than the call made is refused") {
    checkRefused(services::parseCreated("blk", kEnrollmentCreated));
    checkRefused(services::parseCreated("pijar_semar", replaced(kEnrollmentCreated, R"("status":"received")", R"("status":"booked")")));
    checkRefused(services::parseCreated("mediation", replaced(kMediationBooked, R"("status":"booked")", R"("status":"maybe")")));
    checkRefused(services::parseCreated("elsewhere", kEnrollmentCreated));
}

TEST_CASE("parseCreated: funding missing or negative or of an unknown source is refused") {
    checkRefused(services::parseCreated("pijar_semar", replaced(kEnrollmentCreated, R"("funding":{"source":"APBD","places_left":78},)", "")));
    checkRefused(services::parseCreated("pijar_semar", replaced(kEnrollmentCreated, R"("places_left":78)", R"("places_left":-78)")));
    checkRefused(services::parseCreated("pijar_semar", replaced(kEnrollmentCreated, R"("places_left":78)", R"("places_left":7.8)")));
    checkRefused(services::parseCreated("pijar_semar", replaced(kEnrollmentCreated, R"("source":"APBD")", R"("source":"CSR")")));
    checkRefused(services::parseCreated("pijar_semar", replaced(kEnrollmentCreated, R"("funding":{)", R"("funding":[{)")));
}

TEST_CASE("parseCreated: a waitlist position that contradicts the status is refused") {
    checkRefused(services::parseCreated("blk", replaced(kBlkRegistered, R"("status":"registered")", R"("status":"waitlisted")")));
    checkRefused(services::parseCreated("blk", replaced(kBlkRegistered, R"("waitlist_position":null)", R"("waitlist_position":2)")));
    checkRefused(services::parseCreated("blk", replaced(kBlkRegistered, R"("waitlist_position":null,)", "")));
    checkRefused(services::parseCreated(
        "blk", replaced(kBlkRegistered, R"("status":"registered","waitlist_position":null)", R"("status":"waitlisted","waitlist_position":0)")));
}

TEST_CASE("parseCreated: a hostile reference or a whole NIK or a missing slot is refused") {
    checkRefused(services::parseCreated("pijar_semar", replaced(kEnrollmentCreated, R"("PS-7K3M9Q2X")", R"("PS/../7K3M9Q2X")")));
    checkRefused(services::parseCreated("pijar_semar", replaced(kEnrollmentCreated, R"("PS-7K3M9Q2X")", R"(7)")));
    checkRefused(services::parseCreated("pijar_semar", replaced(kEnrollmentCreated, "3374 •••• •••• 9006", "3374061404839006")));
    checkRefused(services::parseCreated("pijar_semar", replaced(kEnrollmentCreated, R"("created_at":"2026-11-30T09:15:02+07:00")", R"("created_at":null)")));
    checkRefused(services::parseCreated("mediation", replaced(kMediationBooked, R"("date":"2026-12-01")", R"("date":"tomorrow")")));
    checkRefused(services::parseCreated("mediation", replaced(kMediationBooked, R"("room":"Ruang Mediasi 1")", R"("room":1)")));
    checkRefused(services::parseCreated("pijar_semar", ""));
    checkRefused(services::parseCreated("pijar_semar", kHtmlPage));
    checkRefused(services::parseCreated("pijar_semar", std::string(200, '{')));
}

TEST_CASE("parseOccupations: codes and names and hostile entries") {
    const auto r = services::parseOccupations(
        R"({"occupations":[{"code":"becak","name":{"id":"Pengemudi becak","en":"Becak driver","jv":"Tukang becak"}},)"
        R"({"code":"angkot","name":{"id":"Sopir angkot"}}]})");
    REQUIRE(r.ok());
    REQUIRE(r->size() == 2);
    CHECK(r.value()[0].code == "becak");
    CHECK(r.value()[1].name.in(core::Lang::Jv) == "Sopir angkot");
    checkRefused(services::parseOccupations(R"({"occupations":[{"code":"Becak Driver","name":{"id":"x"}}]})"));
    checkRefused(services::parseOccupations(R"({"occupations":[{"code":"becak","name":{"en":"x"}}]})"));
    checkRefused(services::parseOccupations(R"({"occupations":[{"code":"becak","name":"Pengemudi becak"}]})"));
    checkRefused(services::parseOccupations(R"({"occupations":"becak"})"));
}

TEST_CASE("parseSlots: ids must match their date and time") {
    const auto r = services::parseSlots(
        R"({"slots":[{"id":"MED-20261201-0900","date":"2026-12-01","time":"09:00","room":"Ruang Mediasi 1","available":true},)"
        R"({"id":"MED-20261201-1430","date":"2026-12-01","time":"14:30","rooms_total":2,"available":false}]})");
    REQUIRE(r.ok());
    REQUIRE(r->size() == 2);
    CHECK(r.value()[0].id == "MED-20261201-0900");
    CHECK(r.value()[0].available);
    CHECK_FALSE(r.value()[1].available);
    checkRefused(services::parseSlots(R"({"slots":[{"id":"MED-20261202-0900","date":"2026-12-01","time":"09:00","available":true}]})"));
    checkRefused(services::parseSlots(R"({"slots":[{"id":"MED-20261201-0900","date":"2026-12-01","time":"9:00","available":true}]})"));
    checkRefused(services::parseSlots(R"({"slots":[{"id":"MED-20261201-2500","date":"2026-12-01","time":"25:00","available":true}]})"));
    checkRefused(services::parseSlots(R"({"slots":[{"id":"MED-20261201-0900","date":"2026-12-01","time":"09:00","available":"yes"}]})"));
}

TEST_CASE("parseSubmission: program and status from the contract and a masked NIK only") {
    const std::string body = R"({"reference":"PS-7K3M9Q2X","program":"pijar_semar","status":"received",)"
                             R"("masked_nik":"3374 •••• •••• 9006","created_at":"2026-11-30T09:15:02+07:00"})";
    const auto r = services::parseSubmission(body);
    REQUIRE(r.ok());
    CHECK(r->reference == "PS-7K3M9Q2X");
    CHECK(r->program == "pijar_semar");
    CHECK(r->status == "received");
    CHECK(r->maskedNik == "3374 •••• •••• 9006");
    CHECK(r->createdAt == "2026-11-30T09:15:02+07:00");
    checkRefused(services::parseSubmission(replaced(body, "3374 •••• •••• 9006", "3374061404839006")));
    checkRefused(services::parseSubmission(replaced(body, R"("status":"received")", R"("status":"approved")")));
    checkRefused(services::parseSubmission(replaced(body, R"("program":"pijar_semar")", R"("program":["blk"])")));
}

TEST_CASE("parseKioskConfig: known languages with the default among them") {
    const std::string body = R"({"kiosk_id":"MPP-SMG-DEMO-01","languages":["id","jv","en"],"default_language":"id",)"
                             R"("idle_seconds":60,"idle_countdown_seconds":20})";
    const auto r = services::parseKioskConfig(body);
    REQUIRE(r.ok());
    CHECK(r->kioskId == "MPP-SMG-DEMO-01");
    CHECK(r->languages == std::vector<std::string>{"id", "jv", "en"});
    CHECK(r->defaultLanguage == "id");
    CHECK(r->idleSeconds == 60);
    CHECK(r->idleCountdownSeconds == 20);
    checkRefused(services::parseKioskConfig(replaced(body, R"("default_language":"id")", R"("default_language":"fr")")));
    checkRefused(services::parseKioskConfig(replaced(body, R"(["id","jv","en"])", R"(["id","xx"])")));
    checkRefused(services::parseKioskConfig(replaced(body, R"(["id","jv","en"])", R"([])")));
    checkRefused(services::parseKioskConfig(replaced(body, R"("idle_seconds":60)", R"("idle_seconds":0)")));
    checkRefused(services::parseKioskConfig(replaced(body, R"("idle_seconds":60)", R"("idle_seconds":"60")")));
}

TEST_CASE("parseHeartbeat and parseHealth: the one field each and wrong types") {
    const auto beat = services::parseHeartbeat(R"({"received_at":"2026-11-30T09:00:05+07:00"})");
    REQUIRE(beat.ok());
    CHECK(beat.value() == "2026-11-30T09:00:05+07:00");
    checkRefused(services::parseHeartbeat(R"({"received_at":17})"));
    checkRefused(services::parseHeartbeat(R"({"received_at":""})"));
    const auto health = services::parseHealth(R"({"status":"ok","version":"1.0.0","time":"2026-11-30T09:00:00+07:00"})");
    REQUIRE(health.ok());
    CHECK(health.value() == "1.0.0");
    checkRefused(services::parseHealth(R"({"status":"degraded","version":"1.0.0"})"));
    checkRefused(services::parseHealth(R"({"status":"ok","version":""})"));
}

TEST_CASE("errorFromResponse: the 422 field list lands in fields") {
    const auto e = errorFor(422, R"({"error":{"code":"invalid_fields","message":{"id":"x"},"fields":["phone","consent.kiosk_id"]}})");
    CHECK(e.kind == ServiceErrorKind::Invalid);
    CHECK(e.code == "invalid_fields");
    CHECK(e.fields == std::vector<std::string>{"phone", "consent.kiosk_id"});
    CHECK(errorFor(409, R"({"error":{"code":"slot_taken","fields":null}})").fields.empty());
    CHECK(errorFor(422, R"({"error":{"code":"idempotency_key_reused"}})").fields.empty());
}

TEST_CASE("errorFromResponse: a field list of the wrong shape is a bad response") {
    for (const std::string fields : {R"("phone")", R"([7])", R"(["phone number"])", R"([""])", R"({"phone":1})"}) {
        const auto e = errorFor(422, R"({"error":{"code":"invalid_fields","fields":)" + fields + "}}");
        CHECK(e.kind == ServiceErrorKind::ServerError);
        CHECK(e.code == "bad_response");
    }
}

TEST_CASE("isValidReference and isValidKioskId and isValidIdempotencyKey") {
    CHECK(services::isValidReference("PS-7K3M9Q2X"));
    CHECK(services::isValidReference(std::string(40, 'A')));
    CHECK_FALSE(services::isValidReference(std::string(41, 'A')));
    CHECK_FALSE(services::isValidReference(""));
    CHECK_FALSE(services::isValidReference("PS_7K3M9Q2X"));
    CHECK_FALSE(services::isValidReference("PS-7K3M9Q2X/.."));
    CHECK_FALSE(services::isValidReference("PS-7K3M%2F"));
    CHECK(services::isValidKioskId("MPP-SMG-DEMO_01"));
    CHECK_FALSE(services::isValidKioskId("MPP SMG"));
    CHECK(services::isValidIdempotencyKey(std::string(100, 'k')));
    CHECK_FALSE(services::isValidIdempotencyKey(std::string(101, 'k')));
    CHECK_FALSE(services::isValidIdempotencyKey("key\r\nX-Evil: 1"));
}
