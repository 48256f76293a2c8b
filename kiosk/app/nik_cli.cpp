#include "app/nik_cli.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <ostream>

namespace kiosk::app {
namespace {

std::string isoDate(const core::CivilDate& d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buf;
}

std::string_view sexKey(core::Sex s) { return s == core::Sex::Female ? "female" : "male"; }

void printJson(const core::NikAnalysis& a, std::ostream& out) {
    nlohmann::json j;
    j["valid"] = a.valid();
    j["rejects"] = nlohmann::json::array();
    for (auto r : a.rejects) j["rejects"].push_back(core::toKey(r));
    j["warnings"] = nlohmann::json::array();
    for (auto w : a.warnings) j["warnings"].push_back(core::toKey(w));
    j["masked"] = a.digits.size() == 16 ? nlohmann::json(core::maskNik(a.digits)) : nlohmann::json();
    if (a.valid()) {
        j["province"] = {{"code", a.provinceCode}, {"name", a.provinceName}};
        j["regency_code"] = a.regencyCode;
        j["kecamatan"] = a.kecamatanName ? nlohmann::json(*a.kecamatanName) : nlohmann::json();
        j["sex"] = a.sex ? nlohmann::json(sexKey(*a.sex)) : nlohmann::json();
        j["birth_date"] = a.birthDate ? nlohmann::json(isoDate(*a.birthDate)) : nlohmann::json();
        j["birth_date_candidates"] = nlohmann::json::array();
        for (const auto& d : a.birthDateCandidates) j["birth_date_candidates"].push_back(isoDate(d));
        j["age"] = a.age ? nlohmann::json(*a.age) : nlohmann::json();
    }
    out << j.dump(2) << "\n";
}

void printText(const core::NikAnalysis& a, const core::Catalog& cat, core::Lang lang, std::ostream& out) {
    auto t = [&](std::string_view key) { return cat.text(lang, key); };
    out << (a.valid() ? t("cli.valid") : t("cli.rejected")) << "\n";
    if (a.digits.size() == 16) out << "  " << t("cli.masked") << ": " << core::maskNik(a.digits) << "\n";
    for (auto r : a.rejects)
        out << "  - [" << core::toKey(r) << "] " << t("identify.reject." + std::string(core::toKey(r))) << "\n";
    if (!a.valid()) return;
    out << "  " << t("cli.province") << ": " << a.provinceCode << " " << a.provinceName << "\n";
    out << "  " << t("cli.regency") << ": " << a.regencyCode << "\n";
    if (a.kecamatanName) out << "  " << t("cli.kecamatan") << ": " << *a.kecamatanName << "\n";
    if (a.sex) out << "  " << t("cli.sex") << ": " << t("cli.sex_" + std::string(sexKey(*a.sex))) << "\n";
    if (a.birthDate) {
        out << "  " << t("cli.birth_date") << ": " << isoDate(*a.birthDate);
        if (a.birthDateCandidates.size() > 1) {
            out << " (" << t("cli.candidates") << ":";
            for (const auto& d : a.birthDateCandidates) out << " " << isoDate(d);
            out << ")";
        }
        out << "\n";
    }
    if (a.age) out << "  " << t("cli.age") << ": " << *a.age << "\n";
    for (auto w : a.warnings)
        out << "  ! [" << core::toKey(w) << "] " << t("confirm.warning." + std::string(core::toKey(w))) << "\n";
}

}  // namespace

int runNikCommand(const std::string& raw, bool json, const core::Catalog& catalog, core::Lang lang,
                  const core::CivilDate& today, std::ostream& out) {
    core::NikAnalysis a = core::analyzeNik(raw, today);
    if (json) printJson(a, out);
    else printText(a, catalog, lang, out);
    return a.valid() ? 0 : 1;
}

}  // namespace kiosk::app
