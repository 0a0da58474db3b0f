// Hand-computed dollar impact (design/methods.md s.10): MV = close x shares, raw change
// MV(t2) - MV(t1-1), DAR_t = AR_t x MV_{t-1}; every expected value is exact arithmetic.
#include <aftershock/impact/dollar_impact.hpp>
#include <aftershock/impact/dollar_totals.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace aftershock::impact {
namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

TEST(DollarImpact, TwoDayWindow) {
  const std::vector<double> close{100.0, 110.0, 99.0};
  const std::vector<double> ar{0.05, -0.02};
  const auto d = dollar_impact(close, 1, ar, 10.0);
  EXPECT_DOUBLE_EQ(d.market_cap_change, -10.0);     // 990 - 1000
  EXPECT_DOUBLE_EQ(d.abnormal_dollar_change, 28.0); // 0.05 x 1000 - 0.02 x 1100
  EXPECT_DOUBLE_EQ(d.normal_dollar_change, -38.0);  // -10 - 28
}

TEST(DollarImpact, MissingArIsLeftOutMissingCloseIsNaN) {
  const std::vector<double> close{100.0, 110.0, 99.0};
  const std::vector<double> ar{k_nan, -0.02};
  EXPECT_DOUBLE_EQ(dollar_impact(close, 1, ar, 10.0).abnormal_dollar_change, -22.0);
  const std::vector<double> gap{100.0, k_nan, 99.0};
  const std::vector<double> both{0.05, -0.02};
  const auto d = dollar_impact(gap, 1, both, 10.0);
  EXPECT_DOUBLE_EQ(d.market_cap_change, -10.0);
  EXPECT_TRUE(std::isnan(d.abnormal_dollar_change)); // MV before day 2 is unknown
}

TEST(DollarTotals, GrossAndValueWeighted) {
  const std::vector<FirmDollar> firms{{1000.0, -10.0, 28.0}, {3000.0, 50.0, -60.0}};
  const auto t = total_dollar_impact(firms);
  EXPECT_DOUBLE_EQ(t.market_cap_before, 4000.0);
  EXPECT_DOUBLE_EQ(t.market_cap_change, 40.0);
  EXPECT_DOUBLE_EQ(t.abnormal_dollar_change, -32.0);
  EXPECT_DOUBLE_EQ(t.normal_dollar_change, 72.0);
  EXPECT_DOUBLE_EQ(t.gross_abnormal_loss, -60.0);
  EXPECT_DOUBLE_EQ(t.gross_abnormal_gain, 28.0);
  EXPECT_DOUBLE_EQ(t.gross_market_cap_loss, -10.0);
  EXPECT_DOUBLE_EQ(t.gross_market_cap_gain, 50.0);
  EXPECT_DOUBLE_EQ(t.value_weighted_caar, -0.008); // -32 / 4000
  EXPECT_TRUE(std::isnan(total_dollar_impact({}).value_weighted_caar));
}

} // namespace
} // namespace aftershock::impact
