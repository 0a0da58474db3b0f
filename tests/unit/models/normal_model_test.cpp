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
#include <random>
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

// The closed form of the market and mean models (CLM 1997 eq. 4.4.5-4.4.7) against fit_ols'
// column-pivoting QR on the same usable days, on random returns with missing days of either
// series: the same numbers to 1e-13 (relative to each value's scale). (With a market mean many
// times its s.d. fit_ols' (X'X)^-1, an LDLT inverse of X'X, loses digits to the conditioning
// and the two part at ~1e-12; return data are far from that.)
TEST(NormalModel, ClosedFormEqualsQrOnRandomData) {
  std::mt19937_64 rng(20261129);
  std::normal_distribution<double> noise(0.0, 0.02);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  const auto near = [](double a, double b, const char* what) {
    EXPECT_NEAR(a, b, 1e-13 * std::max(1.0, std::fabs(b))) << what;
  };
  for (int trial = 0; trial < 200; ++trial) {
    const std::size_t n = 5 + static_cast<std::size_t>(unit(rng) * 300.0);
    std::vector<double> market(n);
    std::vector<double> firm(n);
    const double alpha = noise(rng) * 0.05;
    const double beta = 0.2 + 2.0 * unit(rng);
    for (std::size_t d = 0; d < n; ++d) {
      market[d] = noise(rng) + (trial % 3 == 0 ? 0.01 : 0.0); // some with a 1 % daily market mean
      firm[d] = alpha + beta * market[d] + noise(rng);
      if (unit(rng) < 0.1)
        firm[d] = k_nan;
      if (unit(rng) < 0.05)
        market[d] = k_nan;
    }
    std::vector<std::size_t> used;
    for (std::size_t d = 0; d < n; ++d)
      if (std::isfinite(firm[d]) && std::isfinite(market[d]))
        used.push_back(d);
    const auto m = static_cast<Eigen::Index>(used.size());
    if (m < 4)
      continue;
    Eigen::MatrixXd x(m, 2);
    Eigen::VectorXd y(m);
    for (Eigen::Index r = 0; r < m; ++r) {
      const auto d = used[static_cast<std::size_t>(r)];
      x(r, 0) = 1.0;
      x(r, 1) = market[d];
      y(r) = firm[d];
    }
    const EstimationData data{firm, market};
    for (const auto kind : {ModelKind::market, ModelKind::mean_adjusted}) {
      const bool is_market = kind == ModelKind::market;
      const Eigen::MatrixXd design = is_market ? x : Eigen::MatrixXd(x.leftCols(1));
      const auto qr = fit_ols(design, y, {}, VarianceDivisor::residual_df);
      const auto closed = fit_normal_model(kind, Convention::textbook, data);
      ASSERT_TRUE(qr.has_value());
      ASSERT_TRUE(closed.has_value());
      ASSERT_EQ(closed->coefficients.size(), design.cols());
      for (Eigen::Index j = 0; j < design.cols(); ++j) {
        near(closed->coefficients(j), qr->coefficients(j), "coefficient");
        near(closed->standard_errors(j), qr->standard_errors(j), "standard error");
        for (Eigen::Index k = 0; k < design.cols(); ++k)
          near(closed->prediction_matrix(j, k), qr->xtx_inverse(j, k), "(X'X)^-1");
      }
      near(closed->sigma, qr->sigma, "sigma");
      EXPECT_EQ(closed->df, qr->df);
      EXPECT_EQ(closed->n, qr->n);
      if (is_market)
        near(closed->r2, qr->r2, "r2");
      for (Eigen::Index r = 0; r < m; ++r)
        near(closed->residuals[used[static_cast<std::size_t>(r)]], qr->residuals(r), "residual");
      std::size_t missing = 0;
      for (const double e : closed->residuals)
        missing += std::isnan(e) ? 1U : 0U;
      EXPECT_EQ(missing, n - used.size());
    }
  }
}

// A constant market series is a singular design for the closed form as for the QR.
TEST(NormalModel, ClosedFormRefusesConstantMarket) {
  const std::vector<double> market(250, 0.1);
  std::vector<double> firm(250);
  for (std::size_t d = 0; d < firm.size(); ++d)
    firm[d] = 0.01 * static_cast<double>(d % 7) - 0.03;
  const auto fit = fit_normal_model(ModelKind::market, Convention::textbook, {firm, market});
  ASSERT_FALSE(fit.has_value());
  EXPECT_EQ(fit.error().failure, FitFailure::singular_design);
}

} // namespace
} // namespace aftershock::models
