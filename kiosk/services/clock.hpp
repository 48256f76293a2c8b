#pragma once
// The only place services read the wall clock: today's civil date in the kiosk's time zone
// (the process TZ; kiosks run with TZ=Asia/Jakarta), and wall-clock times as text.
#include <cstdint>
#include <string>

#include "core/nik.hpp"

namespace kiosk::services {
core::CivilDate todayLocal();
// Wall-clock milliseconds since the epoch.
std::int64_t wallClockMs();
// "2026-12-04T22:05:31+07:00": local time with its UTC offset (consent records, API timestamps).
std::string isoLocalDateTime(std::int64_t wallMs);
// "04-12-2026 22:05": local time as people in Indonesia write it (printed slips).
std::string slipDateTime(std::int64_t wallMs);
}
