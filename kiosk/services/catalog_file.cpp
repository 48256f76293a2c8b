#include "services/catalog_file.hpp"

#include <fstream>
#include <sstream>
#include <toml++/toml.h>

namespace kiosk::services {
namespace {

std::optional<ConfigError> flatten(core::Catalog& catalog, core::Lang lang, const toml::table& t,
                                   const std::string& prefix, const std::string& source) {
    for (const auto& [k, v] : t) {
        const std::string key = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
        if (const auto* sub = v.as_table()) {
            if (auto err = flatten(catalog, lang, *sub, key, source)) return err;
        } else if (auto s = v.value_exact<std::string>()) {
            catalog.set(lang, key, *s);
        } else {
            return ConfigError{source, static_cast<int>(v.source().begin.line), key + " must be a quoted string"};
        }
    }
    return std::nullopt;
}

}  // namespace

std::optional<ConfigError> parseCatalogInto(core::Catalog& catalog, core::Lang lang, std::string_view text,
                                            const std::string& sourceName) {
    try {
        const toml::table root = toml::parse(text, sourceName);
        return flatten(catalog, lang, root, "", sourceName);
    } catch (const toml::parse_error& e) {
        return ConfigError{sourceName, static_cast<int>(e.source().begin.line),
                           "not valid TOML: " + std::string(e.description())};
    }
}

core::Result<core::Catalog, ConfigError> loadCatalogs(const std::string& i18nDir) {
    core::Catalog catalog;
    for (core::Lang lang : core::kAllLangs) {
        const std::string path = i18nDir + "/" + std::string(core::langCode(lang)) + ".toml";
        std::ifstream in(path, std::ios::binary);
        if (!in) return core::unexpected(ConfigError{path, 0, "cannot open the language catalog"});
        std::ostringstream buf;
        buf << in.rdbuf();
        if (auto err = parseCatalogInto(catalog, lang, buf.str(), path)) return core::unexpected(*err);
    }
    return catalog;
}

}  // namespace kiosk::services
