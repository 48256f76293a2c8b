#include "services/clock.hpp"

#include <ctime>

namespace kiosk::services {

core::CivilDate todayLocal() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    return core::CivilDate{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

}  // namespace kiosk::services
