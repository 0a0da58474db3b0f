#include <aftershock/calendar/date.hpp>

#include <gtest/gtest.h>

namespace aftershock::calendar {
namespace {

using std::chrono::January;

TEST(date_test, parses_every_layout) {
  const Date expected{std::chrono::year{2025} / January / 27};
  EXPECT_EQ(parse_date("2025-01-27", DateFormat::iso), expected);
  EXPECT_EQ(parse_date("20250127", DateFormat::yyyymmdd), expected);
  EXPECT_EQ(parse_date("01/27/2025", DateFormat::mdy_slash), expected);
  EXPECT_EQ(parse_date("27/01/2025", DateFormat::dmy_slash), expected);
  EXPECT_EQ(parse_date("27.01.2025", DateFormat::dmy_dot), expected);
}

TEST(date_test, refuses_impossible_dates) {
  EXPECT_FALSE(parse_iso_date("2025-13-01"));
  EXPECT_FALSE(parse_iso_date("2025-02-30"));
  EXPECT_FALSE(parse_iso_date("2025-1-27"));
  EXPECT_FALSE(parse_iso_date("0000-01-01"));
  EXPECT_TRUE(parse_iso_date("2024-02-29"));  // leap year
  EXPECT_FALSE(parse_iso_date("2023-02-29")); // not a leap year
}

TEST(date_test, formats_iso_and_weekday) {
  const Date date{std::chrono::year{2025} / January / 27};
  EXPECT_EQ(format_iso(date), "2025-01-27");
  EXPECT_EQ(iso_weekday(date), 1U); // 2025-01-27 was a Monday
}

} // namespace
} // namespace aftershock::calendar
