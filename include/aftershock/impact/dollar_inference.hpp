#pragma once
// Standard errors and 95% confidence intervals of abnormal dollar changes (Saha & Ferrell
// 2011, "Event Study Analysis: Correctly Measuring the Dollar Impact of an Event";
// design/methods.md s.10).

#include <aftershock/models/normal_model.hpp>

#include <Eigen/Dense>

#include <cstddef>
#include <span>

namespace aftershock::impact {

struct DollarInference {
  double se = 0.0;      // standard error of the abnormal dollar change; NaN when undefined
  double t = 0.0;       // change / se
  double ci_low = 0.0;  // 95% interval: change -/+ q se
  double ci_high = 0.0; // (q from t(df), or N(0,1) for df = +infinity)
};

// One firm, one window: D = sum_t w_t AR_t with w_t = MV_{t-1} over the days with an AR
// (`rows` their design rows x_t, `weights` the w_t, same length). Since AR = e - X*(b - beta),
// Var(D) = s^2 ( w'w + (X*'w)' P (X*'w) ) with P the model's prediction matrix ((X'X)^-1): the
// s^2 sum MV^2 term of Saha & Ferrell plus the estimation-error term. For log returns the
// weights apply to the log AR (first-order approximation of exp(AR) - 1). `change` is D.
// df = the model's residual df. NaN when a weight is NaN or the sizes differ.
DollarInference firm_dollar_inference(const models::FittedModel& model,
                                      std::span<const Eigen::VectorXd> rows,
                                      std::span<const double> weights, double change);

// Portfolio (all firms, same event date): Var(total) = L x var(D_t), D_t = sum_i MV_i AR_it
// over the estimation days on which every firm has a residual (`residuals` days x firms,
// row-major, NaN = missing; `market_values` MV_i,t1-1), var with divisor (days - 1); the
// cross-firm covariance of dollar ARs is kept, estimation error of the models is not.
// Interval from t(days - 1). NaN with fewer than 3 complete days or no firm.
DollarInference portfolio_dollar_inference(std::span<const double> residuals, std::size_t n_days,
                                           std::span<const double> market_values, int window_length,
                                           double total_change);

// change -/+ q se with q the 97.5% quantile of t(df) (df = +infinity: N(0,1)); t = change/se.
DollarInference dollar_interval(double change, double se, double df);

} // namespace aftershock::impact
