// Hand-built cases for BW1980, Lamb, CLM J1/J2, GRANK and the skewness-adjusted t.
#include <aftershock/stats/brown_warner_1980.hpp>
#include <aftershock/stats/car_tests.hpp>
#include <aftershock/stats/grank.hpp>
#include <aftershock/stats/lamb.hpp>
#include <aftershock/stats/skewness.hpp>

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <limits>
#include <numbers>
#include <vector>

namespace aftershock::stats {
namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

TEST(inference_test, brown_warner_1980_closed_form) {
  // Variances {1, 3}: sd(AAR) = sqrt(4) / 2 = 1 daily, sqrt(4 * 4) / 2 = 2 over 4 days.
  const std::array v{1.0, 3.0};
  const TestValue d = brown_warner_1980_t(0.5, 1, v, 10.0);
  EXPECT_NEAR(d.statistic, 0.5, 1e-15);
  EXPECT_EQ(d.df, 10.0);
  EXPECT_NEAR(brown_warner_1980_t(0.5, 4, v, 10.0).statistic, 0.25, 1e-15);
  EXPECT_TRUE(std::isnan(brown_warner_1980_t(0.5, 1, std::vector<double>{}, 10.0).statistic));
  const std::array zero{0.0, 0.0};
  EXPECT_TRUE(std::isnan(brown_warner_1980_t(0.5, 1, zero, 10.0).statistic));
}

TEST(inference_test, lamb_closed_form) {
  // AAR series {1,2,3,4}: S_AAR^2 = 5/3. Market {0,1,2,3}: mean 1.5, S_xx = 5. R_m = 2.5,
  // Mbar = 5: factor^2 = 1 + 0.2 + 1/5 = 1.4; z = 1 / sqrt(5/3 * 1.4) = sqrt(3/7).
  const std::array aar{1.0, 2.0, 3.0, 4.0};
  const std::array market{0.0, 1.0, 2.0, 3.0};
  EXPECT_NEAR(lamb_z(1.0, 2.5, aar, market, 5.0).statistic, std::sqrt(3.0 / 7.0), 1e-14);
  const std::array flat_market{1.0, 1.0, 1.0, 1.0};
  EXPECT_TRUE(std::isnan(lamb_z(1.0, 2.5, aar, flat_market, 5.0).statistic));
  // Window aggregation: (1 + 2 + 3 + 4) / sqrt(4) = 5.
  EXPECT_NEAR(sum_of_daily_statistics(aar).statistic, 5.0, 1e-15);
  EXPECT_TRUE(std::isnan(sum_of_daily_statistics(std::vector<double>{}).statistic));
}

TEST(inference_test, clm_j1_j2_closed_form) {
  // CARs {1, 2}, Var {1, 3}: CAAR 1.5, sigma(CAAR) = sqrt(4) / 2 = 1 -> J1 = 1.5.
  const std::array cars{1.0, 2.0};
  const std::array vars{1.0, 3.0};
  EXPECT_NEAR(clm_j1(cars, vars).statistic, 1.5, 1e-15);
  EXPECT_TRUE(std::isnan(clm_j1(cars, std::vector<double>{1.0}).statistic));
  // Equal M_i = L1 = 10 (d = 8): CLM's J2 = sqrt(N (L1 - 4)/(L1 - 2)) mean SCAR
  // = sqrt(2 * 6 / 8) * 1.5.
  const std::array df{8, 8};
  EXPECT_NEAR(clm_j2(cars, df).statistic, std::sqrt(1.5) * 1.5, 1e-14);
}

TEST(inference_test, grank_closed_form) {
  // 2 firms, L1 = 3, SCAR {1, 3}: sd = sqrt(2), SCAR* = {0.7071, 2.1213}.
  // GSAR A = {-1, 0.5, 1, 0.7071}: ranks 1 2 4 3; T_i = 4; U = r/5 - 1/2 = -.3 -.1 .3 .1
  // GSAR B = {0.2, -0.4, 3, 2.1213}: ranks 2 1 4 3;          U = -.1 -.3 .3 .1
  // Ubar = -.2 -.2 .3 .1 (N_t = N); S^2 = (.04 + .04 + .09 + .01) / 4 = .045;
  // Z = .1 / sqrt(.045) = sqrt(2)/3; T = 4, t = Z sqrt(2 / (3 - 2/9)) = 2/5, df 2.
  const std::vector<double> sar{-1.0, 0.2, 0.5, -0.4, 1.0, 3.0};
  const std::array scar{1.0, 3.0};
  const GrankResult g = grank(sar, 3, 2, scar, 0.0);
  EXPECT_NEAR(g.z.statistic, std::numbers::sqrt2 / 3.0, 1e-14);
  EXPECT_NEAR(g.t.statistic, 0.4, 1e-14);
  EXPECT_EQ(g.t.df, 2.0);
  // t(2) closed-form p: 1 - t / sqrt(2 + t^2).
  EXPECT_NEAR(g.t.p_value, 1.0 - 0.4 / std::sqrt(2.16), 1e-14);
  const std::array one_scar{1.0, k_nan};
  EXPECT_TRUE(std::isnan(grank(sar, 3, 2, one_scar, 0.0).z.statistic));
  EXPECT_TRUE(std::isnan(grank(sar, 2, 2, scar, 0.0).z.statistic)); // size mismatch
  EXPECT_TRUE(std::isnan(grank(sar, 3, 2, scar, k_nan).z.statistic));
  EXPECT_TRUE(std::isnan(grank(sar, 3, 2, scar, 1.0).z.statistic));
}

TEST(inference_test, grank_cross_correlation_rescales_scar_star) {
  // Same panel, rbar = 0.995: SCAR* = SCAR sqrt(1 - rbar) / sqrt(2) = {0.05, 0.15}.
  // GSAR A = {-1, 0.5, 1, 0.05}: ranks 1 3 4 2; U = -.3 .1 .3 -.1
  // GSAR B = {0.2, -0.4, 3, 0.15}: ranks 3 1 4 2; U = .1 -.3 .3 -.1
  // Ubar = -.1 -.1 .3 -.1; S^2 = .12 / 4 = .03; Z = -.1 / sqrt(.03) = -1/sqrt(3);
  // t = Z sqrt(2 / (3 - 1/3)) = -1/2.
  const std::vector<double> sar{-1.0, 0.2, 0.5, -0.4, 1.0, 3.0};
  const std::array scar{1.0, 3.0};
  const GrankResult g = grank(sar, 3, 2, scar, 0.995);
  EXPECT_NEAR(g.z.statistic, -1.0 / std::sqrt(3.0), 1e-14);
  EXPECT_NEAR(g.t.statistic, -0.5, 1e-14);
}

TEST(inference_test, skew_adjusted_t_closed_form) {
  // x = {0, 0, 3}: mean 1, deviations -1 -1 2, s^2 = 3, sum dev^3 = 6, S = 1/sqrt(3).
  // LBT gamma = 6 / (3 * 3 sqrt 3) = 2 / (3 sqrt 3):
  //   t = 1 + sqrt3 g/9 + g^2/81 + sqrt3 g/18 = 1 + 2/27 + 4/2187 + 1/27 = 2434/2187.
  // Bias-adjusted gamma = 3/(2*1) * 6/(3 sqrt 3) = sqrt 3:
  //   t = 1 + 1/3 + 1/27 + 1/6 = 83/54.
  const std::array x{0.0, 0.0, 3.0};
  const TestValue lbt = skew_adjusted_t(x, SkewnessEstimator::lyon_barber_tsai);
  EXPECT_NEAR(lbt.statistic, 2434.0 / 2187.0, 1e-14);
  // Reference t(N - 1) = t(2): closed-form two-sided p = 1 - t / sqrt(2 + t^2).
  EXPECT_EQ(lbt.df, 2.0);
  const double t = 2434.0 / 2187.0;
  EXPECT_NEAR(lbt.p_value, 1.0 - t / std::sqrt(2.0 + t * t), 1e-14);
  EXPECT_NEAR(skew_adjusted_t(x, SkewnessEstimator::bias_adjusted).statistic, 83.0 / 54.0, 1e-14);
  // Symmetric sample: gamma = 0, the ordinary t sqrt(3) * 2 / 1.
  const std::array sym{1.0, 2.0, 3.0};
  EXPECT_NEAR(skew_adjusted_t(sym, SkewnessEstimator::bias_adjusted).statistic,
              2.0 * std::sqrt(3.0), 1e-14);
  const std::array two{1.0, 2.0};
  EXPECT_TRUE(std::isnan(skew_adjusted_t(two, SkewnessEstimator::bias_adjusted).statistic));
  const std::array flat{1.0, 1.0, 1.0};
  EXPECT_TRUE(std::isnan(skew_adjusted_t(flat, SkewnessEstimator::lyon_barber_tsai).statistic));
}

} // namespace
} // namespace aftershock::stats
