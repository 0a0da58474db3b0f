// T2 Brown & Warner (1980) t under independence.
#include <aftershock/stats/brown_warner_1980.hpp>
#include <aftershock/stats/distributions.hpp>

#include <cmath>
#include <limits>

namespace aftershock::stats {

TestValue brown_warner_1980_t(double aar_sum, int window_length,
                              std::span<const double> estimation_variances, double df) {
  constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();
  if (estimation_variances.empty() || window_length < 1)
    return t_test_value(k_nan, df);
  double sum = 0.0;
  for (const double v : estimation_variances)
    sum += v;
  if (std::isnan(sum) || sum <= 0.0)
    return t_test_value(k_nan, df);
  // Var(AAR) = sum_i s_i^2 / N^2 under independence (Brown & Warner 1980; methods.md T2).
  const double n = static_cast<double>(estimation_variances.size());
  const double sd = std::sqrt(static_cast<double>(window_length) * sum) / n;
  return t_test_value(aar_sum / sd, df);
}

} // namespace aftershock::stats
