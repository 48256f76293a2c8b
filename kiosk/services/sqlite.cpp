#include "services/sqlite.hpp"

#include <sqlite3.h>

namespace kiosk::services::sql {
namespace {

[[noreturn]] void fail(sqlite3* db, int rc, std::string_view what) {
    throw SqlError(rc & 0xff, std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
}

}  // namespace

Statement::Statement(sqlite3* db, std::string_view sql) : m_db(db) {
    const int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &m_stmt, nullptr);
    if (rc != SQLITE_OK) fail(db, rc, "prepare");
}
Statement::Statement(Statement&& o) noexcept : m_db(o.m_db), m_stmt(o.m_stmt) { o.m_stmt = nullptr; }
Statement& Statement::operator=(Statement&& o) noexcept {
    if (this != &o) {
        sqlite3_finalize(m_stmt);
        m_db = o.m_db;
        m_stmt = o.m_stmt;
        o.m_stmt = nullptr;
    }
    return *this;
}
Statement::~Statement() { sqlite3_finalize(m_stmt); }

Statement& Statement::bind(int index, std::string_view text) {
    const int rc = sqlite3_bind_text(m_stmt, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) fail(m_db, rc, "bind");
    return *this;
}
Statement& Statement::bind(int index, std::int64_t value) {
    const int rc = sqlite3_bind_int64(m_stmt, index, value);
    if (rc != SQLITE_OK) fail(m_db, rc, "bind");
    return *this;
}
Statement& Statement::bindBlob(int index, std::string_view bytes) {
    const int rc = sqlite3_bind_blob(m_stmt, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) fail(m_db, rc, "bind");
    return *this;
}
Statement& Statement::bindNull(int index) {
    const int rc = sqlite3_bind_null(m_stmt, index);
    if (rc != SQLITE_OK) fail(m_db, rc, "bind");
    return *this;
}
bool Statement::step() {
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail(m_db, rc, "step");
}
void Statement::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}
std::string Statement::text(int column) const {
    const auto* p = sqlite3_column_text(m_stmt, column);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column)))
             : std::string();
}
std::string Statement::blob(int column) const {
    const void* p = sqlite3_column_blob(m_stmt, column);
    return p ? std::string(static_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column)))
             : std::string();
}
std::int64_t Statement::integer(int column) const { return sqlite3_column_int64(m_stmt, column); }
bool Statement::isNull(int column) const { return sqlite3_column_type(m_stmt, column) == SQLITE_NULL; }

Database::Database(const std::string& path, bool readOnly) {
    const int mode = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    const int rc = sqlite3_open_v2(path.c_str(), &m_db, mode | SQLITE_OPEN_FULLMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        std::string msg = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
        sqlite3_close(m_db);
        m_db = nullptr;
        throw SqlError(rc & 0xff, "open " + path + ": " + msg);
    }
    sqlite3_busy_timeout(m_db, 5000);
    exec("PRAGMA foreign_keys=ON");
    if (readOnly) return;
    exec("PRAGMA journal_mode=WAL");  // written into the file: never on a read-only connection
    exec("PRAGMA synchronous=FULL");  // NORMAL can lose the last commit on power loss
}
Database::~Database() { sqlite3_close(m_db); }

void Database::exec(std::string_view sql) {
    char* err = nullptr;
    const std::string s(sql);
    const int rc = sqlite3_exec(m_db, s.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        throw SqlError(rc & 0xff, "exec: " + msg);
    }
}
int Database::userVersion() {
    Statement s = prepare("PRAGMA user_version");
    return s.step() ? static_cast<int>(s.integer(0)) : 0;
}
void Database::setUserVersion(int v) { exec("PRAGMA user_version=" + std::to_string(v)); }
int Database::changes() const { return sqlite3_changes(m_db); }
bool Database::inTransaction() const { return sqlite3_get_autocommit(m_db) == 0; }

Transaction::Transaction(Database& db, Mode mode) : m_db(db) {
    m_db.exec(mode == Mode::Immediate ? "BEGIN IMMEDIATE" : "BEGIN");
}
Transaction::~Transaction() {
    if (!m_done) {
        try {
            m_db.exec("ROLLBACK");
        } catch (const SqlError&) {
            // nothing to do: a failed rollback leaves SQLite's own recovery to the next open
        }
    }
}
void Transaction::commit() {
    m_db.exec("COMMIT");
    m_done = true;
}

}  // namespace kiosk::services::sql
