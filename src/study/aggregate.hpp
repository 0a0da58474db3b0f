#pragma once
// Internal to study: the cross-section of one event (AAR / CAAR, tests, dollar totals).

#include <aftershock/study/config.hpp>
#include <aftershock/study/result.hpp>

#include <vector>

#include "firm_study.hpp"

namespace aftershock::study {

// Aggregates the firms with status ok. Tests: the 19 keys of test_battery.hpp, in its order;
// window tests on CAR_i and SCAR_i = CAR_i/sqrt(Var(CAR_i)) (design/methods.md s.6, the
// Kolari-Pynnonen 2010 / ARC form). Missing data: a firm without an AR on a day (or a CAR in a
// window) is left out of that cross-section only; in the rank panel its missing days stay
// empty and it is ranked over its own non-missing ARs.
// Works from per-firm-event quantities only (event time): `config` gives the event window and
// the inference options, `car_windows` the reported windows (event window last). Firm-events
// may come from different dates and markets; they must share the event window and the
// estimation-window length. Calendar-time inputs are aligned in event time (see
// docs/batch.md): the CDA and Lamb estimation AAR series, KP rbar, the portfolio dollar SE and
// the bootstrap use estimation day k of every firm-event as one "day" (Brown & Warner 1985).
Aggregate aggregate_firms(const std::vector<const FirmComputation*>& firms,
                          const StudyConfig& config,
                          const std::vector<events::Window>& car_windows);

} // namespace aftershock::study
