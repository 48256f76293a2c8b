// The sandbox server.
// Sections: helpers (dates, JSON, references) · store (schema, seed) · request plumbing (auth,
// errors, body checks, sealed bodies, faults, idempotency) · read endpoints · create endpoints ·
// SandboxServer.
//
// Concurrency: cpp-httplib serves on a thread pool; every database touch holds m_mutex, and each
// create runs its checks and writes in one IMMEDIATE transaction, so quotas, seats and slots can
// never be over-allocated. The idempotency row is claimed in its own short transaction first, so
// a duplicate arriving while the first is still running sees it and gets 409.
#include "sandbox/server.hpp"

#include <array>
#include <atomic>
#include <chrono>
#include <ctime>
#include <fstream>
#include <httplib.h>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <regex>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <set>
#include <sodium.h>
#include <thread>

#include "core/lang.hpp"
#include "sandbox/rules.hpp"
#include "services/sqlite.hpp"

namespace kiosk::sandbox {
namespace {

using json = nlohmann::json;
namespace sql = services::sql;
constexpr const char* kVersion = "1.0.0";
// A create body sealed to the central API's key (crypto_box_seal of the JSON body), as the
// kiosk's outbox keeps it: the kiosk sends the sealed bytes it cannot read itself.
constexpr std::string_view kSealedType = "application/vnd.pijar.sealed";

// ---- helpers ------------------------------------------------------------------------------------

std::string isoDate(const core::CivilDate& d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buf;
}

std::optional<core::CivilDate> parseDate(const std::string& s) {
    static const std::regex re(R"((\d{4})-(\d{2})-(\d{2}))");
    std::smatch m;
    if (!std::regex_match(s, m, re)) return std::nullopt;
    core::CivilDate d{std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3])};
    if (!core::isValidDate(d)) return std::nullopt;
    return d;
}

// Days since 1970-01-01 and back (Howard Hinnant's civil calendar algorithms).
long daysFromCivil(core::CivilDate d) {
    int y = d.year - (d.month <= 2 ? 1 : 0);
    const long era = (y >= 0 ? y : y - 399) / 400;
    const long yoe = y - era * 400;
    const long doy = (153 * (d.month + (d.month > 2 ? -3 : 9)) + 2) / 5 + d.day - 1;
    const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}
core::CivilDate civilFromDays(long z) {
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const long doe = z - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const int y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
    return {y, m, d};
}
int weekday(const core::CivilDate& d) {  // 0 = Sunday
    const long z = daysFromCivil(d);
    return static_cast<int>(z >= -4 ? (z + 4) % 7 : (z + 5) % 7 + 6);
}

std::string nowIso() {
    const std::time_t t = std::time(nullptr) + 7 * 3600;  // Asia/Jakarta, no DST
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[40];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S+07:00", &tm);
    return buf;
}

std::string randomReference(std::string_view prefix) {
    static constexpr std::string_view kAlphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
    std::string out(prefix);
    out += '-';
    for (int i = 0; i < 8; ++i) out += kAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kAlphabet.size()))];
    return out;
}

// Exactly `out.size()` bytes from hex, or false.
template <std::size_t N>
bool hexToKey(const std::string& hex, std::array<unsigned char, N>& out) {
    std::size_t len = 0;
    return hex.size() == 2 * N && sodium_hex2bin(out.data(), N, hex.c_str(), hex.size(), nullptr, &len, nullptr) == 0 &&
           len == N;
}

std::string sha256Hex(std::string_view data) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

bool isNik(const json& v) {
    if (!v.is_string()) return false;
    const auto& s = v.get_ref<const std::string&>();
    return s.size() == 16 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Keys of `body` (recursively into the named sub-objects) that the schema does not know.
void unknownKeys(const json& body, const std::set<std::string>& known, const std::string& prefix,
                 std::vector<std::string>& out) {
    for (const auto& [k, v] : body.items()) {
        const std::string path = prefix.empty() ? k : prefix + "." + k;
        if (!known.count(path)) out.push_back(path);
        else if (v.is_object()) unknownKeys(v, known, path, out);
    }
}

// ---- request plumbing ---------------------------------------------------------------------------

struct ApiError {
    int status;
    std::string code;
    std::vector<std::string> fields;
};

}  // namespace

struct SandboxServer::Impl {
    SandboxOptions opt;
    json seed;
    std::unique_ptr<sql::Database> db;
    std::mutex mutex;
    std::unique_ptr<httplib::Server> server;
    int listenFd = -1;  // to raise cpp-httplib's compiled-in listen backlog of 5 after bind
    std::mt19937 rng{std::random_device{}()};
    std::mutex rngMutex;
    std::vector<std::string> occupations;
    std::vector<std::string> kecamatans;
    std::array<unsigned char, crypto_box_PUBLICKEYBYTES> sealPublicKey{};  // seed "sealing": a DEMO pair
    std::array<unsigned char, crypto_box_SECRETKEYBYTES> sealSecretKey{};

    explicit Impl(SandboxOptions o) : opt(std::move(o)) {
        if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
        std::ifstream in(opt.seedPath);
        if (!in) throw std::runtime_error("cannot open the seed file " + opt.seedPath);
        seed = json::parse(in, nullptr, true, true);
        for (const auto& occ : seed.at("occupations")) occupations.push_back(occ.at("code").get<std::string>());
        for (const auto& [k, v] : seed.at("quotas").at("apbd_by_kecamatan").items()) kecamatans.push_back(k);
        loadSealingKeys();
        db = std::make_unique<sql::Database>(opt.dbPath);
        migrateAndSeed();
    }
    ~Impl() { sodium_memzero(sealSecretKey.data(), sealSecretKey.size()); }

