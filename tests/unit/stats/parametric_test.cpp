// Hand-built cases for the parametric tests; every expected number is derived in a comment.
#include <aftershock/stats/parametric.hpp>

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <limits>
#include <numbers>
#include <vector>

namespace aftershock::stats {
namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

TEST(parametric_test, cross_sectional_t_closed_form) {
  // x = {1, 2, 3}: mean 2, s^2 = (1 + 0 + 1) / 2 = 1, t = sqrt(3) * 2 / 1 = 2 sqrt(3), df 2.
  // p (df 2) = 1 - t / sqrt(2 + t^2) = 1 - sqrt(12 / 14).
  const std::array x{1.0, 2.0, 3.0};
  const TestValue v = cross_sectional_t(x);
  EXPECT_NEAR(v.statistic, 2.0 * std::sqrt(3.0), 1e-14);
  EXPECT_EQ(v.df, 2.0);
  EXPECT_NEAR(v.p_value, 1.0 - std::sqrt(12.0 / 14.0), 1e-14);
}

TEST(parametric_test, cross_sectional_t_undefined_cases) {
  EXPECT_TRUE(std::isnan(cross_sectional_t(std::vector<double>{}).statistic));
  const std::array one{0.7};
  EXPECT_TRUE(std::isnan(cross_sectional_t(one).statistic));
  EXPECT_TRUE(std::isnan(cross_sectional_t(one).p_value));
  const std::array flat{0.2, 0.2, 0.2};
  const TestValue v = cross_sectional_t(flat); // sd = 0
  EXPECT_TRUE(std::isnan(v.statistic));
  EXPECT_TRUE(std::isnan(v.p_value));
}

TEST(parametric_test, crude_dependence_closed_form) {
  // AAR series {1, 2, 3, 4}: mean 2.5, sum of squares 5, S_AAR = sqrt(5/3).
  // CAAR 2 over L = 4 days: t = 2 / (sqrt(4) sqrt(5/3)) = sqrt(3/5); df = M - 1 = 3.
  const std::array est{1.0, 2.0, 3.0, 4.0};
  const TestValue v = crude_dependence_t(2.0, 4, est);
  EXPECT_NEAR(v.statistic, std::sqrt(0.6), 1e-14);
  EXPECT_EQ(v.df, 3.0);
  // Daily form: AAR 0.5, L = 1: t = 0.5 / sqrt(5/3).
  EXPECT_NEAR(crude_dependence_t(0.5, 1, est).statistic, 0.5 / std::sqrt(5.0 / 3.0), 1e-14);
}

TEST(parametric_test, crude_dependence_undefined_cases) {
  const std::array one{1.0};
  EXPECT_TRUE(std::isnan(crude_dependence_t(1.0, 1, one).statistic));
  const std::array flat{0.1, 0.1, 0.1};
  EXPECT_TRUE(std::isnan(crude_dependence_t(1.0, 1, flat).statistic));
  const std::array est{1.0, 2.0, 3.0};
  EXPECT_TRUE(std::isnan(crude_dependence_t(1.0, 0, est).statistic));
  const std::array with_nan{1.0, k_nan, 3.0};
  EXPECT_TRUE(std::isnan(crude_dependence_t(1.0, 1, with_nan).statistic));
}

TEST(parametric_test, patell_closed_form) {
  // SAR {1, 2, -0.5}, d {4, 6, 12}: variances 4/2 + 6/4 + 12/10 = 4.7; Z = 2.5 / sqrt(4.7).
  // p = erfc(|Z| / sqrt 2).
  const std::array sar{1.0, 2.0, -0.5};
  const std::array df{4, 6, 12};
  const TestValue v = patell_z(sar, df);
  const double z = 2.5 / std::sqrt(4.7);
  EXPECT_NEAR(v.statistic, z, 1e-14);
  EXPECT_NEAR(v.p_value, std::erfc(z / std::numbers::sqrt2), 1e-14);
  EXPECT_TRUE(std::isnan(v.df));
}

TEST(parametric_test, patell_undefined_cases) {
  const std::array sar{1.0, 2.0};
  const std::array small_df{10, 2}; // d = 2: variance of t(2) is infinite
  EXPECT_TRUE(std::isnan(patell_z(sar, small_df).statistic));
  const std::array mismatched{10};
  EXPECT_TRUE(std::isnan(patell_z(sar, mismatched).statistic));
  EXPECT_TRUE(std::isnan(patell_z(std::vector<double>{}, std::vector<int>{}).statistic));
}

TEST(parametric_test, bmp_closed_form) {
  // SAR {0.5, 1.5, 2.5, 3.5}: mean 2, s^2 = 5/3, t = sqrt(4) * 2 / sqrt(5/3) = 4 sqrt(3/5).
  const std::array sar{0.5, 1.5, 2.5, 3.5};
  const TestValue v = bmp_t(sar);
  EXPECT_NEAR(v.statistic, 4.0 * std::sqrt(0.6), 1e-14);
  EXPECT_EQ(v.df, 3.0);
  const std::array one{1.0};
  EXPECT_TRUE(std::isnan(bmp_t(one).statistic));
  const std::array flat{1.0, 1.0};
  EXPECT_TRUE(std::isnan(bmp_t(flat).statistic));
}

TEST(parametric_test, kp_adjustments_closed_form) {
  // rbar 0.2, N 5: 1 + 4 * 0.2 = 1.8; BMP factor sqrt(0.8 / 1.8) = 2/3; Patell 1 / sqrt(1.8).
  const TestValue bmp{3.0, 0.01, 4.0};
  const TestValue adj = kp_adjusted_bmp(bmp, 0.2, 5);
  EXPECT_NEAR(adj.statistic, 2.0, 1e-14);
  EXPECT_EQ(adj.df, 4.0);
  // t(4) cdf closed form: F(t) = 1/2 + (3/8) (t / sqrt(1 + t^2/4)) (1 - t^2 / (12 (1 + t^2/4)));
  // at t = 2: F = 1/2 + (3/8) sqrt(2) (5/6), p = 2 (1 - F).
  EXPECT_NEAR(adj.p_value, 2.0 * (0.5 - 0.375 * std::numbers::sqrt2 * 5.0 / 6.0), 1e-14);
  const TestValue patell{3.0, 0.0027, k_nan};
  EXPECT_NEAR(kp_adjusted_patell(patell, 0.2, 5).statistic, 3.0 / std::sqrt(1.8), 1e-14);
  // rbar = 0 leaves the statistics unchanged.
  EXPECT_NEAR(kp_adjusted_bmp(bmp, 0.0, 5).statistic, 3.0, 1e-15);
  // 1 + (N - 1) rbar <= 0 is undefined.
  EXPECT_TRUE(std::isnan(kp_adjusted_patell(patell, -0.5, 5).statistic));
  EXPECT_TRUE(std::isnan(kp_adjusted_bmp(bmp, k_nan, 5).statistic));
}

TEST(parametric_test, mean_pairwise_correlation_closed_form) {
  // Columns a = 1..4, b = 2a (r_ab = 1), c = 5 - a (r_ac = r_bc = -1): mean (1 - 1 - 1)/3.
  const std::vector<double> m{1, 2, 4, //
                              2, 4, 3, //
                              3, 6, 2, //
                              4, 8, 1};
  EXPECT_NEAR(mean_pairwise_correlation(m, 4, 3), -1.0 / 3.0, 1e-14);
}

TEST(parametric_test, mean_pairwise_correlation_missing_data) {
  // Column c has only 2 days in common with a and b, so only the pair (a, b) counts: r = -1
  // (a = 1, 2, 3, 4 and b = 4, 3, 2, 1).
  const std::vector<double> m{1, 4, 5,     //
                              2, 3, k_nan, //
                              3, 2, 7,     //
                              4, 1, k_nan};
  EXPECT_NEAR(mean_pairwise_correlation(m, 4, 3), -1.0, 1e-14);
  // A pair with NaN on one day uses the other three: a = {1, 3, 4}, b = {2, 6, 8.5}.
  // Hand computation: mean a 8/3, mean b 5.5; da = {-5/3, 1/3, 4/3}, db = {-3.5, 0.5, 3}.
  // Sab = 35/6 + 1/6 + 4 = 10; Saa = 25/9 + 1/9 + 16/9 = 42/9; Sbb = 12.25 + 0.25 + 9 = 21.5.
  const std::vector<double> p{1, 2, 2, k_nan, 3, 6, 4, 8.5};
  EXPECT_NEAR(mean_pairwise_correlation(p, 4, 2), 10.0 / std::sqrt(42.0 / 9.0 * 21.5), 1e-14);
  EXPECT_TRUE(std::isnan(mean_pairwise_correlation(std::vector<double>{1, 2}, 1, 2)));
  EXPECT_TRUE(std::isnan(mean_pairwise_correlation(m, 3, 3))); // size mismatch
}

} // namespace
} // namespace aftershock::stats
