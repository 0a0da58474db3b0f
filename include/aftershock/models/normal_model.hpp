#pragma once
// A fitted normal-return model for one firm-event: expected returns on event days and the
// prediction-error corrected variances of AR and CAR (design/methods.md s.3-4).

#include <aftershock/models/model_kind.hpp>
#include <aftershock/util/result.hpp>

#include <Eigen/Dense>

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace aftershock::models {

// The estimation-window returns of one firm and of the market, one entry per estimation day
// of the calendar (same length; NaN = missing). A day is used when both are present.
struct EstimationData {
  std::span<const double> firm;
  std::span<const double> market;
};

struct FittedModel {
  ModelKind kind = ModelKind::market;
  Convention convention = Convention::textbook;
  std::vector<std::string> names;  // coefficient names: "alpha","beta" / "mean" / fixed a, b
  Eigen::VectorXd coefficients;    // market-adjusted: (0, 1), fixed
  Eigen::VectorXd standard_errors; // NaN for fixed coefficients
  double sigma = 0.0;              // residual s.d. (divisor by model and convention)
  double r2 = 0.0;                 // NaN where undefined (market-adjusted)
  int n = 0;                       // M: estimation days used
  int df = 0;                      // residual df: M - k (market-adjusted: M - 1)
  // P with Var(AR_t) = s^2 (1 + x_t' P x_t): (X'X)^-1 (textbook), the whole-window form of
  // estudy2, or 0 when nothing is estimated (market-adjusted).
  Eigen::MatrixXd prediction_matrix;
  std::vector<double> residuals; // estimation-window AR, one per estimation day, NaN = unused

  // The regressor row x_t of a day with market return `market_return`.
  [[nodiscard]] Eigen::VectorXd regressors(double market_return) const;
  // E[R_t]; NaN when the market return is NaN and the model needs it.
  [[nodiscard]] double expected_return(double market_return) const;
  // Var(AR_t) = s^2 (1 + x_t' P x_t) (Patell 1976; Campbell, Lo & MacKinlay 1997, s.4.4).
  [[nodiscard]] double ar_variance(double market_return) const;
  // Var(CAR) = s^2 (L + 1'X* P X*'1) over the given event days (Campbell, Lo & MacKinlay 1997,
  // s.4.4; MacKinlay 1997; methods.md s.4); L = number of entries.
  [[nodiscard]] double car_variance(std::span<const double> market_returns) const;

  // The same three quantities for a general design row x_t (design_model.hpp): E[R_t] =
  // offset_t + b'x_t; Var(AR_t) = s^2 (1 + x_t' P x_t); Var(CAR) = s^2 (L + (sum x)' P (sum x)).
  [[nodiscard]] double expected_return_at(const Eigen::VectorXd& x, double offset) const;
  [[nodiscard]] double ar_variance_at(const Eigen::VectorXd& x) const;
  [[nodiscard]] double car_variance_of(std::span<const Eigen::VectorXd> rows) const;
  // car_variance_of with the rows already summed: `total` = sum of the L = `length` rows x_t
  // (added in day order from zero, so the result equals car_variance_of's bit for bit).
  [[nodiscard]] double car_variance_of_sum(const Eigen::VectorXd& total, std::size_t length) const;
};

enum class FitFailure {
  too_few_returns,  // fewer usable days than parameters + 1
  constant_returns, // zero residual variance
  singular_design,  // X'X not invertible (e.g. constant market returns)
};

struct FitError {
  FitFailure failure = FitFailure::too_few_returns;
  std::string reason;
};

// Number of estimation days with both a firm and a market return.
int usable_days(const EstimationData& data) noexcept;

// Fits `kind` under `convention` (design/methods.md s.3, s.5):
// - market: OLS of R_i on (1, R_m) over the usable days; s^2 = SSE/(M-2) (textbook) or
//   SSE/(M-1) (estudy2); P = (X'X)^-1 (textbook) or, for estudy2, the same quadratic form with
//   the market mean and S_xx over every estimation day with a market return:
//   x'Px = 1/M + (R_m - Rbar_m,all)^2 / S_xx,all.
// - market_adjusted: AR = R_i - R_m; s^2 = sample variance of the estimation AR (M-1); P = 0.
// - mean_adjusted: E[R] = mean R_i; s^2 divisor M-1; P = 1/M.
// The market and mean models are fitted in closed form (CLM 1997 eq. 4.4.5-4.4.7, centred
// sums); fit_ols on X = [1, R_m] / [1] gives the same numbers to rounding.
util::Result<FittedModel, FitError> fit_normal_model(ModelKind kind, Convention convention,
                                                     const EstimationData& data);

} // namespace aftershock::models