    void loadSealingKeys() {
        const auto& s = seed.at("sealing");
        if (!hexToKey(s.at("public_key_hex").get<std::string>(), sealPublicKey) ||
            !hexToKey(s.at("secret_key_hex").get<std::string>(), sealSecretKey))
            throw std::runtime_error("seed: sealing keys must be 64 hex digits each");
        std::array<unsigned char, crypto_box_PUBLICKEYBYTES> derived{};
        if (crypto_scalarmult_base(derived.data(), sealSecretKey.data()) != 0 ||
            sodium_memcmp(derived.data(), sealPublicKey.data(), derived.size()) != 0)
            throw std::runtime_error("seed: sealing.public_key_hex does not belong to sealing.secret_key_hex");
    }

    // ---- store ----------------------------------------------------------------------------------

    void migrateAndSeed() {
        std::lock_guard lock(mutex);
        if (db->userVersion() >= 1) return;
        sql::Transaction tx(*db);
        db->exec(R"sql(
            CREATE TABLE people (nik TEXT PRIMARY KEY, record TEXT NOT NULL, pijar_enrolled INTEGER NOT NULL DEFAULT 0);
            CREATE TABLE quotas (scope TEXT PRIMARY KEY, total INTEGER NOT NULL, used INTEGER NOT NULL,
                                 CHECK (used <= total));
            CREATE TABLE courses (id TEXT PRIMARY KEY, record TEXT NOT NULL, seats_total INTEGER NOT NULL,
                                  seats_taken INTEGER NOT NULL, CHECK (seats_taken <= seats_total));
            CREATE TABLE submissions (reference TEXT PRIMARY KEY, program TEXT NOT NULL, status TEXT NOT NULL,
                                      masked_nik TEXT NOT NULL, nik TEXT NOT NULL, detail TEXT NOT NULL,
                                      created_at TEXT NOT NULL, kiosk_ref TEXT);
            CREATE INDEX submissions_kiosk_ref ON submissions (kiosk_ref);
            CREATE INDEX submissions_nik ON submissions (nik, program);
            CREATE TABLE blk_registrations (reference TEXT PRIMARY KEY, nik TEXT NOT NULL, course_id TEXT NOT NULL,
                                            status TEXT NOT NULL, position INTEGER, UNIQUE (nik, course_id));
            CREATE TABLE mediation_bookings (reference TEXT PRIMARY KEY, slot_id TEXT NOT NULL, room TEXT NOT NULL,
                                             nik TEXT NOT NULL, UNIQUE (slot_id, room));
            CREATE TABLE idempotency (kiosk_id TEXT NOT NULL, key TEXT NOT NULL, path TEXT NOT NULL,
                                      body_hash TEXT NOT NULL, state TEXT NOT NULL, status INTEGER,
                                      response TEXT, created_at TEXT NOT NULL, PRIMARY KEY (kiosk_id, key));
            CREATE TABLE heartbeats (kiosk_id TEXT NOT NULL, received_at TEXT NOT NULL, body TEXT NOT NULL);
        )sql");
        auto person = db->prepare("INSERT INTO people (nik, record) VALUES (?, ?)");
        for (const auto& p : seed.at("people")) {
            person.bind(1, p.at("nik").get<std::string>()).bind(2, p.dump());
            person.step();
            person.reset();
        }
        auto quota = db->prepare("INSERT INTO quotas (scope, total, used) VALUES (?, ?, ?)");
        for (const auto& [kec, q] : seed.at("quotas").at("apbd_by_kecamatan").items()) {
            quota.bind(1, "APBD:" + kec).bind(2, q.at("total").get<std::int64_t>()).bind(3, q.at("used").get<std::int64_t>());
            quota.step();
            quota.reset();
        }
        const auto& d = seed.at("quotas").at("dbhcht");
        quota.bind(1, "DBHCHT").bind(2, d.at("total").get<std::int64_t>()).bind(3, d.at("used").get<std::int64_t>());
        quota.step();
        auto course = db->prepare("INSERT INTO courses (id, record, seats_total, seats_taken) VALUES (?, ?, ?, ?)");
        for (const auto& c : seed.at("courses")) {
            course.bind(1, c.at("id").get<std::string>())
                .bind(2, c.dump())
                .bind(3, c.at("seats_total").get<std::int64_t>())
                .bind(4, c.at("seats_taken").get<std::int64_t>());
            course.step();
            course.reset();
        }
        db->setUserVersion(1);
        tx.commit();
    }

    core::CivilDate today() const {
        if (opt.today) return *opt.today;
        const std::time_t t = std::time(nullptr) + 7 * 3600;
        std::tm tm{};
        gmtime_r(&t, &tm);
        return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
    }

