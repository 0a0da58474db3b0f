#pragma once
// Internal to study: the validated calendar positions of one event and the market returns.

#include <aftershock/events/window.hpp>
#include <aftershock/series/panel.hpp>
#include <aftershock/study/config.hpp>

#include <cstddef>
#include <vector>

namespace aftershock::study {

struct EventFrame {
  std::size_t day0 = 0;      // calendar index of the effective day 0
  std::size_t est_first = 0; // calendar indices of the estimation window ends
  std::size_t est_last = 0;
  std::size_t evt_first = 0; // calendar indices of the event window ends (evt_first >= 1)
  std::size_t evt_last = 0;
  std::vector<double> market_returns;      // one per calendar date, NaN = missing
  std::vector<events::Window> car_windows; // reported windows, the full event window last

  [[nodiscard]] std::size_t index(int offset) const noexcept {
    return static_cast<std::size_t>(static_cast<long long>(day0) + offset);
  }
};

// Validates `config` against `panel` and locates the event; throws aftershock::Error naming the
// offending value and the bound (market absent, event outside the data, windows overlapping or
// outside the calendar, a CAR window outside the event window).
EventFrame make_event_frame(const series::Panel& panel, const StudyConfig& config);

// make_event_frame without the market returns (market_returns stays empty): the calendar
// checks only, cheap enough for the batch pre-pass (batch_plan.hpp). Throws as make_event_frame.
EventFrame locate_event_frame(const series::Panel& panel, const StudyConfig& config);

} // namespace aftershock::study
