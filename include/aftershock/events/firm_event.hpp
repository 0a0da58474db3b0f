#pragma once
// One row of an events file: a firm (ticker) and its event date, with optional per-row market,
// group and windows. Missing optional fields fall back to the command-line defaults.

#include <aftershock/calendar/date.hpp>
#include <aftershock/events/window.hpp>

#include <cstddef>
#include <optional>
#include <string>

namespace aftershock::events {

struct FirmEvent {
  std::string id;                       // unique within the file (row number when absent)
  std::string ticker;                   // exact text; ARC firm IDs keep trailing spaces
  calendar::Date date{};                // the requested event date
  std::string market;                   // empty = the command-line --market
  std::string group;                    // empty = no group (or --groups FILE decides)
  std::optional<Window> event_window;   // nullopt = --window
  std::optional<int> estimation_end;    // last estimation offset (< event window start)
  std::optional<int> estimation_length; // trading days in the estimation window
  std::size_t line = 0;                 // 1-based line in the events file
};

// The estimation window of `event`: [end - length + 1, end], each part falling back to
// `fallback` (whose last offset and length stand in for the missing parts).
Window estimation_window(const FirmEvent& event, const Window& fallback);

} // namespace aftershock::events
