#include "groups.hpp"

#include <aftershock/calendar/date.hpp>

#include <algorithm>
#include <map>

#include "aggregate.hpp"

namespace aftershock::study {

std::string mapped_group(const std::string& ticker, const std::string& file_group,
                         const StudyConfig& config) {
  const auto it = std::lower_bound(config.ticker_groups.begin(), config.ticker_groups.end(), ticker,
                                   [](const std::pair<std::string, std::string>& entry,
                                      const std::string& key) { return entry.first < key; });
  if (it != config.ticker_groups.end() && it->first == ticker)
    return it->second;
  return file_group;
}

std::string group_of(const FirmResult& firm, const std::string& file_group,
                     const StudyConfig& config) {
  if (config.group_by == GroupBy::date) {
    if (firm.event)
      return calendar::format_iso(firm.event->event_date.value_or(firm.event->requested_date));
    for (const auto& day : firm.days)
      if (day.offset == 0)
        return day.date ? calendar::format_iso(*day.date) : std::string();
    return {};
  }
  return mapped_group(firm.ticker, file_group, config);
}

std::vector<GroupResult> group_aggregates(const std::vector<FirmComputation>& firms,
                                          const std::vector<std::string>& names,
                                          const StudyConfig& config,
                                          const std::vector<events::Window>& car_windows) {
  std::vector<const FirmComputation*> pointers;
  pointers.reserve(firms.size());
  for (const auto& f : firms)
    pointers.push_back(&f);
  return group_aggregates(pointers, names, config, car_windows);
}

std::vector<GroupResult> group_aggregates(const std::vector<const FirmComputation*>& firms,
                                          const std::vector<std::string>& names,
                                          const StudyConfig& config,
                                          const std::vector<events::Window>& car_windows) {
  std::map<std::string, std::vector<const FirmComputation*>> members;
  for (std::size_t i = 0; i < firms.size(); ++i)
    if (!names[i].empty())
      members[names[i]].push_back(firms[i]);
  std::vector<GroupResult> out;
  for (const auto& [name, group] : members) {
    GroupResult result;
    result.name = name;
    result.n_firm_events = static_cast<int>(group.size());
    const bool any_ok = std::any_of(group.begin(), group.end(), [](const FirmComputation* f) {
      return f->result.status == FirmStatus::ok;
    });
    if (any_ok)
      result.aggregate = aggregate_firms(group, config, car_windows);
    out.push_back(std::move(result));
  }
  return out;
}

} // namespace aftershock::study
