#pragma once
// The only place services read the wall clock: today's civil date in the kiosk's time zone
// (the process TZ; kiosks run with TZ=Asia/Jakarta).
#include "core/nik.hpp"

namespace kiosk::services {
core::CivilDate todayLocal();
}
