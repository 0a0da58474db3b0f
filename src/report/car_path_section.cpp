#include "car_path_section.hpp"

#include <aftershock/calendar/date.hpp>
#include <aftershock/events/window.hpp>
#include <aftershock/report/number_format.hpp>
#include <aftershock/report/sparkline.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

#include "firm_label.hpp"

namespace aftershock::report {

namespace {

constexpr std::size_t k_max_characters = 60; // longer paths are sampled to fit a terminal

// Days per character: 1, or enough that the path fits k_max_characters.
std::size_t days_per_character(std::size_t days) {
  return days <= k_max_characters ? 1 : (days + k_max_characters - 1) / k_max_characters;
}

// " (2025-01-27)", or "" for a day without a calendar date (pooled firm-events).
std::string in_parentheses(const std::optional<calendar::Date>& date) {
  return date ? " (" + calendar::format_iso(*date) + ")" : std::string();
}

// Every `step`-th value, ending with the last (the CAR over the whole window).
std::vector<double> sampled(const std::vector<double>& path, std::size_t step) {
  if (step <= 1)
    return path;
  std::vector<double> out;
  for (std::size_t i = (path.size() - 1) % step; i < path.size(); i += step)
    out.push_back(path[i]);
  return out;
}

} // namespace

Section car_path_section(const study::EventResult& event, const TerminalStyle& style) {
  const auto window = events::format_window(event.event_window);
  Section s{"CAR path by firm over the event window " + window, {}, {}};
  set_firm_columns(s.table, event, {"CAR path", "Lowest", "Highest", "CAR " + window},
                   {Align::left});
  for (const auto& f : event.firms) {
    if (f.status != study::FirmStatus::ok || f.car_path.empty())
      continue;
    // Scale: the firm's own range widened to include 0, so the baseline is visible.
    double low = 0.0;
    double high = 0.0;
    bool any = false;
    for (const double v : f.car_path)
      if (std::isfinite(v)) {
        low = std::min(low, v);
        high = std::max(high, v);
        any = true;
      }
    const study::CarRow* whole = nullptr;
    for (const auto& c : f.cars)
      if (c.window == event.event_window)
        whole = &c;
    const double nan = std::nan("");
    s.table.rows.push_back(firm_row(
        event, f,
        {sparkline(sampled(f.car_path, days_per_character(f.car_path.size())), low, high,
                   style.glyphs),
         format_percent(any ? low : nan), format_percent(any ? high : nan),
         paint_significant(format_percent(whole ? whole->car : nan), whole ? whole->car : nan,
                           whole ? whole->p_value : nan, style.colour)}));
  }
  if (!event.aggregate.caar_path.empty()) {
    const auto& first = event.aggregate.caar_path.front();
    const auto& last = event.aggregate.caar_path.back();
    const auto step = days_per_character(event.aggregate.caar_path.size());
    s.notes.push_back(fmt::format(
        "One character per {} from day {}{} to day {}{}: the CAR from day {} to "
        "that day, scaled per firm from its lowest to its highest value (0 included); a blank "
        "is a day without a CAR yet.",
        step == 1 ? std::string("trading day") : fmt::format("{} trading days", step), first.offset,
        in_parentheses(first.date), last.offset, in_parentheses(last.date), first.offset));
  }
  return s;
}

} // namespace aftershock::report
