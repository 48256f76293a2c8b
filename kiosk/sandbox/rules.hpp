#pragma once
// The sandbox's eligibility rules (the central API decides; the kiosk only explains). Pure: the
// person record, today's date and the quota counts in, one decision per program out. The rules
// and their order are written down in kiosk/sandbox/README.md.
#include <optional>
#include <string>
#include <vector>

#include "core/nik.hpp"

namespace kiosk::sandbox {

struct Person {
    std::string nik;
    std::string name;
    core::CivilDate birthDate;
    std::string sex;  // "male" | "female"
    std::string kecamatan;
    std::string kelurahan;
    bool inSemarang = false;
    std::string employment;  // informal | company_employee | unemployed | housewife
    std::string occupation;
    bool bpjsActive = false;
    std::string bpjsSince;   // ISO date or empty
    bool referToStaff = false;
    bool pijarEnrolled = false;  // enrolled through this API already
};

struct QuotaView {
    int apbdLeft = 0;    // in the person's kecamatan
    int dbhchtLeft = 0;  // city-wide
};

struct Decision {
    std::string status;   // eligible | ineligible | already_enrolled | refer_to_staff
    std::vector<std::string> reasons;
    std::string fundingSource;  // APBD | DBHCHT | "" (Pijar Semar only)
    int placesLeft = 0;
};

struct Decisions {
    Decision pijarSemar;
    Decision blk;
    Decision mediation;
};

Decisions decide(const Person& p, const core::CivilDate& today, const QuotaView& quotas,
                 const std::vector<std::string>& listedOccupations);

}  // namespace kiosk::sandbox
