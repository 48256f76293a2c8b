// The hash-chained audit log: an intact chain verifies; an edited detail or hash, a deleted row
// and reordered rows are each reported at the row where the chain stops holding; personal-looking
// details and unknown kinds are refused; a read-only connection reads it and cannot write.
#include <doctest/doctest.h>

#include <filesystem>
#include <stdexcept>
#include <unistd.h>

#include "services/audit_log.hpp"

using namespace kiosk::services;
namespace fs = std::filesystem;

namespace {

constexpr std::int64_t kT0 = 1'795'996'800'000;  // 2026-11-30 00:00 UTC, in ms

// A fresh database file in its own folder for one test.
class TempDb {
public:
    TempDb() {
        static int n = 0;
        m_dir = fs::temp_directory_path() / ("kiosk_audit_" + std::to_string(::getpid()) + "_" + std::to_string(n++));
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    ~TempDb() { fs::remove_all(m_dir); }
    TempDb(const TempDb&) = delete;
    TempDb& operator=(const TempDb&) = delete;
    std::string path() const { return (m_dir / "outbox.db").string(); }

private:
    fs::path m_dir;
};

// Rows 1..n with innocent details.
void fill(AuditLog& log, int n) {
    for (int i = 1; i <= n; ++i)
        log.append(i % 2 ? "visit_started" : "submitted", "reference PS-TEST" + std::to_string(i), kT0 + i * 1000);
}

}  // namespace

TEST_CASE("an appended log verifies intact and counts its rows") {
    TempDb t;
    sql::Database db(t.path());
    AuditLog log(db);
    CHECK(log.count() == 0);
    CHECK_FALSE(log.verify().has_value());  // empty is intact
    fill(log, 5);
    log.append("config_change", "visit.idle_seconds 60 to 90", kT0 + 9000);
    log.append("staff_login", "role admin", kT0 + 9500);
    CHECK(log.count() == 7);
    CHECK_FALSE(log.verify().has_value());
    // The first row starts the chain; each row names the previous row's hash.
    auto s = db.prepare("SELECT prev_hash, hash FROM audit_log ORDER BY id");
    REQUIRE(s.step());
    CHECK(s.text(0) == std::string(64, '0'));
    std::string prev = s.text(1);
    CHECK(prev.size() == 64);
    while (s.step()) {
        CHECK(s.text(0) == prev);
        prev = s.text(1);
    }
}

TEST_CASE("the log survives reopening and goes on chaining") {
    TempDb t;
    {
        sql::Database db(t.path());
        AuditLog log(db);
        fill(log, 3);
    }
    sql::Database db(t.path());
    AuditLog log(db);
    log.append("delivered", "reference PS-TEST3", kT0 + 5000);
    CHECK(log.count() == 4);
    CHECK_FALSE(log.verify().has_value());
}

TEST_CASE("a tampered detail is reported at its row") {
    TempDb t;
    sql::Database db(t.path());
    AuditLog log(db);
    fill(log, 6);
    db.exec("UPDATE audit_log SET detail = 'reference PS-OTHER' WHERE id = 4");
    const auto broken = log.verify();
    REQUIRE(broken.has_value());
    CHECK(broken->rowId == 4);
    CHECK(broken->why.find("hash does not match") != std::string::npos);
}

TEST_CASE("a tampered time or kind is reported at its row") {
    TempDb t;
    sql::Database db(t.path());
    AuditLog log(db);
    fill(log, 4);
    db.exec("UPDATE audit_log SET at_ms = at_ms + 1 WHERE id = 2");
    REQUIRE(log.verify().has_value());
    CHECK(log.verify()->rowId == 2);
    db.exec("UPDATE audit_log SET at_ms = at_ms - 1 WHERE id = 2");
    CHECK_FALSE(log.verify().has_value());
    db.exec("UPDATE audit_log SET kind = 'rejected' WHERE id = 3");
    REQUIRE(log.verify().has_value());
    CHECK(log.verify()->rowId == 3);
}

TEST_CASE("a tampered hash is reported at its row") {
    TempDb t;
    sql::Database db(t.path());
    AuditLog log(db);
    fill(log, 5);
    db.exec("UPDATE audit_log SET hash = '" + std::string(64, 'a') + "' WHERE id = 3");
    const auto broken = log.verify();
    REQUIRE(broken.has_value());
    CHECK(broken->rowId == 3);
}

TEST_CASE("a detail edited with its own hash recomputed breaks at the next row") {
    TempDb t;
    sql::Database db(t.path());
    AuditLog log(db);
    fill(log, 5);
    // Rebuild rows 3.. from an edited row 3 through the public API in a second log: row 3's hash
    // then differs, so the untouched row 4 no longer names it.
    TempDb other;
    sql::Database db2(other.path());
    AuditLog forged(db2);
    forged.append("visit_started", "reference PS-TEST1", kT0 + 1000);
    forged.append("submitted", "reference PS-TEST2", kT0 + 2000);
    forged.append("visit_started", "reference PS-FORGED", kT0 + 3000);
    auto row3 = db2.prepare("SELECT detail, hash FROM audit_log WHERE id = 3");
    REQUIRE(row3.step());
    auto upd = db.prepare("UPDATE audit_log SET detail = ?, hash = ? WHERE id = 3");
    upd.bind(1, row3.text(0)).bind(2, row3.text(1));
    upd.step();
    const auto broken = log.verify();
    REQUIRE(broken.has_value());
    CHECK(broken->rowId == 4);
    CHECK(broken->why.find("prev_hash") != std::string::npos);
}

TEST_CASE("a deleted middle row is reported at the row after the gap") {
    TempDb t;
    sql::Database db(t.path());
    AuditLog log(db);
    fill(log, 6);
    db.exec("DELETE FROM audit_log WHERE id = 3");
    auto broken = log.verify();
    REQUIRE(broken.has_value());
    CHECK(broken->rowId == 4);
    CHECK(broken->why == "row 3 is missing");
    db.exec("DELETE FROM audit_log WHERE id IN (4, 5)");
    broken = log.verify();
    REQUIRE(broken.has_value());
    CHECK(broken->rowId == 6);
    CHECK(broken->why == "rows 3 to 5 are missing");
}

TEST_CASE("a deleted first row is reported at the new first row") {
    TempDb t;
    sql::Database db(t.path());
    AuditLog log(db);
    fill(log, 3);
    db.exec("DELETE FROM audit_log WHERE id = 1");
    const auto broken = log.verify();
    REQUIRE(broken.has_value());
    CHECK(broken->rowId == 2);
}

TEST_CASE("reordered rows are reported at the first moved row") {
    TempDb t;
    sql::Database db(t.path());
    AuditLog log(db);
    fill(log, 6);
    // Swap rows 3 and 5 (ids stay dense, contents trade places).
    db.exec("UPDATE audit_log SET id = -3 WHERE id = 3");
    db.exec("UPDATE audit_log SET id = 3 WHERE id = 5");
    db.exec("UPDATE audit_log SET id = 5 WHERE id = -3");
    const auto broken = log.verify();
    REQUIRE(broken.has_value());
    CHECK(broken->rowId == 3);
    CHECK(broken->why.find("prev_hash") != std::string::npos);
}

TEST_CASE("personal-looking details and unknown kinds are refused and nothing is written") {
    TempDb t;
    sql::Database db(t.path());
    AuditLog log(db);
    for (const char* detail : {"nik 3374015203850002", "nik 3374 0152 0385 0002", "nik 3374.0152.0385.0002",
                               "phone 081234567890", "phone 0812-3456-7890", "phone +62 812 3456 7890", "1234567890"}) {
        INFO(detail);
        CHECK_THROWS_AS(log.append("submitted", detail, kT0), std::invalid_argument);
    }
    CHECK_THROWS_AS(log.append("visit_startd", "reference PS-TEST1", kT0), std::invalid_argument);
    CHECK_THROWS_AS(log.append("", "", kT0), std::invalid_argument);
    CHECK(log.count() == 0);
    // Short numbers, dates, times, versions and references are fine.
    for (const char* detail : {"", "queue 3", "reference PS-7K3M9Q2X", "2026-11-30 09:15:00", "version 0.2.0",
                               "visit.idle_seconds 60 to 90", "slot MED-20261201-0900", "123456789"}) {
        INFO(detail);
        CHECK_NOTHROW(log.append("config_change", detail, kT0));
    }
    for (const auto kind : kAuditKinds) CHECK_NOTHROW(log.append(kind, "ok", kT0));
    CHECK_FALSE(log.verify().has_value());
}

TEST_CASE("append joins the caller's transaction") {
    TempDb t;
    sql::Database db(t.path());
    AuditLog log(db);
    fill(log, 2);
    {
        sql::Transaction tx(db);
        log.append("submitted", "reference PS-ROLLEDBACK", kT0 + 5000);
        CHECK(log.count() == 3);
    }  // rolled back with the caller's work
    CHECK(log.count() == 2);
    {
        sql::Transaction tx(db);
        log.append("submitted", "reference PS-KEPT", kT0 + 6000);
        tx.commit();
    }
    CHECK(log.count() == 3);
    CHECK_FALSE(log.verify().has_value());
}

TEST_CASE("a read-only connection verifies and cannot write") {
    TempDb t;
    {
        sql::Database db(t.path());
        AuditLog log(db);
        fill(log, 4);
    }
    sql::Database ro(t.path(), true);
    REQUIRE(AuditLog::existsIn(ro));
    AuditLog log(ro);
    CHECK(log.count() == 4);
    CHECK_FALSE(log.verify().has_value());
    CHECK_THROWS_AS(log.append("submitted", "reference PS-TEST9", kT0), sql::SqlError);
    CHECK(log.count() == 4);
    // No file is created by a read-only open.
    CHECK_THROWS_AS(sql::Database(t.path() + ".missing", true), sql::SqlError);
    CHECK_FALSE(fs::exists(t.path() + ".missing"));
}

TEST_CASE("1000 rows append and verify") {
    TempDb t;
    sql::Database db(t.path());
    AuditLog log(db);
    {
        sql::Transaction tx(db);  // one commit, not 1000 fsyncs
        for (int i = 0; i < 1000; ++i) log.append("delivered", "reference PS-" + std::to_string(i), kT0 + i);
        tx.commit();
    }
    CHECK(log.count() == 1000);
    CHECK_FALSE(log.verify().has_value());
    db.exec("UPDATE audit_log SET detail = 'reference PS-X' WHERE id = 777");
    REQUIRE(log.verify().has_value());
    CHECK(log.verify()->rowId == 777);
}
