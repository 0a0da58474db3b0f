#pragma once
// The study engine: one event, many firms, from an aligned price panel to the result structs.

#include <aftershock/series/panel.hpp>
#include <aftershock/series/shares.hpp>
#include <aftershock/study/config.hpp>
#include <aftershock/study/result.hpp>

namespace aftershock::study {

// Runs the event study described by `config` on `panel` (whose calendar is the market's).
// `shares` may be null (no dollar figures). Per-firm problems become firm statuses; problems
// that leave nothing to compute (market absent, event outside the data, windows overlapping,
// no firm usable) throw aftershock::Error with a message naming the value and the bound.
StudyResult run_study(const series::Panel& panel, const series::SharesTable* shares,
                      const StudyConfig& config);

} // namespace aftershock::study
