#include "services/clock.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace kiosk::services {

core::CivilDate todayLocal() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    return core::CivilDate{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

std::int64_t wallClockMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

namespace {
std::tm localTm(std::int64_t wallMs) {
    const std::time_t t = static_cast<std::time_t>(wallMs / 1000);
    std::tm tm{};
    localtime_r(&t, &tm);
    return tm;
}
}  // namespace

std::string isoLocalDateTime(std::int64_t wallMs) {
    const std::tm tm = localTm(wallMs);
    const long offsetMin = tm.tm_gmtoff / 60;
    const long absMin = offsetMin < 0 ? -offsetMin : offsetMin;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, offsetMin < 0 ? '-' : '+', absMin / 60, absMin % 60);
    return buf;
}

std::string slipDateTime(std::int64_t wallMs) {
    const std::tm tm = localTm(wallMs);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%02d-%02d-%04d %02d:%02d", tm.tm_mday, tm.tm_mon + 1, tm.tm_year + 1900, tm.tm_hour,
                  tm.tm_min);
    return buf;
}

}  // namespace kiosk::services
