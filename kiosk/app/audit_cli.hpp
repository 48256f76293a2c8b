#pragma once
// `kiosk audit verify [--db PATH]`: checks the hash chain of the audit log in the kiosk's
// database (services/audit_log.hpp). The file is opened read-only, so staff can run it beside a
// running kiosk; it never creates or changes anything.
#include <iosfwd>
#include <string>

namespace kiosk::app {

// Prints `audit log intact: N rows` (returns 0) or `audit log broken at row R: <why>` (returns 1)
// on `out`; no database file, no audit log in it or an unreadable file: a message on `err`, 3.
int runAuditVerify(const std::string& dbPath, std::ostream& out, std::ostream& err);

}  // namespace kiosk::app
