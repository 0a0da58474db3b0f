#pragma once
// Events the tool knows by name (`--event deepseek`), listed by `aftershock events`.

#include <aftershock/calendar/date.hpp>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace aftershock::events {

struct NamedEvent {
  std::string_view name;
  calendar::Date date;                   // the requested event date
  std::string_view market;               // default market ticker
  std::vector<std::string_view> tickers; // default firms
  std::string_view groups_file;          // grouping bundled in data/, may be empty
  std::string_view title;
  std::string_view description;
};

// Every named event, sorted by name.
std::span<const NamedEvent> named_events();

// The event called `name` (case-insensitive), or nullptr.
const NamedEvent* find_named_event(std::string_view name);

} // namespace aftershock::events
