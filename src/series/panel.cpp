#include <aftershock/series/panel.hpp>

#include <cmath>
#include <limits>

namespace aftershock::series {

const PanelColumn* Panel::find(std::string_view ticker) const noexcept {
  for (const auto& column : columns)
    if (column.ticker == ticker)
      return &column;
  return nullptr;
}

std::vector<std::string> Panel::tickers() const {
  std::vector<std::string> names;
  names.reserve(columns.size());
  for (const auto& column : columns)
    names.push_back(column.ticker);
  return names;
}

Panel align(calendar::TradingCalendar calendar, const std::vector<PriceSeries>& series) {
  constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();
  constexpr std::size_t k_max_listed_dates = 5;
  Panel panel;
  panel.calendar = std::move(calendar);
  const auto n_dates = panel.calendar.size();
  panel.columns.reserve(series.size());
  for (const auto& s : series) {
    PanelColumn column;
    column.ticker = s.ticker;
    column.origin = s.origin;
    column.close.assign(n_dates, k_nan);
    column.adj_close.assign(n_dates, k_nan);
    bool all_adjusted = !s.adj_close.empty();
    for (std::size_t row = 0; row < s.dates.size(); ++row) {
      const auto index = panel.calendar.index_of(s.dates[row]);
      if (!index) {
        ++column.off_calendar_rows;
        if (column.off_calendar_dates.size() < k_max_listed_dates)
          column.off_calendar_dates.push_back(s.dates[row]);
        continue;
      }
      column.close[*index] = s.close[row];
      if (!s.adj_close.empty()) {
        column.adj_close[*index] = s.adj_close[row];
        if (std::isnan(s.adj_close[row]))
          all_adjusted = false;
      }
    }
    column.has_adj_close = all_adjusted;
    panel.columns.push_back(std::move(column));
  }
  return panel;
}

} // namespace aftershock::series
