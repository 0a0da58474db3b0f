// Closed-form checks of the normal-return models on hand cases small enough to solve on paper.
// Market model, M = 3: R_m = (0, 1, 2), R_i = (1, 2, 4): Rbar_m = 1, S_xx = 2, S_xy = 3, so
// beta = 3/2, alpha = 7/3 - 3/2 = 5/6; residuals (1/6, -1/3, 1/6), SSE = 1/6, SST = 14/3.
// Variances (Campbell, Lo & MacKinlay 1997, s.4.4) in the market-model form of design/methods.md
// s.4: Var(AR_t) = s^2 (1 + 1/M + (R_mt - Rbar_m)^2 / S_xx),
// Var(CAR) = s^2 (L + L^2/M + (sum_t (R_mt - Rbar_m))^2 / S_xx). All values exact fractions.
#include <aftershock/models/normal_model.hpp>
#include <aftershock/models/ols.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace aftershock::models {
namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();
constexpr double k_tol = 1e-13;

const std::vector<double> k_market{0.0, 1.0, 2.0};
const std::vector<double> k_firm{1.0, 2.0, 4.0};

TEST(Ols, ThreeDayHandCase) {
  Eigen::MatrixXd x(3, 2);
  x << 1, 0, 1, 1, 1, 2;
  Eigen::VectorXd y(3);
  y << 1, 2, 4;
  const auto fit = fit_ols(x, y, {"alpha", "beta"}, VarianceDivisor::residual_df);
  ASSERT_TRUE(fit.has_value());
  EXPECT_NEAR(fit->coefficients(0), 5.0 / 6.0, k_tol);
  EXPECT_NEAR(fit->coefficients(1), 1.5, k_tol);
  EXPECT_NEAR(fit->sse, 1.0 / 6.0, k_tol);
  EXPECT_EQ(fit->df, 1);
  EXPECT_NEAR(fit->sigma, std::sqrt(1.0 / 6.0), k_tol);
  EXPECT_NEAR(fit->r2, 27.0 / 28.0, k_tol); // 1 - (1/6)/(14/3)
  // SE(beta) = sqrt(s^2 / S_xx); SE(alpha) = sqrt(s^2 (1/M + Rbar^2/S_xx)).
  EXPECT_NEAR(fit->standard_errors(1), std::sqrt(1.0 / 12.0), k_tol);
  EXPECT_NEAR(fit->standard_errors(0), std::sqrt(5.0 / 36.0), k_tol);
  // (X'X)^-1 = [[5/6, -1/2], [-1/2, 1/2]] (X'X = [[3, 3], [3, 5]], det 6).
  EXPECT_NEAR(fit->xtx_inverse(0, 0), 5.0 / 6.0, k_tol);
  EXPECT_NEAR(fit->xtx_inverse(0, 1), -0.5, k_tol);
  EXPECT_NEAR(fit->xtx_inverse(1, 1), 0.5, k_tol);
}

TEST(Ols, RefusesRankDeficientAndShortDesigns) {
  Eigen::MatrixXd x(3, 2);
  x << 1, 2, 1, 2, 1, 2; // constant regressor
  Eigen::VectorXd y(3);
  y << 1, 2, 4;
  EXPECT_FALSE(fit_ols(x, y, {"a", "b"}, VarianceDivisor::residual_df).has_value());
  EXPECT_FALSE(fit_ols(x.topRows(2), y.head(2), {"a", "b"}, VarianceDivisor::residual_df));
}

TEST(MarketModel, TextbookVariancesOfArAndCar) {
  const auto model = fit_normal_model(ModelKind::market, Convention::textbook,
                                      {std::span<const double>(k_firm), k_market});
  ASSERT_TRUE(model.has_value());
  EXPECT_EQ(model->n, 3);
  EXPECT_EQ(model->df, 1);
  EXPECT_NEAR(model->expected_return(3.0), 5.0 / 6.0 + 4.5, k_tol);
  // s^2 = 1/6; at R_m = 3: 1/6 (1 + 1/3 + 4/2) = 5/9.
  EXPECT_NEAR(model->ar_variance(3.0), 5.0 / 9.0, k_tol);
  // Days R_m = (3, 1): L = 2, sum of deviations 2: 1/6 (2 + 4/3 + 4/2) = 8/9.
  const std::vector<double> event_market{3.0, 1.0};
  EXPECT_NEAR(model->car_variance(event_market), 8.0 / 9.0, k_tol);
  ASSERT_EQ(model->residuals.size(), 3U);
  EXPECT_NEAR(model->residuals[1], -1.0 / 3.0, k_tol);
}

