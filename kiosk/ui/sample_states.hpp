#pragma once
// Representative visit states, one per screen and notable variant. The smoke test renders every
// one, the golden screenshots pick a few, and `kiosk --scenario NAME` shows one for a designer.
// Built by feeding events to the real reducer where that is possible, so they stay truthful.
#include <string>
#include <vector>

#include "core/visit.hpp"

namespace kiosk::ui {

struct SampleState {
    std::string name;
    core::VisitState state;
    std::string staffAlertKey = {};  // UiContext::staffAlertKey for this picture (empty: none)
};

inline constexpr core::CivilDate kSampleToday{2026, 11, 30};

std::vector<SampleState> sampleStates(core::Lang lang = core::Lang::Id);

}  // namespace kiosk::ui