    // Caller holds the mutex.
    std::optional<Person> loadPerson(const std::string& nik) {
        auto s = db->prepare("SELECT record, pijar_enrolled FROM people WHERE nik = ?");
        s.bind(1, nik);
        if (!s.step()) return std::nullopt;
        const json r = json::parse(s.text(0));
        Person p;
        p.nik = nik;
        p.name = r.at("name").get<std::string>();
        p.birthDate = parseDate(r.at("birth_date").get<std::string>()).value_or(core::CivilDate{1900, 1, 1});
        p.sex = r.at("sex").get<std::string>();
        p.kecamatan = r.at("domicile").at("kecamatan").get<std::string>();
        p.kelurahan = r.at("domicile").at("kelurahan").get<std::string>();
        p.inSemarang = r.at("domicile").at("in_semarang").get<bool>();
        p.employment = r.at("employment").get<std::string>();
        p.occupation = r.at("occupation").get<std::string>();
        p.bpjsActive = r.at("bpjs").at("active").get<bool>();
        p.bpjsSince = r.at("bpjs").value("since", json()).is_string() ? r["bpjs"]["since"].get<std::string>() : "";
        p.referToStaff = r.value("refer_to_staff", false);
        p.pijarEnrolled = s.integer(1) != 0;
        return p;
    }

    int quotaLeft(const std::string& scope) {
        auto s = db->prepare("SELECT total - used FROM quotas WHERE scope = ?");
        s.bind(1, scope);
        return s.step() ? static_cast<int>(s.integer(0)) : 0;
    }

    Decisions decisionsFor(const Person& p) {
        return decide(p, today(), QuotaView{quotaLeft("APBD:" + p.kecamatan), quotaLeft("DBHCHT")}, occupations);
    }

    // ---- JSON shapes ----------------------------------------------------------------------------

    json message(const std::string& code) const {
        const auto& m = seed.at("messages");
        if (m.contains(code)) return m.at(code);
        return json{{"id", code}, {"en", code}, {"jv", code}};
    }

    json errorBody(const ApiError& e) const {
        json err{{"code", e.code}, {"message", message(e.code)}};
        if (!e.fields.empty()) err["fields"] = e.fields;
        return json{{"error", err}};
    }

    json decisionJson(const Decision& d, bool withFunding) const {
        json reasons = json::array();
        for (const auto& r : d.reasons) reasons.push_back({{"code", r}, {"message", message(r)}});
        json out{{"status", d.status}, {"reasons", reasons}};
        if (withFunding && d.status == "eligible")
            out["funding"] = {{"source", d.fundingSource}, {"places_left", d.placesLeft}};
        return out;
    }

    // ---- request plumbing -----------------------------------------------------------------------

    bool chance(double rate) {
        if (rate <= 0) return false;
        std::lock_guard lock(rngMutex);
        return std::uniform_real_distribution<double>(0.0, 1.0)(rng) < rate;
    }

    static void send(httplib::Response& res, int status, const json& body) {
        res.status = status;
        res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json");
    }

    void sendError(httplib::Response& res, const ApiError& e) const { send(res, e.status, errorBody(e)); }

    // The kiosk a bearer token belongs to, if any.
    std::optional<std::string> kioskFor(const httplib::Request& req) const {
        const std::string auth = req.get_header_value("Authorization");
        static constexpr std::string_view kBearer = "Bearer ";
        if (auth.size() <= kBearer.size() || auth.compare(0, kBearer.size(), kBearer) != 0) return std::nullopt;
        const std::string token = auth.substr(kBearer.size());
        for (const auto& k : seed.at("kiosks"))
            if (k.at("token").get<std::string>() == token) return k.at("id").get<std::string>();
        return std::nullopt;
    }

    // The JSON text of a request body: an application/json body as sent or, where `sealedOk`
    // (the creates), an application/vnd.pijar.sealed body opened with the sandbox's secret key.
    // Answers 415 or 400 invalid_sealed_body itself and then returns nullopt.
    std::optional<std::string> bodyText(const httplib::Request& req, httplib::Response& res, bool sealedOk) const {
        const std::string ct = req.get_header_value("Content-Type");
        if (ct.rfind("application/json", 0) == 0) return req.body;
        if (!sealedOk || ct.rfind(kSealedType, 0) != 0) {
            sendError(res, {415, "unsupported_media_type", {}});
            return std::nullopt;
        }
        if (req.body.size() >= crypto_box_SEALBYTES) {
            std::string plain(req.body.size() - crypto_box_SEALBYTES, '\0');
            if (crypto_box_seal_open(reinterpret_cast<unsigned char*>(plain.data()),
                                     reinterpret_cast<const unsigned char*>(req.body.data()), req.body.size(),
                                     sealPublicKey.data(), sealSecretKey.data()) == 0)
                return plain;
        }
        sendError(res, {400, "invalid_sealed_body", {}});
        return std::nullopt;
    }

    // Parses and checks JSON text as an object body with only the known keys.
    std::optional<json> parseBody(const std::string& text, httplib::Response& res, const std::set<std::string>& known) const {
        json body = json::parse(text, nullptr, false);
        if (body.is_discarded() || !body.is_object()) {
            sendError(res, {400, "invalid_json", {}});
            return std::nullopt;
        }
        std::vector<std::string> unknown;
        unknownKeys(body, known, "", unknown);
        if (!unknown.empty()) {
            sendError(res, {422, "unknown_field", unknown});
            return std::nullopt;
        }
        return body;
    }

    // Every endpoint but the creates: application/json only.
    std::optional<json> readBody(const httplib::Request& req, httplib::Response& res, const std::set<std::string>& known) const {
        const auto text = bodyText(req, res, false);
        return text ? parseBody(*text, res, known) : std::nullopt;
    }

    using Handler = std::function<void(const httplib::Request&, httplib::Response&, const std::string& kiosk)>;

