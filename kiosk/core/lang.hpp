#pragma once
// The kiosk's languages. Bahasa Indonesia is first and the fallback for every missing text.
#include <array>
#include <optional>
#include <string_view>

namespace kiosk::core {

enum class Lang { Id, En, Jv };
inline constexpr std::array<Lang, 3> kAllLangs{Lang::Id, Lang::En, Lang::Jv};

// ISO-ish codes used in files, config and the API ("id", "en", "jv").
constexpr std::string_view langCode(Lang l) {
    switch (l) {
        case Lang::Id: return "id";
        case Lang::En: return "en";
        case Lang::Jv: return "jv";
    }
    return "id";
}
constexpr std::optional<Lang> langFromCode(std::string_view code) {
    for (Lang l : kAllLangs)
        if (langCode(l) == code) return l;
    return std::nullopt;
}
constexpr std::size_t langIndex(Lang l) { return static_cast<std::size_t>(l); }

}  // namespace kiosk::core
