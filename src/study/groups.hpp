#pragma once
// Internal to study: the per-group cross-sections of --group-by / --groups (issue 5, "Groups").

#include <aftershock/study/config.hpp>
#include <aftershock/study/result.hpp>

#include <string>
#include <vector>

#include "firm_study.hpp"

namespace aftershock::study {

// The --groups mapping of `ticker` when it lists it, else `file_group`.
std::string mapped_group(const std::string& ticker, const std::string& file_group,
                         const StudyConfig& config);

// The group of one firm-event under `config.group_by`: `date` = the effective day 0 (ISO; the
// requested date when the event was not located), `group` = the --groups mapping of the ticker
// when it lists it, else `file_group` (the events file's group column); "" when neither.
std::string group_of(const FirmResult& firm, const std::string& file_group,
                     const StudyConfig& config);

// One GroupResult per distinct non-empty name in `names` (parallel to `firms`), sorted by name;
// each aggregates its ok firm-events with aggregate_firms. Groups without an ok firm-event get
// n_firms = 0 and no days or windows.
std::vector<GroupResult> group_aggregates(const std::vector<FirmComputation>& firms,
                                          const std::vector<std::string>& names,
                                          const StudyConfig& config,
                                          const std::vector<events::Window>& car_windows);
// The same over pointers (the batch engine keeps its firm-events in file order and lists them
// in output order through pointers, issue 6: no move of 100,000 computations).
std::vector<GroupResult> group_aggregates(const std::vector<const FirmComputation*>& firms,
                                          const std::vector<std::string>& names,
                                          const StudyConfig& config,
                                          const std::vector<events::Window>& car_windows);

} // namespace aftershock::study
