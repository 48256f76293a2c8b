#pragma once
// A thin RAII layer over SQLite (STYLE pattern 4): a Database owns its connection, a Statement
// its prepared statement, a Transaction rolls back unless committed. sqlite3.h stays out of
// this header. Failures throw SqlError, to be caught at the request or job boundary that owns
// the work (never across a thread or the frame loop).
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace kiosk::services::sql {

class SqlError : public std::runtime_error {
public:
    SqlError(int code, const std::string& what) : std::runtime_error(what), m_code(code) {}
    int code() const { return m_code; }  // SQLite's primary result code (SQLITE_FULL = 13, …)

private:
    int m_code;
};

class Statement {
public:
    Statement(sqlite3* db, std::string_view sql);
    Statement(Statement&&) noexcept;
    Statement& operator=(Statement&&) noexcept;
    ~Statement();

    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bindNull(int index);
    Statement& bindBlob(int index, std::string_view bytes);
    bool step();  // true: a row is ready; false: done
    void reset();
    std::string text(int column) const;
    std::string blob(int column) const;
    std::int64_t integer(int column) const;
    bool isNull(int column) const;

private:
    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
};

class Database {
public:
    // Opens (creating) the file in WAL mode with synchronous=FULL and a busy timeout. `readOnly`
    // opens an existing file with SQLITE_OPEN_READONLY and sets no pragma that writes (for
    // inspection while the kiosk may be running, e.g. `kiosk audit verify`); a missing file throws.
    explicit Database(const std::string& path, bool readOnly = false);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    void exec(std::string_view sql);
    Statement prepare(std::string_view sql) { return Statement(m_db, sql); }
    int userVersion();
    void setUserVersion(int v);
    int changes() const;
    bool inTransaction() const;  // a BEGIN is open on this connection

private:
    sqlite3* m_db = nullptr;
};

class Transaction {
public:
    enum class Mode { Deferred, Immediate };
    explicit Transaction(Database& db, Mode mode = Mode::Immediate);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Database& m_db;
    bool m_done = false;
};

}  // namespace kiosk::services::sql
