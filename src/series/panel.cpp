#include <aftershock/series/panel.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <mutex>
#include <utility>

namespace aftershock::series {

namespace detail {

// The tickers of a panel's columns, sorted (ties by column index, so the first of a repeated
// ticker comes first), for the `columns` buffer it was built from.
struct PanelLookup {
  struct Index {
    const PanelColumn* data = nullptr;
    std::size_t size = 0;
    std::vector<std::pair<std::string, std::uint32_t>> sorted;
  };
  std::mutex mutex;
  std::shared_ptr<const Index> index;
};

} // namespace detail

namespace {

const PanelColumn* scan(const std::vector<PanelColumn>& columns, std::string_view ticker) {
  for (const auto& column : columns)
    if (column.ticker == ticker)
      return &column;
  return nullptr;
}

std::shared_ptr<const detail::PanelLookup::Index>
build_index(const std::vector<PanelColumn>& columns) {
  auto index = std::make_shared<detail::PanelLookup::Index>();
  index->data = columns.data();
  index->size = columns.size();
  index->sorted.reserve(columns.size());
  for (std::size_t k = 0; k < columns.size(); ++k)
    index->sorted.emplace_back(columns[k].ticker, static_cast<std::uint32_t>(k));
  std::sort(index->sorted.begin(), index->sorted.end());
  return index;
}

} // namespace

Panel::Panel() : m_lookup(std::make_shared<detail::PanelLookup>()) {}
Panel::Panel(const Panel& other)
    : calendar(other.calendar), columns(other.columns),
      m_lookup(std::make_shared<detail::PanelLookup>()) {}
Panel& Panel::operator=(const Panel& other) {
  if (this != &other) {
    calendar = other.calendar;
    columns = other.columns;
    m_lookup = std::make_shared<detail::PanelLookup>();
  }
  return *this;
}
Panel::Panel(Panel&& other) noexcept = default;
Panel& Panel::operator=(Panel&& other) noexcept = default;
Panel::~Panel() = default;

const PanelColumn* Panel::find(std::string_view ticker) const {
  constexpr std::size_t k_scan_below = 16;
  if (m_lookup == nullptr || columns.size() < k_scan_below ||
      columns.size() > std::numeric_limits<std::uint32_t>::max())
    return scan(columns, ticker);
  std::shared_ptr<const detail::PanelLookup::Index> index;
  {
    const std::lock_guard lock(m_lookup->mutex);
    if (m_lookup->index == nullptr || m_lookup->index->data != columns.data() ||
        m_lookup->index->size != columns.size())
      m_lookup->index = build_index(columns);
    index = m_lookup->index;
  }
  const auto& sorted = index->sorted;
  const auto at = std::lower_bound(
      sorted.begin(), sorted.end(), ticker,
      [](const auto& entry, std::string_view t) { return std::string_view(entry.first) < t; });
  if (at != sorted.end() && at->first == ticker && columns[at->second].ticker == ticker)
    return &columns[at->second];
  return scan(columns, ticker); // not indexed, or a ticker renamed in place since
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
