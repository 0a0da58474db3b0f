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
  return c;
}

} // namespace aftershock::study