    // Every endpoint: latency, injected failures, auth, and no exception ever leaves a handler.
    // Creates take their latency and injected failure after claiming the idempotency key (see
    // create()), so a duplicate sent meanwhile finds the first one running.
    httplib::Server::Handler wrap(Handler h, bool faultsInside = false) {
        return [this, h = std::move(h), faultsInside](const httplib::Request& req, httplib::Response& res) {
            try {
                const auto kiosk = kioskFor(req);
                if (!kiosk) return sendError(res, {401, "unauthorized", {}});
                if (!faultsInside && !injectFaults(res)) return;
                h(req, res, *kiosk);
            } catch (const std::exception&) {
                sendError(res, {500, "internal", {}});
            }
        };
    }

    // Latency, then maybe a 503. Returns false when the request was answered with the failure.
    bool injectFaults(httplib::Response& res) {
        if (opt.latencyMs > 0) std::this_thread::sleep_for(std::chrono::milliseconds(opt.latencyMs));
        if (!chance(opt.failRate)) return true;
        sendError(res, {503, "service_unavailable", {}});
        return false;
    }

    void releaseClaim(const std::string& kiosk, const std::string& key) {
        std::lock_guard lock(mutex);
        auto del = db->prepare("DELETE FROM idempotency WHERE kiosk_id = ? AND key = ? AND state = 'running'");
        del.bind(1, kiosk).bind(2, key);
        del.step();
    }

    // Creates: the Idempotency-Key contract around `work`, which runs inside the caller's
    // transaction and returns (status, body). Replays and conflicts are answered here. The body
    // may be JSON or sealed JSON; the key's body hash is over the JSON text either way (a sealed
    // box is randomised: the same request sealed twice differs, and must still replay).
    using CreateWork = std::function<std::pair<int, json>(const json& body, const std::string& kiosk)>;
    Handler create(std::set<std::string> known, CreateWork work) {
        return [this, known = std::move(known), work = std::move(work)](const httplib::Request& req,
                                                                         httplib::Response& res, const std::string& kiosk) {
            static const std::regex keyRe("[A-Za-z0-9_-]{1,100}");
            const std::string key = req.get_header_value("Idempotency-Key");
            if (!std::regex_match(key, keyRe)) return sendError(res, {400, "missing_idempotency_key", {}});
            const auto text = bodyText(req, res, true);
            if (!text) return;
            const auto body = parseBody(*text, res, known);
            if (!body) return;
            const std::string hash = sha256Hex(*text);
            {
                std::lock_guard lock(mutex);
                auto s = db->prepare("SELECT state, body_hash, status, response, path FROM idempotency WHERE kiosk_id = ? AND key = ?");
                s.bind(1, kiosk).bind(2, key);
                if (s.step()) {
                    if (s.text(1) != hash || s.text(4) != req.path) return sendError(res, {422, "idempotency_key_reused", {}});
                    if (s.text(0) == "running") return sendError(res, {409, "request_in_progress", {}});
                    return send(res, static_cast<int>(s.integer(2)), json::parse(s.text(3)));
                }
                auto ins = db->prepare(
                    "INSERT INTO idempotency (kiosk_id, key, path, body_hash, state, created_at) VALUES (?, ?, ?, ?, 'running', ?)");
                ins.bind(1, kiosk).bind(2, key).bind(3, req.path).bind(4, hash).bind(5, nowIso());
                ins.step();
            }
            if (!injectFaults(res)) return releaseClaim(kiosk, key);
            std::pair<int, json> result;
            try {
                std::lock_guard lock(mutex);
                sql::Transaction tx(*db);
                result = work(*body, kiosk);
                auto done = db->prepare(
                    "UPDATE idempotency SET state = 'done', status = ?, response = ? WHERE kiosk_id = ? AND key = ?");
                done.bind(1, result.first).bind(2, result.second.dump()).bind(3, kiosk).bind(4, key);
                done.step();
                tx.commit();
            } catch (...) {
                releaseClaim(kiosk, key);
                throw;
            }
            if (result.first < 300 && chance(opt.dropAfterCommitRate)) {
                // Committed, but the kiosk never hears back: headers promise a body that never comes.
                res.status = result.first;
                res.set_content_provider(
                    64, "application/json", [](std::size_t, std::size_t, httplib::DataSink&) { return false; });
                return;
            }
            send(res, result.first, result.second);
        };
    }

    // ---- read endpoints -------------------------------------------------------------------------

    void eligibility(const httplib::Request& req, httplib::Response& res, const std::string&) {
        const auto body = readBody(req, res, {"nik"});
        if (!body) return;
        if (!isNik(body->value("nik", json()))) return sendError(res, {400, "invalid_nik", {"nik"}});
        const std::string nik = body->at("nik").get<std::string>();
        if (!core::analyzeNik(nik, today()).valid()) return sendError(res, {400, "invalid_nik", {"nik"}});
        std::lock_guard lock(mutex);
        const auto p = loadPerson(nik);
        if (!p) return sendError(res, {404, "not_found", {}});
        const Decisions d = decisionsFor(*p);
        json person{{"display_name", p->name},
                    {"masked_nik", core::maskNik(nik)},
                    {"birth_date", isoDate(p->birthDate)},
                    {"sex", p->sex},
                    {"domicile", {{"kecamatan", p->kecamatan}, {"kelurahan", p->kelurahan}, {"in_semarang", p->inSemarang}}}};
        json out{{"person", person},
                 {"bpjs_ketenagakerjaan",
                  {{"active", p->bpjsActive}, {"since", p->bpjsSince.empty() ? json() : json(p->bpjsSince)}}},
                 {"programs",
                  {{"pijar_semar", decisionJson(d.pijarSemar, true)},
                   {"blk", decisionJson(d.blk, false)},
                   {"mediation", decisionJson(d.mediation, false)}}}};
        send(res, 200, out);
    }

