#pragma once
// Catalog: every user-facing text, by language-independent key ("identify.title").
// Loaded from assets/i18n/<lang>.toml by services; screens only read it. A missing text falls
// back to Bahasa Indonesia, then to the key in brackets so a gap is visible, never blank.
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/lang.hpp"

namespace kiosk::core {

class Catalog {
public:
    void set(Lang lang, std::string key, std::string text);
    bool has(Lang lang, std::string_view key) const;
    std::string_view text(Lang lang, std::string_view key) const;

    std::vector<std::string> keys(Lang lang) const;
    // Keys present in Bahasa Indonesia (the reference) but absent in `lang`, and the reverse.
    std::vector<std::string> missingIn(Lang lang) const;
    std::vector<std::string> extraIn(Lang lang) const;
    void forEachText(const std::function<void(Lang, std::string_view key, std::string_view text)>& fn) const;

private:
    std::array<std::map<std::string, std::string, std::less<>>, kAllLangs.size()> m_texts;
    mutable std::map<std::string, std::string, std::less<>> m_missingMarks;
};

// Replaces "{name}" placeholders; unknown placeholders stay as they are.
std::string formatText(std::string_view pattern,
                       std::initializer_list<std::pair<std::string_view, std::string_view>> args);

}  // namespace kiosk::core
