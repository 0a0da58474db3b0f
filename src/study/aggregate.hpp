#pragma once
// Internal to study: the cross-section of one event (AAR / CAAR, tests, dollar totals).

#include <aftershock/series/panel.hpp>
#include <aftershock/study/config.hpp>
#include <aftershock/study/result.hpp>

#include <vector>

#include "event_frame.hpp"
#include "firm_study.hpp"

namespace aftershock::study {

// Aggregates the firms with status ok. Tests: the 19 keys of test_battery.hpp, in its order;
// window tests on CAR_i and SCAR_i = CAR_i/sqrt(Var(CAR_i)) (design/methods.md s.6, the
// Kolari-Pynnonen 2010 / ARC form). Missing data: a firm without an AR on a day (or a CAR in a
// window) is left out of that cross-section only; in the rank panel its missing days stay
// empty and it is ranked over its own non-missing ARs.
Aggregate aggregate_firms(const std::vector<FirmComputation>& firms, const series::Panel& panel,
                          const StudyConfig& config, const EventFrame& frame);

} // namespace aftershock::study
