#pragma once
// Internal to study: the cross-section of one event (AAR / CAAR, tests, dollar totals).

#include <aftershock/series/panel.hpp>
#include <aftershock/study/config.hpp>
#include <aftershock/study/result.hpp>

#include <vector>

#include "event_frame.hpp"
#include "firm_study.hpp"

namespace aftershock::study {

// Aggregates the firms with status ok. Tests, in this key order: t_csect (T1), t_cda (T3),
// patell (T4), bmp (T5), bmp_kp (T6); window tests on CAR_i and SCAR_i = CAR_i/sqrt(Var(CAR_i))
// (design/methods.md s.6, the Kolari-Pynnonen 2010 / ARC form).
Aggregate aggregate_firms(const std::vector<FirmComputation>& firms, const series::Panel& panel,
                          const StudyConfig& config, const EventFrame& frame);

} // namespace aftershock::study
