#pragma once
// A tamper-evident audit log in the kiosk's SQLite database: who did what and when, for staff and
// auditors, as a hash chain. Each row carries the hash of the row before it, so editing, deleting
// or reordering a row breaks the chain at that row, and `kiosk audit verify` says where.
//
// NO PERSONAL DATA, EVER (UU 27/2022 PDP; BRIEF §5 "audit records carry no personal data"). An
// audit row is kept long after the visit and outlives the outbox's deletion of the personal data
// it describes, so `detail` names things only by opaque references and codes: a submission
// reference (`PS-7K3M9Q2X`), a program, a config key, a staff role, a count. Never a NIK (not
// even masked), name, phone, address or free text typed by a visitor. As a guard, append()
// refuses a detail holding a number that looks like a NIK or a phone (see below); the guard is a
// backstop, not the rule.
//
// Row: id INTEGER PRIMARY KEY, at_ms, kind, detail, prev_hash, hash, where
//   hash = hex(SHA-256(field(prev_hash) ‖ field(decimal at_ms) ‖ field(kind) ‖ field(detail)))
//   field(x) = the byte length of x as 8 bytes big-endian, then the bytes of x
// (length prefixes keep ("ab", "c") and ("a", "bc") apart). The first row's prev_hash is 64 '0's.
//
// What the chain proves and what it cannot: it catches any edit, deletion or reordering of rows
// that leaves a later row in place. It is unkeyed, so someone who rewrites every row from the
// tampered one onward, or deletes the newest rows, leaves a consistent chain; only a copy of a
// recent hash kept elsewhere (e.g. sent to the central API) can expose that.
//
// Threads: like sql::Database, one thread at a time per connection. append() inside a caller's
// open transaction joins it (the audit row commits or rolls back with the caller's work);
// otherwise it runs in its own IMMEDIATE transaction.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "services/sqlite.hpp"

namespace kiosk::services {

// The kinds the kiosk writes; append() refuses any other (a typo would hide a record from a query).
inline constexpr std::array<std::string_view, 7> kAuditKinds{
    "visit_started", "submitted", "delivered", "rejected", "staff_login", "config_change", "sync_paused"};

class AuditLog {
public:
    // Creates the table if it is missing (on a read-only connection the table must exist: see existsIn).
    explicit AuditLog(sql::Database& db);

    // Appends one row chained to the last. Throws std::invalid_argument for a kind not in
    // kAuditKinds or a detail that looks personal: 10 or more digits in one number, where a
    // number continues across a single space, '-' or '.' from a group of at most 6 digits into a
    // group of at least 3 (so `3374015203850002`, `3374 0152 0385 0002`, `0812-3456-7890` and
    // `+62 812 3456 7890` are refused; `2026-11-30 09:15` and `MED-20261201-0900` are not).
    // Throws sql::SqlError when the database fails.
    void append(std::string_view kind, std::string_view detail, std::int64_t atUnixMs);

    struct Broken {
        std::int64_t rowId;  // the first row that does not hold
        std::string why;
    };
    // Walks the rows in id order; nullopt when the chain is intact (an empty log is intact). A
    // missing id (a deleted row) is reported at the row after the gap.
    std::optional<Broken> verify();
    std::int64_t count();

    // Whether `db` has an audit log at all (for read-only inspection of a file).
    static bool existsIn(sql::Database& db);

private:
    sql::Database& m_db;
};

}  // namespace kiosk::services
