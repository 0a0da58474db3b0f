// Dollar-impact inference on hand cases with closed forms (Saha & Ferrell 2011; methods.md
// s.10). Quantiles: t(1) 97.5% = 12.706204736174707, t(3) 97.5% = 3.182446305284263 (standard
// tables, 16 digits from R qt()).
#include <aftershock/impact/dollar_inference.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace aftershock::impact {
namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

TEST(DollarInference, FirmVarianceHasEstimationErrorTerm) {
  // Market model on R_m = (0, 1, 2), R = (1, 2, 4): s^2 = SSE/(M-2) = 1/6, X'X = [[3,3],[3,5]],
  // P = [[5/6,-1/2],[-1/2,1/2]]. Window days with R_m = 1, 3 and weights MV = (10, 20):
  // w'w = 500, X*'w = (30, 70), (X*'w)'P(X*'w) = 750 - 2100 + 2450 = 1100,
  // Var(D) = (1/6)(1600) = 800/3.
  models::FittedModel model;
  model.sigma = std::sqrt(1.0 / 6.0);
  model.df = 1;
  model.prediction_matrix.resize(2, 2);
  model.prediction_matrix << 5.0 / 6.0, -0.5, -0.5, 0.5;
  const std::vector<Eigen::VectorXd> rows{Eigen::Vector2d(1.0, 1.0), Eigen::Vector2d(1.0, 3.0)};
  const std::vector<double> weights{10.0, 20.0};
  const auto r = firm_dollar_inference(model, rows, weights, 5.0);
  const double se = std::sqrt(800.0 / 3.0);
  EXPECT_NEAR(r.se, se, 1e-12);
  EXPECT_NEAR(r.t, 5.0 / se, 1e-12);
  EXPECT_NEAR(r.ci_low, 5.0 - 12.706204736174707 * se, 1e-9);
  EXPECT_NEAR(r.ci_high, 5.0 + 12.706204736174707 * se, 1e-9);
  const std::vector<double> missing{10.0, k_nan};
  EXPECT_TRUE(std::isnan(firm_dollar_inference(model, rows, missing, 5.0).se));
}

TEST(DollarInference, PortfolioUsesCompleteDaysAndWindowLength) {
  // Firms A, B with MV (2, 1); residuals by day (A, B): (1,0), (-1,1), (2,-1), (0,2), (NaN,5).
  // D_t = 2 A + B on the 4 complete days = (2, -1, 3, 2): mean 1.5, SS = 9, var = 3;
  // L = 3 gives SE = sqrt(9) = 3; interval from t(3).
  const std::vector<double> residuals{1, 0, -1, 1, 2, -1, 0, 2, k_nan, 5};
  const std::vector<double> mv{2.0, 1.0};
  const auto r = portfolio_dollar_inference(residuals, 5, mv, 3, -6.0);
  EXPECT_NEAR(r.se, 3.0, 1e-12);
  EXPECT_NEAR(r.t, -2.0, 1e-12);
  EXPECT_NEAR(r.ci_low, -6.0 - 3.182446305284263 * 3.0, 1e-9);
  EXPECT_NEAR(r.ci_high, -6.0 + 3.182446305284263 * 3.0, 1e-9);
  EXPECT_TRUE(std::isnan(portfolio_dollar_inference(residuals, 2, mv, 3, -6.0).se));
}

TEST(DollarInference, NormalIntervalForInfiniteDf) {
  const auto r = dollar_interval(1.0, 0.5, std::numeric_limits<double>::infinity());
  EXPECT_NEAR(r.ci_high, 1.0 + 1.959963984540054 * 0.5, 1e-12); // N(0,1) 97.5% quantile
}

} // namespace
} // namespace aftershock::impact
