#include "services/audit_log.hpp"

#include <algorithm>
#include <sodium.h>
#include <stdexcept>

namespace kiosk::services {
namespace {

const std::string kGenesis(crypto_hash_sha256_BYTES * 2, '0');  // prev_hash of the first row

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isSeparator(char c) { return c == ' ' || c == '-' || c == '.'; }

// The most digits in one number of `text`. A number continues across one separator from a group
// of at most 6 digits into a group of at least 3: how NIKs and phone numbers are written
// (`3374 0152 0385 0002`, `+62 812-3456-7890`), while dates, times and slot ids stop.
std::size_t longestNumber(std::string_view text) {
    std::size_t best = 0, run = 0, lastGroup = 0, i = 0;
    while (i < text.size()) {
        if (!isDigit(text[i])) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && isDigit(text[end])) ++end;
        const std::size_t group = end - i;
        const bool continues = i >= 2 && isSeparator(text[i - 1]) && isDigit(text[i - 2]) && lastGroup <= 6 && group >= 3;
        run = continues ? run + group : group;
        best = std::max(best, run);
        lastGroup = group;
        i = end;
    }
    return best;
}

void hashField(crypto_hash_sha256_state& state, std::string_view bytes) {
    unsigned char length[8];
    auto n = static_cast<std::uint64_t>(bytes.size());
    for (std::size_t i = sizeof length; i-- > 0; n >>= 8) length[i] = static_cast<unsigned char>(n & 0xffu);
    crypto_hash_sha256_update(&state, length, sizeof length);
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
}

std::string rowHash(std::string_view prevHash, std::int64_t atMs, std::string_view kind, std::string_view detail) {
    crypto_hash_sha256_state state;
    crypto_hash_sha256_init(&state);
    hashField(state, prevHash);
    hashField(state, std::to_string(atMs));
    hashField(state, kind);
    hashField(state, detail);
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&state, digest);
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

}  // namespace

AuditLog::AuditLog(sql::Database& db) : m_db(db) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
    if (!existsIn(m_db))
        m_db.exec(R"sql(CREATE TABLE audit_log (id INTEGER PRIMARY KEY, at_ms INTEGER NOT NULL, kind TEXT NOT NULL,
                                                detail TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL))sql");
}

bool AuditLog::existsIn(sql::Database& db) {
    auto s = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'");
    return s.step();
}

void AuditLog::append(std::string_view kind, std::string_view detail, std::int64_t atUnixMs) {
    if (std::find(kAuditKinds.begin(), kAuditKinds.end(), kind) == kAuditKinds.end())
        throw std::invalid_argument("audit: unknown kind " + std::string(kind));
    if (longestNumber(detail) >= 10)
        throw std::invalid_argument("audit: detail holds a number that looks like a NIK or phone (personal data is never audited)");
    std::optional<sql::Transaction> tx;  // the read of the last hash and the insert are one step
    if (!m_db.inTransaction()) tx.emplace(m_db);
    std::string prev = kGenesis;
    {
        auto last = m_db.prepare("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1");
        if (last.step()) prev = last.text(0);
    }
    auto ins = m_db.prepare("INSERT INTO audit_log (at_ms, kind, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?)");
    ins.bind(1, atUnixMs).bind(2, kind).bind(3, detail).bind(4, prev).bind(5, rowHash(prev, atUnixMs, kind, detail));
    ins.step();
    if (tx) tx->commit();
}

std::optional<AuditLog::Broken> AuditLog::verify() {
    auto s = m_db.prepare("SELECT id, at_ms, kind, detail, prev_hash, hash FROM audit_log ORDER BY id");
    std::string expectedPrev = kGenesis;
    std::int64_t expectedId = 1;
    while (s.step()) {
        const std::int64_t id = s.integer(0);
        if (id > expectedId)
            return Broken{id, id == expectedId + 1 ? "row " + std::to_string(expectedId) + " is missing"
                                                   : "rows " + std::to_string(expectedId) + " to " + std::to_string(id - 1) +
                                                         " are missing"};
        if (id < expectedId) return Broken{id, "row id out of sequence"};
        if (s.text(4) != expectedPrev)
            return Broken{id, id == 1 ? "prev_hash is not the start of the log"
                                      : "prev_hash does not match the hash of row " + std::to_string(id - 1)};
        const std::string hash = s.text(5);
        if (hash != rowHash(expectedPrev, s.integer(1), s.text(2), s.text(3)))
            return Broken{id, "hash does not match the row's content"};
        expectedPrev = hash;
        ++expectedId;
    }
    return std::nullopt;
}

std::int64_t AuditLog::count() {
    auto s = m_db.prepare("SELECT COUNT(*) FROM audit_log");
    return s.step() ? s.integer(0) : 0;
}

}  // namespace kiosk::services
