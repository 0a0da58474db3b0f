#pragma once
// The dates x tickers panel: prices aligned to one trading calendar, stored column-wise in
// contiguous arrays. NaN marks a missing price (the firm did not trade or was not listed).
// The arrays may be views into one block shared by all columns (see price_array.hpp).

#include <aftershock/calendar/trading_calendar.hpp>
#include <aftershock/series/price_array.hpp>
#include <aftershock/series/price_series.hpp>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace aftershock::series {

struct PanelColumn {
  std::string ticker;
  PriceArray close;           // one entry per calendar date; NaN = missing
  PriceArray adj_close;       // same length; all NaN when the source had no adj_close
  bool has_adj_close = false; // true when every present close has an adj_close too
  std::string origin;
  std::size_t off_calendar_rows = 0; // source rows dated on non-trading days (not used)
  std::vector<calendar::Date> off_calendar_dates; // the first few of them, for messages
};

namespace detail {
struct PanelLookup; // the ticker index behind Panel::find (panel.cpp)
}

struct Panel {
  calendar::TradingCalendar calendar;
  std::vector<PanelColumn> columns;

  // The column of `ticker` (exact, case-sensitive match; the first one if repeated), or
  // nullptr. O(log n): a sorted index of the tickers is built on first use (thread-safe) and
  // rebuilt when `columns` was reallocated or resized; a hit is checked against the column,
  // a miss is confirmed by a scan.
  [[nodiscard]] const PanelColumn* find(std::string_view ticker) const;
  [[nodiscard]] std::vector<std::string> tickers() const;

  Panel();
  Panel(const Panel& other);
  Panel& operator=(const Panel& other);
  Panel(Panel&& other) noexcept;
  Panel& operator=(Panel&& other) noexcept;
  ~Panel();

private:
  std::shared_ptr<detail::PanelLookup> m_lookup; // this object's own, never shared by copies
};

// Aligns `series` to `calendar`. Rows on dates the calendar does not have are counted in
// `off_calendar_rows` and left out; calendar dates a series lacks become NaN.
Panel align(calendar::TradingCalendar calendar, const std::vector<PriceSeries>& series);

} // namespace aftershock::series
