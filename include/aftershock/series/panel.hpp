#pragma once
// The dates x tickers panel: prices aligned to one trading calendar, stored column-wise in
// contiguous arrays. NaN marks a missing price (the firm did not trade or was not listed).

#include <aftershock/calendar/trading_calendar.hpp>
#include <aftershock/series/price_series.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace aftershock::series {

struct PanelColumn {
  std::string ticker;
  std::vector<double> close;     // one entry per calendar date; NaN = missing
  std::vector<double> adj_close; // same length; all NaN when the source had no adj_close
  bool has_adj_close = false;    // true when every present close has an adj_close too
  std::string origin;
  std::size_t off_calendar_rows = 0; // source rows dated on non-trading days (not used)
  std::vector<calendar::Date> off_calendar_dates; // the first few of them, for messages
};

struct Panel {
  calendar::TradingCalendar calendar;
  std::vector<PanelColumn> columns;

  // The column of `ticker` (exact, case-sensitive match), or nullptr.
  [[nodiscard]] const PanelColumn* find(std::string_view ticker) const noexcept;
  [[nodiscard]] std::vector<std::string> tickers() const;
};

// Aligns `series` to `calendar`. Rows on dates the calendar does not have are counted in
// `off_calendar_rows` and left out; calendar dates a series lacks become NaN.
Panel align(calendar::TradingCalendar calendar, const std::vector<PriceSeries>& series);

} // namespace aftershock::series
