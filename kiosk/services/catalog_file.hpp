#pragma once
// Loads the language catalogs assets/i18n/{id,en,jv}.toml into one core::Catalog.
// Tables nest ("[identify]" + "title = ...") and flatten to dotted keys ("identify.title").
// Only strings are allowed; anything else is an error naming the file and line.
#include <string>

#include "core/catalog.hpp"
#include "core/result.hpp"
#include "services/config_file.hpp"

namespace kiosk::services {

core::Result<core::Catalog, ConfigError> loadCatalogs(const std::string& i18nDir);
// One language from text (tests feed broken files through this).
std::optional<ConfigError> parseCatalogInto(core::Catalog& catalog, core::Lang lang, std::string_view text,
                                            const std::string& sourceName);

}  // namespace kiosk::services
