#include "app/audit_cli.hpp"

#include <filesystem>
#include <ostream>

#include "services/audit_log.hpp"

namespace kiosk::app {

int runAuditVerify(const std::string& dbPath, std::ostream& out, std::ostream& err) {
    namespace sql = services::sql;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(dbPath, ec)) {
        err << "kiosk: no database at " << dbPath << "\n";
        return 3;
    }
    try {
        sql::Database db(dbPath, true);
        if (!services::AuditLog::existsIn(db)) {
            err << "kiosk: " << dbPath << " has no audit log\n";
            return 3;
        }
        services::AuditLog log(db);
        sql::Transaction snapshot(db, sql::Transaction::Mode::Deferred);  // verify and count see the same rows
        if (const auto broken = log.verify()) {
            out << "audit log broken at row " << broken->rowId << ": " << broken->why << "\n";
            return 1;
        }
        out << "audit log intact: " << log.count() << " rows\n";
        return 0;
    } catch (const sql::SqlError& e) {
        err << "kiosk: cannot read the audit log in " << dbPath << ": " << e.what() << "\n";
        return 3;
    }
}

}  // namespace kiosk::app
