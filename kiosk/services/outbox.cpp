#include "services/outbox.hpp"

#include <sodium.h>
#include <sys/statvfs.h>

#include <filesystem>

#include "core/visit.hpp"  // secureWipe
#include "services/hex_key.hpp"
#include "services/sqlite.hpp"

namespace kiosk::services {
namespace {

constexpr int kSchemaVersion = 1;

bool onReadOnlyFilesystem(const std::string& path) {
    const auto dir = std::filesystem::path(path).parent_path();
    struct statvfs fs {};
    return ::statvfs(dir.empty() ? "." : dir.c_str(), &fs) == 0 && (fs.f_flag & ST_RDONLY) != 0;
}

// `path`: the database file. On a filesystem the kernel made read-only (ext4 does after an I/O
// error) SQLite says CANTOPEN (opening a WAL database) or IOERR (writing to one already open), as
// it does for a missing directory or a failing disk: staff need to know which.
StoreError storeError(const sql::SqlError& e, const std::string& path) {
    switch (e.code()) {
        case 13: return {StoreErrorKind::DiskFull, e.what()};   // SQLITE_FULL
        case 8: return {StoreErrorKind::ReadOnly, e.what()};    // SQLITE_READONLY
        case 11:                                                // SQLITE_CORRUPT
        case 26: return {StoreErrorKind::Corrupt, e.what()};    // SQLITE_NOTADB
        case 10:                                                // SQLITE_IOERR
        case 14:                                                // SQLITE_CANTOPEN
            if (onReadOnlyFilesystem(path)) return {StoreErrorKind::ReadOnly, e.what()};
            return {StoreErrorKind::Other, e.what()};
        default: return {StoreErrorKind::Other, e.what()};
    }
}

// Runs `f` and turns any SQLite failure into a StoreError value.
template <class F>
auto guarded(const std::string& path, F&& f) -> core::Result<decltype(f()), StoreError> {
    try {
        return f();
    } catch (const sql::SqlError& e) {
        return core::unexpected(storeError(e, path));
    }
}

std::string randomToken(std::size_t length) {
    static constexpr std::string_view kAlphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";  // no 0/O, 1/I/L: read aloud safely
    std::string out;
    for (std::size_t i = 0; i < length; ++i)
        out += kAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kAlphabet.size()))];
    return out;
}

std::string idempotencyKey() {
    unsigned char raw[16];
    randombytes_buf(raw, sizeof raw);
    char hex[sizeof raw * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
    return std::string("kiosk-") + hex;
}

SubmissionState stateFrom(std::string_view s) {
    if (s == "delivered") return SubmissionState::Delivered;
    if (s == "rejected") return SubmissionState::Rejected;
    return SubmissionState::Queued;
}

constexpr const char* kEntryColumns =
    "id, local_ref, idempotency_key, program, masked_nik, state, created_at_ms, updated_at_ms, attempts, "
    "server_ref, reject_code";

OutboxEntry entryFrom(const sql::Statement& s) {
    OutboxEntry e;
    e.id = s.integer(0);
    e.localRef = s.text(1);
    e.idempotencyKey = s.text(2);
    e.program = s.text(3);
    e.maskedNik = s.text(4);
    e.state = stateFrom(s.text(5));
    e.createdAtMs = s.integer(6);
    e.updatedAtMs = s.integer(7);
    e.attempts = static_cast<int>(s.integer(8));
    e.serverRef = s.text(9);
    e.rejectCode = s.text(10);
    return e;
}

// user_version migrations: each step moves the schema one version up inside one transaction.
void migrate(sql::Database& db) {
    const int version = db.userVersion();
    if (version >= kSchemaVersion) return;
    sql::Transaction tx(db);
    if (version < 1) {
        db.exec(R"sql(
            CREATE TABLE submissions (
                id INTEGER PRIMARY KEY,
                local_ref TEXT NOT NULL UNIQUE,
                idempotency_key TEXT NOT NULL UNIQUE,
                program TEXT NOT NULL,
                masked_nik TEXT NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('queued', 'delivered', 'rejected')),
                created_at_ms INTEGER NOT NULL,
                updated_at_ms INTEGER NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                server_ref TEXT NOT NULL DEFAULT '',
                reject_code TEXT NOT NULL DEFAULT '');
            CREATE INDEX submissions_queue ON submissions (state, id);
            -- The personal part, sealed; a row exists only while the central API has not taken it.
            CREATE TABLE payloads (
                submission_id INTEGER PRIMARY KEY REFERENCES submissions (id) ON DELETE CASCADE,
                sealed BLOB NOT NULL);
        )sql");
    }
    db.setUserVersion(kSchemaVersion);
    tx.commit();
}

}  // namespace

