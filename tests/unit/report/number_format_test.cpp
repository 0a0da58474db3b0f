// Number formatting: the expected strings follow from the documented rules (closed form).
#include <aftershock/report/number_format.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace aftershock::report {
namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();
constexpr double k_inf = std::numeric_limits<double>::infinity();

TEST(NumberFormat, Money) {
  EXPECT_EQ(format_money(-5.93e11), "-$593.0bn");
  EXPECT_EQ(format_money(-5.933e11), "-$593.3bn");
  EXPECT_EQ(format_money(3.41e12), "$3.41tn");
  EXPECT_EQ(format_money(-1.2e12), "-$1.20tn");
  EXPECT_EQ(format_money(1.25e9), "$1.2bn"); // 1.25 is exact in binary: round half to even
  EXPECT_EQ(format_money(1.2e7), "$12.0m");
  EXPECT_EQ(format_money(950.0), "$950");
  EXPECT_EQ(format_money(0.0), "$0");
  EXPECT_EQ(format_money(k_nan), "-");
  EXPECT_EQ(format_money(k_inf), "-");
}

TEST(NumberFormat, Percent) {
  EXPECT_EQ(format_percent(-0.16968), "-16.97%");
  EXPECT_EQ(format_percent(0.5, 1), "50.0%");
  EXPECT_EQ(format_percent(k_nan), "-");
}

TEST(NumberFormat, FixedAndPValues) {
  EXPECT_EQ(format_fixed(1.23456, 2), "1.23");
  EXPECT_EQ(format_fixed(k_nan, 2), "-");
  EXPECT_EQ(format_p_value(0.0412), ".041");
  EXPECT_EQ(format_p_value(0.0004), "<.001");
  EXPECT_EQ(format_p_value(1.0), "1.000");
  EXPECT_EQ(format_p_value(k_nan), "-");
}

TEST(NumberFormat, FullPrecisionRoundTrips) {
  EXPECT_EQ(format_full(0.1), "0.1");
  EXPECT_EQ(format_full(-0.16968), "-0.16968");
  EXPECT_EQ(format_full(24.49e9), "24490000000");
  const double third = 1.0 / 3.0;
  EXPECT_EQ(std::stod(format_full(third)), third);
  EXPECT_EQ(format_full(k_nan), "");
  EXPECT_EQ(format_full(-k_inf), "");
}

} // namespace
} // namespace aftershock::report
