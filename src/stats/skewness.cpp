// T7 Hall (1992) transformed skewness-adjusted t.
#include <aftershock/stats/distributions.hpp>
#include <aftershock/stats/skewness.hpp>

#include <cmath>

#include "sample_moments.hpp"

namespace aftershock::stats {

TestValue skew_adjusted_t(std::span<const double> x, SkewnessEstimator estimator) {
  const std::size_t min_n = estimator == SkewnessEstimator::bias_adjusted ? 3 : 2;
  if (x.size() < min_n)
    return t_test_value(detail::k_nan, detail::k_nan);
  const double n = static_cast<double>(x.size());
  const double df = n - 1.0; // reference t(N - 1): see skewness.hpp
  const double s = detail::sample_sd(x);
  if (std::isnan(s) || s == 0.0)
    return t_test_value(detail::k_nan, df);
  const double xbar = detail::mean(x);
  double m3 = 0.0;
  for (const double v : x)
    m3 += (v - xbar) * (v - xbar) * (v - xbar);
  const double gamma = estimator == SkewnessEstimator::lyon_barber_tsai
                           ? m3 / (n * s * s * s)
                           : n / ((n - 1.0) * (n - 2.0)) * m3 / (s * s * s);
  const double ratio = xbar / s;
  // Hall (1992) transformation as written in design/methods.md T7 (the Johnson / LBT 1999
  // statistic plus Hall's cubic term gamma^2 S^3 / 27 that makes it monotone in S).
  const double t =
      std::sqrt(n) * (ratio + gamma * ratio * ratio / 3.0 +
                      gamma * gamma * ratio * ratio * ratio / 27.0 + gamma / (6.0 * n));
  return t_test_value(t, df);
}

} // namespace aftershock::stats