std::optional<SealPublicKey> parseSealPublicKey(std::string_view hex) { return parseHexKey<std::tuple_size_v<SealPublicKey>>(hex); }

std::string_view toKey(SubmissionState s) {
    switch (s) {
        case SubmissionState::Queued: return "queued";
        case SubmissionState::Delivered: return "delivered";
        case SubmissionState::Rejected: return "rejected";
    }
    return "queued";
}

Outbox::Outbox(std::unique_ptr<sql::Database> db, const SealPublicKey& key, std::string path)
    : m_db(std::move(db)), m_key(key), m_path(std::move(path)) {}
Outbox::~Outbox() = default;

core::Result<std::unique_ptr<Outbox>, StoreError> Outbox::open(const std::string& path, const SealPublicKey& key) {
    if (sodium_init() < 0) return core::unexpected(StoreError{StoreErrorKind::Other, "libsodium failed to initialise"});
    try {
        auto db = std::make_unique<sql::Database>(path);
        db->exec("PRAGMA secure_delete=ON");  // freed pages are zeroed: a delivered payload does not linger
        migrate(*db);
        return std::unique_ptr<Outbox>(new Outbox(std::move(db), key, path));
    } catch (const sql::SqlError& e) {
        return core::unexpected(storeError(e, path));
    }
}

core::Result<OutboxEntry, StoreError> Outbox::enqueue(std::string_view program, std::string_view payloadJson,
                                                      std::string_view maskedNik, std::int64_t nowMs) {
    return enqueue(program, [&](std::string_view) { return std::string(payloadJson); }, maskedNik, nowMs);
}

core::Result<OutboxEntry, StoreError> Outbox::enqueue(std::string_view program,
                                                      const std::function<std::string(std::string_view)>& makePayload,
                                                      std::string_view maskedNik, std::int64_t nowMs) {
    const std::string localRef = "L-" + randomToken(8);
    std::string plain = makePayload(localRef);
    std::string sealed(plain.size() + crypto_box_SEALBYTES, '\0');
    crypto_box_seal(reinterpret_cast<unsigned char*>(sealed.data()), reinterpret_cast<const unsigned char*>(plain.data()),
                    plain.size(), m_key.data());
    sodium_memzero(plain.data(), plain.size());
    return guarded(m_path, [&] {
        OutboxEntry e;
        e.localRef = localRef;
        e.idempotencyKey = idempotencyKey();
        e.program = std::string(program);
        e.maskedNik = std::string(maskedNik);
        e.createdAtMs = e.updatedAtMs = nowMs;
        sql::Transaction tx(*m_db);
        auto s = m_db->prepare(
            "INSERT INTO submissions (local_ref, idempotency_key, program, masked_nik, state, created_at_ms, updated_at_ms) "
            "VALUES (?, ?, ?, ?, 'queued', ?, ?) RETURNING id");
        s.bind(1, e.localRef).bind(2, e.idempotencyKey).bind(3, e.program).bind(4, e.maskedNik).bind(5, nowMs).bind(6, nowMs);
        s.step();
        e.id = s.integer(0);
        s.reset();
        auto p = m_db->prepare("INSERT INTO payloads (submission_id, sealed) VALUES (?, ?)");
        p.bind(1, e.id).bindBlob(2, sealed);
        p.step();
        tx.commit();  // durable from here: synchronous=FULL
        return e;
    });
}

