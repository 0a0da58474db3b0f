#include "conventions.hpp"

#include <string>

namespace aftershock::study {

Conventions describe_conventions(const StudyConfig& config) {
  using models::Convention;
  using models::ModelKind;
  const bool estudy2 = config.convention == Convention::estudy2;
  Conventions c;
  c.convention = std::string(models::convention_name(config.convention));
  c.return_type = std::string(series::return_type_name(config.returns));
  c.gap_policy = std::string(series::gap_policy_name(config.gaps));
  c.price_basis =
      config.basis == series::PriceBasis::close ? "close" : "adj_close when complete, else close";
  switch (config.model) {
  case ModelKind::market:
    c.variance_divisor = estudy2 ? "M-1 (market model, estudy2)" : "M-2 (market model)";
    c.prediction_error = estudy2 ? "s^2(1 + 1/M + (Rm_t - Rbar_m)^2/S_xx), Rbar_m and S_xx over "
                                   "the whole estimation window (estudy2)"
                                 : "full: s^2(1 + x'(X'X)^-1 x)";
    c.car_variance = "s^2(L + 1'X*(X'X)^-1X*'1) (MacKinlay 1997)";
    break;
  case ModelKind::market_adjusted:
    c.variance_divisor = "M-1 (market-adjusted)";
    c.prediction_error = "none: s^2 (no estimated parameters)";
    c.car_variance = "L s^2";
    break;
  case ModelKind::mean_adjusted:
    c.variance_divisor = "M-1 (mean-adjusted)";
    c.prediction_error = "s^2(1 + 1/M)";
    c.car_variance = "s^2(L + L^2/M)";
    break;
  case ModelKind::capm:
    c.variance_divisor = "M-1 (CAPM: one slope, intercept restricted to 0)";
    c.prediction_error = "full: s^2(1 + x'(X'X)^-1 x), x = R_m - RF";
    c.car_variance = "s^2(L + 1'X*(X'X)^-1X*'1)";
    break;
  case ModelKind::ff3:
  case ModelKind::carhart:
  case ModelKind::ff5:
    c.variance_divisor = "M-k (k = intercept + factors)";
    c.prediction_error = "full: s^2(1 + x'(X'X)^-1 x), x = (1, factors)";
    c.car_variance = "s^2(L + 1'X*(X'X)^-1X*'1)";
    break;
  case ModelKind::dimson:
    c.variance_divisor = "M-(2K+2) (Dimson regression on K lags and leads)";
    c.prediction_error = "full: s^2(1 + x'(X'X)^-1 x), x = (1, R_m,t-K..R_m,t+K)";
    c.car_variance = "s^2(L + 1'X*(X'X)^-1X*'1)";
    break;
  case ModelKind::scholes_williams:
    c.variance_divisor = "M-2 (sum of squared Scholes-Williams residuals / (M-2))";
    c.prediction_error = "market-model form s^2(1 + x'(X'X)^-1 x), x = (1, R_m); the sampling "
                         "error of the SW beta is not modelled";
    c.car_variance = "s^2(L + 1'X*(X'X)^-1X*'1)";
    break;
  }
  if (config.variance.divisor == models::ResidualDivisor::population)
    c.variance_divisor = "M (population variance, ddof 0; --variance-divisor population); firm "
                         "CAR t p-values with df M-1 (Python eventstudy)";
  if (config.variance.prediction == models::PredictionError::none) {
    c.prediction_error = "none: Var(AR) = s^2 (--prediction-error none)";
    c.car_variance = "L s^2 (no prediction-error correction)";
  }
  if (estudy2 && config.model == ModelKind::market)
    c.market_mean_basis = "whole estimation window";
  else
    c.market_mean_basis = "firm's own estimation days";
  c.p_values = "two-sided";
  c.non_trading_policy = std::string(calendar::policy_name(config.policy));
  c.dollar_measure = config.returns == series::ReturnType::log
                         ? "sum_t AR_t MV_{t-1}, AR in simple form (exp(AR)-1)"
                         : "sum_t AR_t MV_{t-1}, AR in simple form";
  c.market_cap = "close(t1-1) x shares (split-adjusted close)";
  c.sign_counting = "positive = AR > 0 (zeros count as not positive)";
  c.gen_sign_p_hat = estudy2 ? "pooled: positive / all firm-days of the estimation window (estudy2)"
                             : "per firm: mean over firms of each firm's estimation share of AR > "
                               "0 (Cowan 1992)";
  c.rank_method = estudy2 ? "ranks per firm over estimation + event window; row sums = row mean x "
                            "N, variance over mean M_i' (estudy2 quirks Q1, Q2)"
                          : "ranks per firm over estimation + event window; sums over the firms "
                            "present, variance over the rows present (Corrado 1989)";
  c.grank_indexing = "T = L1 + 1 (CAR window squeezed to one day), U = rank/(T+1) - 1/2, "
                     "t(T-2)";
  c.grank_indexing += config.inference.grank == GrankAdjustment::kp
                          ? "; SCAR* = SCAR sqrt(1-rbar) / sd(SCAR) (KP cross-correlation "
                            "adjustment of the re-standardization)"
                          : "; SCAR* = SCAR / sd(SCAR), no cross-correlation adjustment";
  c.skewness_gamma = config.inference.skewness == stats::SkewnessEstimator::lyon_barber_tsai
                         ? "sum (x-xbar)^3 / (N s^3), s with divisor N-1 (Lyon, Barber & Tsai 1999)"
                         : "N/((N-1)(N-2)) sum (x-xbar)^3 / s^3 (bias-adjusted)";
  c.wilcoxon_method = "exact permutation distribution for N <= 50 (conditional on ties), normal "
                      "approximation without continuity correction above";
  c.bw1980_df = estudy2 ? "mean(M_i) - 1 (estudy2)" : "mean(M_i - k)";
  c.window_tests = "parametric tests on CAR_i and SCAR_i; sign, gen_sign, wilcoxon, skew_adj_t on "
                   "CAR_i; rank (Cowan 1992 multi-day), cz_rank, cz_sign = sum of daily "
                   "statistics / sqrt(L) on the panel estimation + window; lamb = sum of daily / "
                   "sqrt(L) (estudy2 car_lamb); GRANK on SCAR_i";
  c.bootstrap = "off";
  if (config.inference.bootstrap > 0)
    c.bootstrap = std::to_string(config.inference.bootstrap) + " replications, seed " +
                  std::to_string(config.inference.seed) +
                  ", calendar days of estimation residuals resampled jointly across firms";
  switch (config.inference.adjust) {
  case PAdjust::none:
    c.p_adjust = "none";
    break;
  case PAdjust::holm:
    c.p_adjust = "holm (across the tests of each day / window)";
    break;
  case PAdjust::bh:
    c.p_adjust = "bh (across the tests of each day / window)";
    break;
  }
  return c;
}

} // namespace aftershock::study
