#pragma once
// A trading calendar derived from the dates observed in the market series (not from a holiday
// table: ad-hoc closures such as the NYSE's 2025-01-09 happen). Windows are offsets on it.

#include <aftershock/calendar/date.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

namespace aftershock::calendar {

// How an event date that is not a trading day becomes day 0.
enum class NonTradingPolicy {
  next,     // first trading day after the date (ARC, eventstudy2 forward shift)
  previous, // last trading day before the date (xKDR eventstudies)
  skip,     // no day 0: the event is dropped with a reason
};

class TradingCalendar {
public:
  TradingCalendar() = default;
  // `dates` must be strictly increasing (asserted); the CSV layer reports duplicates first.
  explicit TradingCalendar(std::vector<Date> dates);

  [[nodiscard]] std::size_t size() const noexcept { return m_dates.size(); }
  [[nodiscard]] bool empty() const noexcept { return m_dates.empty(); }
  [[nodiscard]] Date at(std::size_t index) const { return m_dates.at(index); }
  [[nodiscard]] std::span<const Date> dates() const noexcept { return m_dates; }
  [[nodiscard]] Date front() const { return m_dates.front(); }
  [[nodiscard]] Date back() const { return m_dates.back(); }

  // Index of `date` when it is a trading day.
  [[nodiscard]] std::optional<std::size_t> index_of(Date date) const noexcept;

  // Index of the effective day 0 for an event requested on `date` under `policy`; nullopt when
  // the policy finds no trading day (skip on a non-trading day, or past either end).
  [[nodiscard]] std::optional<std::size_t> locate(Date date,
                                                  NonTradingPolicy policy) const noexcept;

private:
  std::vector<Date> m_dates;
};

std::string_view policy_name(NonTradingPolicy policy) noexcept;
std::optional<NonTradingPolicy> parse_policy_name(std::string_view name) noexcept;

} // namespace aftershock::calendar