core::Result<std::optional<PendingDelivery>, StoreError> Outbox::nextQueued() {
    return guarded(m_path, [&]() -> std::optional<PendingDelivery> {
        auto s = m_db->prepare(
            "SELECT s.id, s.local_ref, s.idempotency_key, s.program, p.sealed, s.attempts FROM submissions s "
            "JOIN payloads p ON p.submission_id = s.id WHERE s.state = 'queued' ORDER BY s.id LIMIT 1");
        if (!s.step()) return std::nullopt;
        return PendingDelivery{s.integer(0), s.text(1), s.text(2), s.text(3), s.blob(4), static_cast<int>(s.integer(5))};
    });
}

core::Result<bool, StoreError> Outbox::recordAttempt(std::int64_t id, std::int64_t nowMs) {
    return guarded(m_path, [&] {
        auto s = m_db->prepare("UPDATE submissions SET attempts = attempts + 1, updated_at_ms = ? WHERE id = ?");
        s.bind(1, nowMs).bind(2, id);
        s.step();
        return m_db->changes() == 1;
    });
}

// Settling a submission: its state and note in one transaction with the deletion of its sealed
// payload. Delivered: the central API has it. Rejected: it will never take it, so the payload is
// of no use to anyone here either.
core::Result<bool, StoreError> Outbox::settle(std::int64_t id, std::string_view state, std::string_view column,
                                              std::string_view note, std::int64_t nowMs) {
    return guarded(m_path, [&] {
        sql::Transaction tx(*m_db);
        auto s = m_db->prepare("UPDATE submissions SET state = ?, " + std::string(column) +
                               " = ?, updated_at_ms = ? WHERE id = ? AND state = 'queued'");
        s.bind(1, state).bind(2, note).bind(3, nowMs).bind(4, id);
        s.step();
        const bool changed = m_db->changes() == 1;
        auto d = m_db->prepare("DELETE FROM payloads WHERE submission_id = ?");
        d.bind(1, id);
        d.step();
        tx.commit();
        return changed;
    });
}

core::Result<bool, StoreError> Outbox::markDelivered(std::int64_t id, std::string_view serverRef, std::int64_t nowMs) {
    return settle(id, "delivered", "server_ref", serverRef, nowMs);
}

core::Result<bool, StoreError> Outbox::markRejected(std::int64_t id, std::string_view code, std::int64_t nowMs) {
    return settle(id, "rejected", "reject_code", code, nowMs);
}

core::Result<std::optional<OutboxEntry>, StoreError> Outbox::find(std::string_view reference) {
    return guarded(m_path, [&]() -> std::optional<OutboxEntry> {
        auto s = m_db->prepare(std::string("SELECT ") + kEntryColumns +
                               " FROM submissions WHERE local_ref = ? OR (server_ref = ? AND server_ref != '')");
        s.bind(1, reference).bind(2, reference);
        if (!s.step()) return std::nullopt;
        return entryFrom(s);
    });
}

core::Result<std::vector<OutboxEntry>, StoreError> Outbox::recent(int limit) {
    return guarded(m_path, [&] {
        std::vector<OutboxEntry> out;
        auto s = m_db->prepare(std::string("SELECT ") + kEntryColumns + " FROM submissions ORDER BY id DESC LIMIT ?");
        s.bind(1, limit);
        while (s.step()) out.push_back(entryFrom(s));
        return out;
    });
}

core::Result<int, StoreError> Outbox::queuedCount() {
    return guarded(m_path, [&] {
        auto s = m_db->prepare("SELECT COUNT(*) FROM submissions WHERE state = 'queued'");
        s.step();
        return static_cast<int>(s.integer(0));
    });
}

core::Result<int, StoreError> Outbox::purgeSettledBefore(std::int64_t cutoffMs) {
    return guarded(m_path, [&] {
        auto s = m_db->prepare("DELETE FROM submissions WHERE state != 'queued' AND updated_at_ms < ?");
        s.bind(1, cutoffMs);
        s.step();
        const int removed = m_db->changes();
        if (removed > 0) {
            m_db->exec("VACUUM");
            m_db->exec("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        return removed;
    });
}

bool Outbox::integrityOk() {
    try {
        auto s = m_db->prepare("PRAGMA integrity_check");
        return s.step() && s.text(0) == "ok";
    } catch (const sql::SqlError&) {
        return false;
    }
}

sql::Database& Outbox::database() { return *m_db; }

}  // namespace kiosk::services
