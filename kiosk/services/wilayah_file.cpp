#include "services/wilayah_file.hpp"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <vector>

namespace kiosk::services {
namespace {

using Json = nlohmann::json;

constexpr std::size_t kMaxFileBytes = 1 << 20;
constexpr std::size_t kMaxNameBytes = 40;

// Well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF) without C0, DEL or C1
// controls. Returns the problem in words, or nullopt.
std::optional<std::string> textProblem(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto b0 = static_cast<unsigned char>(s[i]);
        if (b0 < 0x80) {
            if (b0 < 0x20 || b0 == 0x7F) return "contains a control character";
            ++i;
            continue;
        }
        std::size_t len = 0;
        std::uint32_t cp = 0;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            len = 2;
            cp = b0 & 0x1Fu;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            len = 3;
            cp = b0 & 0x0Fu;
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            len = 4;
            cp = b0 & 0x07u;
        } else {
            return "is not valid UTF-8";
        }
        if (i + len > s.size()) return "is not valid UTF-8";
        for (std::size_t k = 1; k < len; ++k) {
            const auto b = static_cast<unsigned char>(s[i + k]);
            if ((b & 0xC0u) != 0x80u) return "is not valid UTF-8";
            cp = (cp << 6) | (b & 0x3Fu);
        }
        const bool overlong = (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
        if (overlong || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return "is not valid UTF-8";
        if (cp >= 0x80 && cp <= 0x9F) return "contains a control character";
        i += len;
    }
    return std::nullopt;
}

std::optional<std::string> nameProblem(std::string_view name) {
    if (name.empty()) return "is empty";
    if (name.size() > kMaxNameBytes) return "is longer than " + std::to_string(kMaxNameBytes) + " bytes";
    if (auto p = textProblem(name)) return p;
    if (name.front() == ' ' || name.back() == ' ' || name.find("  ") != std::string_view::npos)
        return "has leading, trailing or doubled spaces";
    return std::nullopt;
}

bool allDigits(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string inQuotes(std::string_view s) { return "\"" + std::string(s) + "\""; }

// Thrown only inside this file and caught by parseWilayah: keeps the checks below linear.
struct Refusal {
    std::string message;
};
[[noreturn]] void refuse(std::string message) { throw Refusal{std::move(message)}; }

void onlyKeys(const Json& obj, std::initializer_list<std::string_view> allowed, const std::string& where) {
    for (const auto& [key, value] : obj.items()) {
        if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
            refuse(where + ": unknown key " + inQuotes(key));
    }
}

const Json& member(const Json& obj, const char* key, const std::string& where) {
    const auto it = obj.find(key);
    if (it == obj.end()) refuse(where + ": missing " + inQuotes(key));
    return *it;
}

std::string stringMember(const Json& obj, const char* key, const std::string& where) {
    const Json& v = member(obj, key, where);
    if (!v.is_string()) refuse(where + ": " + inQuotes(key) + " must be a string");
    return v.get<std::string>();
}

std::string nameMember(const Json& obj, const std::string& where) {
    std::string name = stringMember(obj, "name", where);
    if (auto p = nameProblem(name)) refuse(where + ": name " + *p);
    return name;
}

core::Kelurahan readKelurahan(const Json& j, const core::Kecamatan& kec, const std::string& where,
                              std::set<std::string>& codesSeen) {
    if (!j.is_object()) refuse(where + ": must be an object {\"name\": ...}");
    onlyKeys(j, {"name", "code"}, where);
    core::Kelurahan k;
    k.name = nameMember(j, where);
    if (j.contains("code")) {
        k.code = stringMember(j, "code", where);
        if (k.code.size() != 10 || !allDigits(k.code) || k.code.rfind(kec.code, 0) != 0)
            refuse(where + " (" + k.name + "): code " + inQuotes(k.code) + " must be 10 digits starting with " +
                   kec.code);
        if (!codesSeen.insert(k.code).second)
            refuse(where + " (" + k.name + "): kelurahan code " + inQuotes(k.code) + " appears twice");
    }
    return k;
}

core::Kecamatan readKecamatan(const Json& j, const std::string& where, std::set<std::string>& kelurahanCodes) {
    if (!j.is_object()) refuse(where + ": must be an object");
    onlyKeys(j, {"code", "name", "kelurahan"}, where);
    core::Kecamatan kec;
    kec.code = stringMember(j, "code", where);
    if (kec.code.size() != 6 || !allDigits(kec.code) || kec.code.rfind("3374", 0) != 0 || kec.code.ends_with("00"))
        refuse(where + ": code " + inQuotes(kec.code) + " must be six digits 3374KK (Kota Semarang, KK from 01)");
    kec.name = nameMember(j, where);
    const std::string here = where + " (" + kec.name + ")";
    const Json& list = member(j, "kelurahan", here);
    if (!list.is_array()) refuse(here + ": \"kelurahan\" must be an array");
    if (list.empty()) refuse(here + ": has no kelurahan");
    std::set<std::string> names;
    for (std::size_t i = 0; i < list.size(); ++i) {
        core::Kelurahan k = readKelurahan(list[i], kec, here + ": kelurahan[" + std::to_string(i) + "]", kelurahanCodes);
        if (!names.insert(k.name).second) refuse(here + ": kelurahan " + inQuotes(k.name) + " appears twice");
        kec.kelurahan.push_back(std::move(k));
    }
    return kec;
}

core::Wilayah readWilayah(const Json& root) {
    if (!root.is_object()) refuse("the top level must be an object");
    onlyKeys(root, {"source", "version", "kecamatan"}, "top level");
    core::Wilayah w;
    if (stringMember(root, "source", "top level").empty()) refuse("top level: \"source\" is empty");
    w.version = stringMember(root, "version", "top level");
    if (auto p = nameProblem(w.version)) refuse("top level: version " + *p);
    const Json& list = member(root, "kecamatan", "top level");
    if (!list.is_array()) refuse("top level: \"kecamatan\" must be an array");
    if (list.empty()) refuse("top level: no kecamatan");
    std::set<std::string> codes, names, kelurahanCodes;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string where = "kecamatan[" + std::to_string(i) + "]";
        core::Kecamatan kec = readKecamatan(list[i], where, kelurahanCodes);
        if (!codes.insert(kec.code).second) refuse(where + ": kecamatan code " + inQuotes(kec.code) + " appears twice");
        if (!names.insert(kec.name).second) refuse(where + ": kecamatan " + inQuotes(kec.name) + " appears twice");
        w.kecamatan.push_back(std::move(kec));
    }
    return w;
}

}  // namespace

core::Result<core::Wilayah, std::string> parseWilayah(std::string_view text, const std::string& sourceName) {
    if (text.size() > kMaxFileBytes)
        return core::unexpected(sourceName + ": larger than " + std::to_string(kMaxFileBytes) + " bytes");
    // nlohmann keeps the last of two equal keys without a word; a callback sees every key first.
    std::vector<std::set<std::string>> keysPerObject;
    std::optional<std::string> duplicateKey;
    const Json::parser_callback_t watchKeys = [&](int, Json::parse_event_t event, Json& parsed) {
        if (event == Json::parse_event_t::object_start) {
            keysPerObject.emplace_back();
        } else if (event == Json::parse_event_t::object_end) {
            if (!keysPerObject.empty()) keysPerObject.pop_back();
        } else if (event == Json::parse_event_t::key && !keysPerObject.empty() && parsed.is_string()) {
            if (!keysPerObject.back().insert(parsed.get<std::string>()).second && !duplicateKey)
                duplicateKey = parsed.get<std::string>();
        }
        return true;
    };
    try {
        const Json root = Json::parse(text.begin(), text.end(), watchKeys);
        if (duplicateKey) return core::unexpected(sourceName + ": key " + inQuotes(*duplicateKey) + " appears twice in one object");
        return readWilayah(root);
    } catch (const Refusal& r) {
        return core::unexpected(sourceName + ": " + r.message);
    } catch (const Json::parse_error& e) {
        return core::unexpected(sourceName + ": not valid JSON (" + std::string(e.what()) + ")");
    } catch (const std::exception& e) {
        return core::unexpected(sourceName + ": cannot be read (" + std::string(e.what()) + ")");
    }
}

core::Result<core::Wilayah, std::string> loadWilayahFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return core::unexpected(path + ": cannot open the kecamatan/kelurahan list");
    std::string text(kMaxFileBytes + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (in.bad()) return core::unexpected(path + ": cannot read the file");
    text.resize(static_cast<std::size_t>(in.gcount()));
    return parseWilayah(text, path);
}

}  // namespace kiosk::services
