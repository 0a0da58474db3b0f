#pragma once
// Everything one study run needs to know, passed by reference (no global settings).

#include <aftershock/calendar/trading_calendar.hpp>
#include <aftershock/events/window.hpp>
#include <aftershock/models/model_kind.hpp>
#include <aftershock/series/returns.hpp>

#include <string>
#include <vector>

namespace aftershock::study {

struct StudyConfig {
  std::string event_id = "event"; // id of the event in the result
  calendar::Date event_date{};    // the requested event date
  calendar::NonTradingPolicy policy = calendar::NonTradingPolicy::next;
  std::string market;                      // market ticker in the panel, e.g. "SPY"
  std::vector<std::string> tickers;        // firms, in report order
  events::Window estimation{-260, -11};    // trading-day offsets, inclusive (250 days)
  events::Window event_window{-5, 5};      // inclusive
  std::vector<events::Window> car_windows; // reported CAR windows; the full event window is
                                           // always reported too (appended if absent)
  models::ModelKind model = models::ModelKind::market;
  series::ReturnType returns = series::ReturnType::simple;
  series::GapPolicy gaps = series::GapPolicy::missing;
  series::PriceBasis basis = series::PriceBasis::adjusted_if_present;
  models::Convention convention = models::Convention::textbook;
  int min_estimation = 100; // minimum non-missing estimation returns M
};

// The CAR windows reported by default: 0:0 and -1:1 (the full event window is added by the
// engine).
std::vector<events::Window> default_car_windows();

} // namespace aftershock::study
