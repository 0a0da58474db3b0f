// Dollar-impact inference (Saha & Ferrell 2011; design/methods.md s.10).
#include <aftershock/impact/dollar_inference.hpp>

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

#include <cmath>
#include <limits>

namespace aftershock::impact {

namespace {
constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();
}

DollarInference dollar_interval(double change, double se, double df) {
  DollarInference out{se, k_nan, k_nan, k_nan};
  if (!std::isfinite(change) || !(se > 0.0) || !(df > 0.0))
    return out;
  const double q =
      std::isinf(df)
          ? boost::math::quantile(boost::math::normal_distribution<double>(), 0.975)
          : boost::math::quantile(boost::math::students_t_distribution<double>(df), 0.975);
  out.t = change / se;
  out.ci_low = change - q * se;
  out.ci_high = change + q * se;
  return out;
}

DollarInference firm_dollar_inference(const models::FittedModel& model,
                                      std::span<const Eigen::VectorXd> rows,
                                      std::span<const double> weights, double change) {
  if (rows.size() != weights.size() || rows.empty())
    return {k_nan, k_nan, k_nan, k_nan};
  double ww = 0.0;
  Eigen::VectorXd xw = Eigen::VectorXd::Zero(model.prediction_matrix.rows());
  for (std::size_t j = 0; j < rows.size(); ++j) {
    if (!std::isfinite(weights[j]))
      return {k_nan, k_nan, k_nan, k_nan};
    ww += weights[j] * weights[j];
    xw += weights[j] * rows[j];
  }
  // Var(w'AR) = s^2 (w'w + w'X* P X*'w) (Saha & Ferrell 2011; CLM 1997 s.4.4 for the AR
  // covariance s^2 (I + X* P X*')).
  const double variance = model.sigma * model.sigma * (ww + xw.dot(model.prediction_matrix * xw));
  return dollar_interval(change, std::sqrt(variance), static_cast<double>(model.df));
}

DollarInference portfolio_dollar_inference(std::span<const double> residuals, std::size_t n_days,
                                           std::span<const double> market_values, int window_length,
                                           double total_change) {
  const std::size_t n = market_values.size();
  if (n == 0 || residuals.size() != n_days * n)
    return {k_nan, k_nan, k_nan, k_nan};
  std::vector<double> d;
  for (std::size_t t = 0; t < n_days; ++t) {
    double sum = 0.0;
    bool complete = true;
    for (std::size_t i = 0; i < n && complete; ++i) {
      const double e = residuals[t * n + i];
      complete = std::isfinite(e) && std::isfinite(market_values[i]);
      sum += complete ? e * market_values[i] : 0.0;
    }
    if (complete)
      d.push_back(sum); // D_t = sum_i MV_i AR_it (methods.md s.10, portfolio approach)
  }
  if (d.size() < 3)
    return {k_nan, k_nan, k_nan, k_nan};
  double mean = 0.0;
  for (const double v : d)
    mean += v / static_cast<double>(d.size());
  double ss = 0.0;
  for (const double v : d)
    ss += (v - mean) * (v - mean);
  const double var_d = ss / static_cast<double>(d.size() - 1);
  return dollar_interval(total_change, std::sqrt(window_length * var_d),
                         static_cast<double>(d.size() - 1));
}

} // namespace aftershock::impact