    void courses(httplib::Response& res) {
        std::lock_guard lock(mutex);
        json list = json::array();
        auto s = db->prepare("SELECT record, seats_total, seats_taken FROM courses ORDER BY id");
        while (s.step()) {
            json c = json::parse(s.text(0));
            c.erase("seats_taken");
            c["seats_total"] = s.integer(1);
            c["seats_left"] = s.integer(1) - s.integer(2);
            list.push_back(c);
        }
        send(res, 200, json{{"courses", list}});
    }

    bool workingDay(const core::CivilDate& d) const {
        const int wd = weekday(d);
        if (wd == 0 || wd == 6) return false;
        const std::string iso = isoDate(d);
        for (const auto& h : seed.at("holidays"))
            if (h.get<std::string>() == iso) return false;
        return true;
    }

    static std::string slotId(const core::CivilDate& d, const std::string& time) {
        std::string t = time;
        t.erase(std::remove(t.begin(), t.end(), ':'), t.end());
        std::string date = isoDate(d);
        date.erase(std::remove(date.begin(), date.end(), '-'), date.end());
        return "MED-" + date + "-" + t;
    }

    void slots(const httplib::Request& req, httplib::Response& res) {
        core::CivilDate from = today();
        int days = 10;
        if (req.has_param("from")) {
            const auto d = parseDate(req.get_param_value("from"));
            if (!d) return sendError(res, {400, "invalid_fields", {"from"}});
            from = *d;
        }
        if (req.has_param("days")) {
            const std::string v = req.get_param_value("days");
            static const std::regex num("[0-9]{1,2}");
            if (!std::regex_match(v, num) || std::stoi(v) < 1 || std::stoi(v) > 60)
                return sendError(res, {400, "invalid_fields", {"days"}});
            days = std::stoi(v);
        }
        const auto& rooms = seed.at("mediation").at("rooms");
        const long first = std::max(daysFromCivil(from), daysFromCivil(today()));
        std::lock_guard lock(mutex);
        auto booked = db->prepare("SELECT COUNT(*) FROM mediation_bookings WHERE slot_id = ?");
        json list = json::array();
        for (long z = first; z < daysFromCivil(from) + days; ++z) {
            const core::CivilDate d = civilFromDays(z);
            if (!workingDay(d)) continue;
            for (const auto& t : seed.at("mediation").at("times")) {
                const std::string id = slotId(d, t.get<std::string>());
                booked.bind(1, id);
                booked.step();
                const auto count = booked.integer(0);
                booked.reset();
                list.push_back({{"id", id}, {"date", isoDate(d)}, {"time", t},
                                {"rooms_total", rooms.size()}, {"available", count < static_cast<std::int64_t>(rooms.size())}});
            }
        }
        send(res, 200, json{{"slots", list}});
    }

    void submission(const httplib::Request& req, httplib::Response& res) {
        std::lock_guard lock(mutex);
        // The central API's reference, or the kiosk's own (printed before the sign-up reached us).
        auto s = db->prepare(
            "SELECT reference, program, status, masked_nik, created_at FROM submissions WHERE reference = ?1 OR kiosk_ref = ?1 "
            "ORDER BY reference = ?1 DESC LIMIT 1");
        s.bind(1, req.matches[1].str());
        if (!s.step()) return sendError(res, {404, "not_found", {}});
        send(res, 200, json{{"reference", s.text(0)}, {"program", s.text(1)}, {"status", s.text(2)},
                            {"masked_nik", s.text(3)}, {"created_at", s.text(4)}});
    }

    const json* kioskRecord(const std::string& id) const {
        for (const auto& k : seed.at("kiosks"))
            if (k.at("id").get<std::string>() == id) return &k;
        return nullptr;
    }

    void kioskConfig(const httplib::Request& req, httplib::Response& res, const std::string& kiosk) {
        const std::string id = req.matches[1].str();
        const json* k = kioskRecord(id);
        if (!k) return sendError(res, {404, "not_found", {}});
        if (id != kiosk) return sendError(res, {403, "forbidden", {}});
        json out = *k;
        out.erase("token");
        out["kiosk_id"] = id;
        out.erase("id");
        send(res, 200, out);
    }

    void heartbeat(const httplib::Request& req, httplib::Response& res, const std::string& kiosk) {
        const std::string id = req.matches[1].str();
        if (!kioskRecord(id)) return sendError(res, {404, "not_found", {}});
        if (id != kiosk) return sendError(res, {403, "forbidden", {}});
        const auto body = readBody(req, res, {"version", "uptime_s", "queue_depth"});
        if (!body) return;
        const std::string at = nowIso();
        std::lock_guard lock(mutex);
        auto s = db->prepare("INSERT INTO heartbeats (kiosk_id, received_at, body) VALUES (?, ?, ?)");
        s.bind(1, id).bind(2, at).bind(3, body->dump());
        s.step();
        send(res, 200, json{{"received_at", at}});
    }

    // ---- create endpoints (run inside the transaction opened by create()) -----------------------

