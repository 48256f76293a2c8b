#include "core/catalog.hpp"

namespace kiosk::core {

void Catalog::set(Lang lang, std::string key, std::string text) {
    m_texts[langIndex(lang)].insert_or_assign(std::move(key), std::move(text));
}

bool Catalog::has(Lang lang, std::string_view key) const {
    const auto& m = m_texts[langIndex(lang)];
    return m.find(key) != m.end();
}

std::string_view Catalog::text(Lang lang, std::string_view key) const {
    for (Lang l : {lang, Lang::Id}) {
        const auto& m = m_texts[langIndex(l)];
        if (auto it = m.find(key); it != m.end()) return it->second;
    }
    auto it = m_missingMarks.find(key);
    if (it == m_missingMarks.end())
        it = m_missingMarks.emplace(std::string(key), "[" + std::string(key) + "]").first;
    return it->second;
}

std::vector<std::string> Catalog::keys(Lang lang) const {
    std::vector<std::string> out;
    for (const auto& [k, v] : m_texts[langIndex(lang)]) out.push_back(k);
    return out;
}

std::vector<std::string> Catalog::missingIn(Lang lang) const {
    std::vector<std::string> out;
    for (const auto& [k, v] : m_texts[langIndex(Lang::Id)])
        if (!has(lang, k)) out.push_back(k);
    return out;
}

std::vector<std::string> Catalog::extraIn(Lang lang) const {
    std::vector<std::string> out;
    for (const auto& [k, v] : m_texts[langIndex(lang)])
        if (!has(Lang::Id, k)) out.push_back(k);
    return out;
}

void Catalog::forEachText(const std::function<void(Lang, std::string_view, std::string_view)>& fn) const {
    for (Lang l : kAllLangs)
        for (const auto& [k, v] : m_texts[langIndex(l)]) fn(l, k, v);
}

std::string formatText(std::string_view pattern,
                       std::initializer_list<std::pair<std::string_view, std::string_view>> args) {
    std::string out;
    out.reserve(pattern.size() + 16);
    std::size_t i = 0;
    while (i < pattern.size()) {
        if (pattern[i] == '{') {
            const auto close = pattern.find('}', i);
            if (close != std::string_view::npos) {
                const auto name = pattern.substr(i + 1, close - i - 1);
                bool replaced = false;
                for (const auto& [k, v] : args) {
                    if (k == name) {
                        out += v;
                        replaced = true;
                        break;
                    }
                }
                if (replaced) {
                    i = close + 1;
                    continue;
                }
            }
        }
        out += pattern[i++];
    }
    return out;
}

}  // namespace kiosk::core