TEST(MarketModel, Estudy2UsesDivisorMMinus1AndWholeWindowMarketTerms) {
  // A fourth estimation day where only the market trades: R_m = (0, 1, 2, 5).
  const std::vector<double> market{0.0, 1.0, 2.0, 5.0};
  const std::vector<double> firm{1.0, 2.0, 4.0, k_nan};
  const auto model = fit_normal_model(ModelKind::market, Convention::estudy2,
                                      {std::span<const double>(firm), market});
  ASSERT_TRUE(model.has_value());
  EXPECT_EQ(model->n, 3);
  EXPECT_NEAR(model->coefficients(1), 1.5, k_tol);         // same OLS fit on the firm's days
  EXPECT_NEAR(model->sigma, std::sqrt(1.0 / 12.0), k_tol); // SSE / (M - 1)
  // Rbar_m,all = 2, S_xx,all = 14: at R_m = 3, 1/12 (1 + 1/3 + 1/14) = 59/504.
  EXPECT_NEAR(model->ar_variance(3.0), 59.0 / 504.0, k_tol);
  EXPECT_TRUE(std::isnan(model->residuals[3]));
}

TEST(MeanAdjusted, DivisorMMinus1AndFactorOnePlusOneOverM) {
  const auto model = fit_normal_model(ModelKind::mean_adjusted, Convention::textbook,
                                      {std::span<const double>(k_firm), k_market});
  ASSERT_TRUE(model.has_value());
  EXPECT_NEAR(model->expected_return(123.0), 7.0 / 3.0, k_tol);
  EXPECT_NEAR(model->sigma * model->sigma, 7.0 / 3.0, k_tol); // (14/3) / 2
  EXPECT_NEAR(model->ar_variance(0.0), 28.0 / 9.0, k_tol);    // 7/3 (1 + 1/3)
  const std::vector<double> two_days{0.0, 0.0};
  EXPECT_NEAR(model->car_variance(two_days), 70.0 / 9.0, k_tol); // 7/3 (2 + 4/3)
  EXPECT_EQ(model->df, 2);
}

TEST(MarketAdjusted, ResidualVarianceOfFirmMinusMarket) {
  // R_i - R_m = (1, 1, 2): mean 4/3, sum of squares 2/3, s^2 = 1/3 (divisor M - 1).
  const auto model = fit_normal_model(ModelKind::market_adjusted, Convention::textbook,
                                      {std::span<const double>(k_firm), k_market});
  ASSERT_TRUE(model.has_value());
  EXPECT_NEAR(model->expected_return(0.25), 0.25, k_tol);
  EXPECT_NEAR(model->ar_variance(0.25), 1.0 / 3.0, k_tol);
  const std::vector<double> two_days{0.1, 0.2};
  EXPECT_NEAR(model->car_variance(two_days), 2.0 / 3.0, k_tol);
  EXPECT_EQ(model->df, 2);
  EXPECT_TRUE(std::isnan(model->standard_errors(1)));
  EXPECT_TRUE(std::isnan(model->r2));
}

TEST(NormalModel, FailuresAreValues) {
  const std::vector<double> zeros{0.0, 0.0, 0.0, 0.0};
  const std::vector<double> market{0.01, -0.02, 0.03, 0.0};
  const auto flat = fit_normal_model(ModelKind::market, Convention::textbook,
                                     {std::span<const double>(zeros), market});
  ASSERT_FALSE(flat.has_value());
  EXPECT_EQ(flat.error().failure, FitFailure::constant_returns);

  const std::vector<double> constant_market{0.01, 0.01, 0.01, 0.01};
  const auto singular = fit_normal_model(ModelKind::market, Convention::textbook,
                                         {std::span<const double>(market), constant_market});
  ASSERT_FALSE(singular.has_value());
  EXPECT_EQ(singular.error().failure, FitFailure::singular_design);

  const std::vector<double> two{0.01, 0.02, k_nan, k_nan};
  const auto short_fit = fit_normal_model(ModelKind::market, Convention::textbook,
                                          {std::span<const double>(two), market});
  ASSERT_FALSE(short_fit.has_value());
  EXPECT_EQ(short_fit.error().failure, FitFailure::too_few_returns);
  EXPECT_EQ(usable_days({std::span<const double>(two), market}), 2);
}

} // namespace
} // namespace aftershock::models
