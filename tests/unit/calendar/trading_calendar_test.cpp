#include <aftershock/calendar/trading_calendar.hpp>

#include <gtest/gtest.h>

namespace aftershock::calendar {
namespace {

using std::chrono::January;

Date jan(unsigned day) {
  return Date{std::chrono::year{2025} / January / std::chrono::day{day}};
}

// The NYSE days around the DeepSeek event; 2025-01-20 (MLK day) and the weekends are absent.
TradingCalendar deepseek_days() {
  return TradingCalendar({jan(16), jan(17), jan(21), jan(22), jan(23), jan(24), jan(27)});
}

TEST(trading_calendar_test, maps_weekend_event_by_policy) {
  const auto calendar = deepseek_days();
  EXPECT_EQ(calendar.locate(jan(25), NonTradingPolicy::next), 6U);     // Sat -> Mon 27
  EXPECT_EQ(calendar.locate(jan(25), NonTradingPolicy::previous), 5U); // Sat -> Fri 24
  EXPECT_FALSE(calendar.locate(jan(25), NonTradingPolicy::skip));
  EXPECT_EQ(calendar.locate(jan(20), NonTradingPolicy::next), 2U); // holiday -> Tue 21
  EXPECT_EQ(calendar.locate(jan(27), NonTradingPolicy::skip), 6U); // trading day unchanged
}

TEST(trading_calendar_test, refuses_dates_beyond_the_ends) {
  const auto calendar = deepseek_days();
  EXPECT_FALSE(calendar.locate(jan(28), NonTradingPolicy::next));
  EXPECT_FALSE(calendar.locate(jan(15), NonTradingPolicy::previous));
}

} // namespace
} // namespace aftershock::calendar