    static std::pair<int, json> refusal(const Impl& self, int status, const std::string& code,
                                        std::vector<std::string> fields = {}) {
        return {status, self.errorBody({status, code, std::move(fields)})};
    }

    static bool isPhone(const json& v) {
        static const std::regex re(R"((08|\+628)[0-9]{8,11})");
        return v.is_string() && std::regex_match(v.get<std::string>(), re);
    }
    static bool isShortNumber(const json& v) {
        static const std::regex re("[0-9]{1,3}");
        return v.is_string() && std::regex_match(v.get<std::string>(), re);
    }
    static bool isNonEmptyString(const json& v) { return v.is_string() && !v.get<std::string>().empty(); }

    void insertSubmission(const std::string& ref, const std::string& program, const std::string& status,
                          const std::string& nik, const json& detail, const std::string& at) {
        auto s = db->prepare(
            "INSERT INTO submissions (reference, program, status, masked_nik, nik, detail, created_at, kiosk_ref) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        s.bind(1, ref).bind(2, program).bind(3, status).bind(4, core::maskNik(nik)).bind(5, nik).bind(6, detail.dump()).bind(7, at);
        const json kioskRef = detail.value("kiosk_reference", json());
        if (kioskRef.is_string()) s.bind(8, kioskRef.get<std::string>());
        s.step();
    }

    // Takes one place from `scope` if any is left; atomic inside the open transaction.
    bool takePlace(const std::string& scope) {
        auto s = db->prepare("UPDATE quotas SET used = used + 1 WHERE scope = ? AND used < total");
        s.bind(1, scope);
        s.step();
        return db->changes() == 1;
    }

    std::pair<int, json> enroll(const json& b, const std::string&) {
        std::vector<std::string> bad;
        if (b.contains("kiosk_reference")) {
            static const std::regex ref("[A-Z0-9-]{4,40}");
            const json& k = b.at("kiosk_reference");
            if (!k.is_string() || !std::regex_match(k.get<std::string>(), ref)) bad.push_back("kiosk_reference");
        }
        const json& addr = b.value("address", json::object());
        const json& consent = b.value("consent", json::object());
        if (!isNik(b.value("nik", json()))) bad.push_back("nik");
        const json occ = b.value("occupation", json());
        if (!occ.is_string() || std::find(occupations.begin(), occupations.end(), occ.get<std::string>()) == occupations.end())
            bad.push_back("occupation");
        if (!isPhone(b.value("phone", json()))) bad.push_back("phone");
        if (!addr.is_object()) bad.push_back("address");
        else {
            const json kec = addr.value("kecamatan", json());
            if (!kec.is_string() || std::find(kecamatans.begin(), kecamatans.end(), kec.get<std::string>()) == kecamatans.end())
                bad.push_back("address.kecamatan");
            if (!isNonEmptyString(addr.value("kelurahan", json()))) bad.push_back("address.kelurahan");
            if (!isShortNumber(addr.value("rt", json()))) bad.push_back("address.rt");
            if (!isShortNumber(addr.value("rw", json()))) bad.push_back("address.rw");
        }
        if (!consent.is_object()) bad.push_back("consent");
        else {
            if (!isNonEmptyString(consent.value("text_version", json()))) bad.push_back("consent.text_version");
            const json lang = consent.value("language", json());
            if (!lang.is_string() || !core::langFromCode(lang.get<std::string>())) bad.push_back("consent.language");
            if (!consent.value("read_aloud", json()).is_boolean()) bad.push_back("consent.read_aloud");
            if (!isNonEmptyString(consent.value("accepted_at", json()))) bad.push_back("consent.accepted_at");
            if (!isNonEmptyString(consent.value("kiosk_id", json()))) bad.push_back("consent.kiosk_id");
            if (consent.value("share_with_bpjs", json()) != json(true)) bad.push_back("consent.share_with_bpjs");
            if (!consent.value("sms_reminders", json()).is_boolean()) bad.push_back("consent.sms_reminders");
        }
        if (!bad.empty()) return refusal(*this, 422, "invalid_fields", bad);

        const std::string nik = b.at("nik").get<std::string>();
        const auto p = loadPerson(nik);
        if (!p) return refusal(*this, 404, "not_found");
        const Decision d = decisionsFor(*p).pijarSemar;
        if (d.status == "already_enrolled") return refusal(*this, 409, "already_enrolled");
        if (d.status != "eligible") return refusal(*this, 409, d.reasons.size() == 1 && d.reasons[0] == "quota_full" ? "quota_full" : "not_eligible");
        std::string source;
        if (takePlace("APBD:" + p->kecamatan)) source = "APBD";
        else if (takePlace("DBHCHT")) source = "DBHCHT";
        else return refusal(*this, 409, "quota_full");
        const int left = quotaLeft(source == "APBD" ? "APBD:" + p->kecamatan : "DBHCHT");
        auto mark = db->prepare("UPDATE people SET pijar_enrolled = 1 WHERE nik = ?");
        mark.bind(1, nik);
        mark.step();
        const std::string ref = randomReference("PS");
        const std::string at = nowIso();
        insertSubmission(ref, "pijar_semar", "received", nik, b, at);
        return {201, json{{"reference", ref}, {"program", "pijar_semar"}, {"status", "received"},
                          {"funding", {{"source", source}, {"places_left", left}}},
                          {"masked_nik", core::maskNik(nik)}, {"created_at", at}}};
    }

    std::pair<int, json> registerBlk(const json& b, const std::string&) {
        std::vector<std::string> bad;
        if (!isNik(b.value("nik", json()))) bad.push_back("nik");
        if (!isPhone(b.value("phone", json()))) bad.push_back("phone");
        const json courseId = b.value("course_id", json());
        std::optional<std::pair<std::int64_t, std::int64_t>> seats;
        if (courseId.is_string()) {
            auto s = db->prepare("SELECT seats_total, seats_taken FROM courses WHERE id = ?");
            s.bind(1, courseId.get<std::string>());
            if (s.step()) seats = std::pair{s.integer(0), s.integer(1)};
        }
        if (!seats) bad.push_back("course_id");
        if (!bad.empty()) return refusal(*this, 422, "invalid_fields", bad);
        const std::string nik = b.at("nik").get<std::string>();
        const std::string course = courseId.get<std::string>();
        const auto p = loadPerson(nik);
        if (!p) return refusal(*this, 404, "not_found");
        if (decisionsFor(*p).blk.status != "eligible") return refusal(*this, 409, "not_eligible");
        auto dup = db->prepare("SELECT 1 FROM blk_registrations WHERE nik = ? AND course_id = ?");
        dup.bind(1, nik).bind(2, course);
        if (dup.step()) return refusal(*this, 409, "already_enrolled");
        auto take = db->prepare("UPDATE courses SET seats_taken = seats_taken + 1 WHERE id = ? AND seats_taken < seats_total");
        take.bind(1, course);
        take.step();
        const bool seated = db->changes() == 1;
        json position;
        if (!seated) {
            auto q = db->prepare("SELECT COUNT(*) FROM blk_registrations WHERE course_id = ? AND status = 'waitlisted'");
            q.bind(1, course);
            q.step();
            position = q.integer(0) + 1;
        }
        const std::string ref = randomReference("BLK");
        const std::string status = seated ? "registered" : "waitlisted";
        auto ins = db->prepare("INSERT INTO blk_registrations (reference, nik, course_id, status, position) VALUES (?, ?, ?, ?, ?)");
        ins.bind(1, ref).bind(2, nik).bind(3, course).bind(4, status);
        if (position.is_null()) ins.bindNull(5);
        else ins.bind(5, position.get<std::int64_t>());
        ins.step();
        const std::string at = nowIso();
        insertSubmission(ref, "blk", status, nik, b, at);
        return {201, json{{"reference", ref}, {"program", "blk"}, {"status", status}, {"waitlist_position", position},
                          {"course_id", course}, {"masked_nik", core::maskNik(nik)}, {"created_at", at}}};
    }

    std::optional<std::pair<core::CivilDate, std::string>> parseSlot(const std::string& id) const {
        static const std::regex re(R"(MED-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2}))");
        std::smatch m;
        if (!std::regex_match(id, m, re)) return std::nullopt;
        const core::CivilDate d{std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3])};
        const std::string time = m[4].str() + ":" + m[5].str();
        if (!core::isValidDate(d) || !workingDay(d) || daysFromCivil(d) < daysFromCivil(today())) return std::nullopt;
        for (const auto& t : seed.at("mediation").at("times"))
            if (t.get<std::string>() == time) return std::pair{d, time};
        return std::nullopt;
    }

    std::pair<int, json> bookMediation(const json& b, const std::string&) {
        std::vector<std::string> bad;
        if (!isNik(b.value("nik", json()))) bad.push_back("nik");
        if (!isPhone(b.value("phone", json()))) bad.push_back("phone");
        const json slotJ = b.value("slot_id", json());
        const auto slot = slotJ.is_string() ? parseSlot(slotJ.get<std::string>()) : std::nullopt;
        if (!slot) bad.push_back("slot_id");
        static const std::set<std::string> kTypes{"phk", "hak", "kepentingan", "antar_serikat"};
        const json type = b.value("dispute_type", json());
        if (!type.is_string() || !kTypes.count(type.get<std::string>())) bad.push_back("dispute_type");
        if (!isNonEmptyString(b.value("employer_name", json()))) bad.push_back("employer_name");
        const json bip = b.value("bipartite", json::object());
        if (!bip.is_object() || bip.value("held", json()) != json(true)) bad.push_back("bipartite.held");
        const json ev = bip.is_object() ? bip.value("evidence", json()) : json();
        if (!ev.is_string() || (ev != "risalah" && ev != "invitation_letters")) bad.push_back("bipartite.evidence");
        if (!bad.empty()) return refusal(*this, 422, "invalid_fields", bad);
        const std::string nik = b.at("nik").get<std::string>();
        const auto p = loadPerson(nik);
        if (!p) return refusal(*this, 404, "not_found");
        if (decisionsFor(*p).mediation.status != "eligible") return refusal(*this, 409, "not_eligible");
        const std::string id = slotJ.get<std::string>();
        auto count = db->prepare("SELECT COUNT(*) FROM mediation_bookings WHERE slot_id = ?");
        count.bind(1, id);
        count.step();
        const auto n = static_cast<std::size_t>(count.integer(0));
        const auto& rooms = seed.at("mediation").at("rooms");
        if (n >= rooms.size()) return refusal(*this, 409, "slot_taken");
        const std::string room = rooms.at(n).get<std::string>();
        const std::string ref = randomReference("MED");
        auto ins = db->prepare("INSERT INTO mediation_bookings (reference, slot_id, room, nik) VALUES (?, ?, ?, ?)");
        ins.bind(1, ref).bind(2, id).bind(3, room).bind(4, nik);
        ins.step();
        const std::string at = nowIso();
        insertSubmission(ref, "mediation", "booked", nik, b, at);
        return {201, json{{"reference", ref}, {"program", "mediation"}, {"status", "booked"},
                          {"slot", {{"id", id}, {"date", isoDate(slot->first)}, {"time", slot->second}, {"room", room}}},
                          {"masked_nik", core::maskNik(nik)}, {"created_at", at}}};
    }

    // ---- routes ---------------------------------------------------------------------------------

    void routes(httplib::Server& s) {
        s.set_payload_max_length(opt.maxBodyBytes);
        s.set_socket_options([this](socket_t fd) {
            int yes = 1;
            ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
            // Accepted sockets inherit this: without it Nagle and delayed ACKs add ~40 ms to
            // every keep-alive answer (cpp-httplib 0.11 leaves TCP_NODELAY off).
            ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
            listenFd = fd;
        });
        s.set_error_handler([this](const httplib::Request&, httplib::Response& res) {
            if (!res.body.empty()) return;
            const int st = res.status;
            const std::string code = st == 404 ? "not_found" : st == 413 ? "payload_too_large" : st == 415 ? "unsupported_media_type"
                                   : st == 401 ? "unauthorized" : st >= 500 ? "internal" : "invalid_json";
            sendError(res, {st, code, {}});
        });
        s.set_exception_handler([this](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
            sendError(res, {500, "internal", {}});
        });
        const std::string v1 = "/api/v1";
        s.Get(v1 + "/health", wrap([](const auto&, auto& res, const auto&) {
                  send(res, 200, json{{"status", "ok"}, {"version", kVersion}, {"time", nowIso()}});
              }));
        s.Post(v1 + "/eligibility", wrap([this](const auto& req, auto& res, const auto& k) { eligibility(req, res, k); }));
        s.Get(v1 + "/pijar-semar/occupations",
              wrap([this](const auto&, auto& res, const auto&) { send(res, 200, json{{"occupations", seed.at("occupations")}}); }));
        s.Get(v1 + "/blk/courses", wrap([this](const auto&, auto& res, const auto&) { courses(res); }));
        s.Get(v1 + "/mediation/slots", wrap([this](const auto& req, auto& res, const auto&) { slots(req, res); }));
        s.Post(v1 + "/pijar-semar/enrollments",
               wrap(create({"nik", "kiosk_reference", "occupation", "phone", "address", "address.kecamatan", "address.kelurahan", "address.rt",
                            "address.rw", "consent", "consent.text_version", "consent.language", "consent.read_aloud",
                            "consent.accepted_at", "consent.kiosk_id", "consent.share_with_bpjs", "consent.sms_reminders"},
                           [this](const json& b, const std::string& k) { return enroll(b, k); }), true));
        s.Post(v1 + "/blk/registrations", wrap(create({"nik", "course_id", "phone"},
                                                      [this](const json& b, const std::string& k) { return registerBlk(b, k); }), true));
        s.Post(v1 + "/mediation/appointments",
               wrap(create({"nik", "slot_id", "dispute_type", "phone", "employer_name", "bipartite", "bipartite.held",
                            "bipartite.evidence"},
                           [this](const json& b, const std::string& k) { return bookMediation(b, k); }), true));
        s.Get(v1 + R"(/submissions/([A-Za-z0-9-]{1,40}))",
              wrap([this](const auto& req, auto& res, const auto&) { submission(req, res); }));
        s.Get(v1 + R"(/kiosks/([A-Za-z0-9_-]{1,64})/config)",
              wrap([this](const auto& req, auto& res, const auto& k) { kioskConfig(req, res, k); }));
        s.Post(v1 + R"(/kiosks/([A-Za-z0-9_-]{1,64})/heartbeat)",
               wrap([this](const auto& req, auto& res, const auto& k) { heartbeat(req, res, k); }));
    }
};

