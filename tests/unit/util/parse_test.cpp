#include <aftershock/util/parse.hpp>

#include <gtest/gtest.h>

#include <cmath>

namespace aftershock::util {
namespace {

TEST(parse_test, parses_plain_and_signed_numbers) {
  EXPECT_EQ(parse_double("142.62"), 142.62);
  EXPECT_EQ(parse_double(" +1e-3 "), 1e-3);
  EXPECT_EQ(parse_double("-0.5"), -0.5);
  EXPECT_EQ(parse_int("24490000000"), 24490000000LL);
}

TEST(parse_test, refuses_junk_and_overflow) {
  EXPECT_FALSE(parse_double("12,5x"));
  EXPECT_FALSE(parse_double(""));
  EXPECT_FALSE(parse_double("1e400")); // out of range: never silently inf
  EXPECT_FALSE(parse_int("99999999999999999999"));
  EXPECT_FALSE(parse_int("1.5"));
}

TEST(parse_test, quotes_control_characters) {
  EXPECT_EQ(quote_for_message("a\x1b[31mb"), "\"a\\x1b[31mb\"");
  EXPECT_EQ(quote_for_message("abcdef", 3), "\"abc...\"");
}

TEST(parse_test, splits_without_quoting) {
  const auto parts = split("a,,b", ',');
  ASSERT_EQ(parts.size(), 3U);
  EXPECT_EQ(parts[1], "");
}

} // namespace
} // namespace aftershock::util
