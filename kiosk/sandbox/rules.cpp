#include "sandbox/rules.hpp"

#include <algorithm>

namespace kiosk::sandbox {
namespace {

Decision make(std::string status, std::string reason = {}) {
    Decision d;
    d.status = std::move(status);
    if (!reason.empty()) d.reasons.push_back(std::move(reason));
    return d;
}

Decision pijarSemar(const Person& p, int age, const QuotaView& q, const std::vector<std::string>& listed) {
    if (p.referToStaff) return make("refer_to_staff", "data_needs_check");
    if (p.bpjsActive || p.pijarEnrolled) return make("already_enrolled", "already_enrolled");
    if (age >= 65) return make("ineligible", "age_over_limit");
    if (!p.inSemarang) return make("ineligible", "not_semarang_resident");
    if (p.employment == "company_employee") return make("ineligible", "company_employee");
    if (p.employment == "unemployed") return make("ineligible", "not_working");
    if (p.employment == "housewife") return make("ineligible", "housewife");
    if (std::find(listed.begin(), listed.end(), p.occupation) == listed.end())
        return make("refer_to_staff", "occupation_check");
    if (q.apbdLeft > 0) {
        Decision d = make("eligible");
        d.fundingSource = "APBD";
        d.placesLeft = q.apbdLeft;
        return d;
    }
    if (q.dbhchtLeft > 0) {
        Decision d = make("eligible", "apbd_full_dbhcht");
        d.fundingSource = "DBHCHT";
        d.placesLeft = q.dbhchtLeft;
        return d;
    }
    return make("ineligible", "quota_full");
}

}  // namespace

Decisions decide(const Person& p, const core::CivilDate& today, const QuotaView& quotas,
                 const std::vector<std::string>& listedOccupations) {
    const int age = core::ageOn(p.birthDate, today);
    Decisions d;
    d.pijarSemar = pijarSemar(p, age, quotas, listedOccupations);
    if (age < 18) d.blk = make("ineligible", "age_under_18");
    else if (!p.inSemarang) d.blk = make("ineligible", "not_semarang_resident");
    else d.blk = make("eligible");
    d.mediation = p.occupation == "ojek_online" ? make("refer_to_staff", "partnership_check")
                                                 : make("eligible", "bipartite_first");
    return d;
}

}  // namespace kiosk::sandbox