SandboxServer::SandboxServer(SandboxOptions options) : m_impl(std::make_unique<Impl>(std::move(options))) {
    if (!m_impl->opt.certFile.empty() && !m_impl->opt.keyFile.empty())
        m_impl->server = std::make_unique<httplib::SSLServer>(m_impl->opt.certFile.c_str(), m_impl->opt.keyFile.c_str());
    else
        m_impl->server = std::make_unique<httplib::Server>();
    m_impl->routes(*m_impl->server);
}

SandboxServer::~SandboxServer() { stop(); }

int SandboxServer::bind() {
    auto& s = *m_impl->server;
    const int port = m_impl->opt.port == 0 ? s.bind_to_any_port(m_impl->opt.host.c_str())
                                           : (s.bind_to_port(m_impl->opt.host.c_str(), m_impl->opt.port) ? m_impl->opt.port : -1);
    // cpp-httplib 0.11 listens with a backlog of 5: a burst of kiosks (or a load test) would see
    // refused or stalled connections. Listening again on the same socket raises it.
    if (port > 0 && m_impl->listenFd >= 0) ::listen(m_impl->listenFd, SOMAXCONN);
    return port;
}

void SandboxServer::run() { m_impl->server->listen_after_bind(); }
void SandboxServer::stop() {
    if (m_impl && m_impl->server) m_impl->server->stop();
}
bool SandboxServer::tls() const { return !m_impl->opt.certFile.empty() && !m_impl->opt.keyFile.empty(); }

}  // namespace kiosk::sandbox
