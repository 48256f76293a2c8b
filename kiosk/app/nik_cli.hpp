#pragma once
// `kiosk nik <NIK> [--json]`: the analysis a staff member or a script needs. Prints the masked
// form only (the full number is already on the caller's command line; it never goes further).
#include <iosfwd>
#include <string>

#include "core/catalog.hpp"
#include "core/nik.hpp"

namespace kiosk::app {

// Returns the exit code: 0 valid, 1 rejected.
int runNikCommand(const std::string& raw, bool json, const core::Catalog& catalog, core::Lang lang,
                  const core::CivilDate& today, std::ostream& out);

}  // namespace kiosk::app
