#include <aftershock/calendar/trading_calendar.hpp>

#include <algorithm>
#include <cassert>

namespace aftershock::calendar {

TradingCalendar::TradingCalendar(std::vector<Date> dates) : m_dates(std::move(dates)) {
  assert(std::adjacent_find(m_dates.begin(), m_dates.end(), std::greater_equal<>()) ==
         m_dates.end());
}

std::optional<std::size_t> TradingCalendar::index_of(Date date) const noexcept {
  const auto it = std::lower_bound(m_dates.begin(), m_dates.end(), date);
  if (it == m_dates.end() || *it != date)
    return std::nullopt;
  return static_cast<std::size_t>(it - m_dates.begin());
}

std::optional<std::size_t> TradingCalendar::locate(Date date,
                                                   NonTradingPolicy policy) const noexcept {
  const auto it = std::lower_bound(m_dates.begin(), m_dates.end(), date);
  const auto index = static_cast<std::size_t>(it - m_dates.begin());
  if (it != m_dates.end() && *it == date)
    return index;
  switch (policy) {
  case NonTradingPolicy::next:
    // e.g. Saturday 2025-01-25 -> Monday 2025-01-27; nothing after the last date.
    if (it == m_dates.end() || it == m_dates.begin())
      return std::nullopt; // before the first date we cannot tell whether it traded
    return index;
  case NonTradingPolicy::previous:
    if (it == m_dates.begin() || it == m_dates.end())
      return std::nullopt;
    return index - 1;
  case NonTradingPolicy::skip:
    return std::nullopt;
  }
  return std::nullopt;
}

std::string_view policy_name(NonTradingPolicy policy) noexcept {
  switch (policy) {
  case NonTradingPolicy::next:
    return "next";
  case NonTradingPolicy::previous:
    return "previous";
  case NonTradingPolicy::skip:
    return "skip";
  }
  return "?";
}

std::optional<NonTradingPolicy> parse_policy_name(std::string_view name) noexcept {
  if (name == "next" || name == "later")
    return NonTradingPolicy::next;
  if (name == "previous" || name == "earlier")
    return NonTradingPolicy::previous;
  if (name == "skip")
    return NonTradingPolicy::skip;
  return std::nullopt;
}

} // namespace aftershock::calendar
