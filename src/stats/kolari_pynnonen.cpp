// T6 Kolari & Pynnonen (2010) cross-correlation adjustment of BMP and Patell and the mean
// pairwise residual correlation it needs (design/methods.md T6).
#include <aftershock/stats/distributions.hpp>
#include <aftershock/stats/parametric.hpp>

#include <cmath>

#include "sample_moments.hpp"

namespace aftershock::stats {
TestValue kp_adjusted_bmp(const TestValue& bmp, double rbar, int n) {
  // KP 2010 p. 4003: t_adj = t_BMP sqrt((1 - rbar) / (1 + (N - 1) rbar)); same df as BMP.
  const double denominator = 1.0 + static_cast<double>(n - 1) * rbar;
  if (n < 2 || std::isnan(rbar) || denominator <= 0.0 || rbar >= 1.0)
    return t_test_value(detail::k_nan, bmp.df);
  return t_test_value(bmp.statistic * std::sqrt((1.0 - rbar) / denominator), bmp.df);
}

TestValue kp_adjusted_patell(const TestValue& patell, double rbar, int n) {
  // KP 2010 eq. (13): Z_adj = Z / sqrt(1 + (N - 1) rbar); N(0,1).
  const double denominator = 1.0 + static_cast<double>(n - 1) * rbar;
  if (n < 1 || std::isnan(rbar) || denominator <= 0.0)
    return normal_test_value(detail::k_nan);
  return normal_test_value(patell.statistic / std::sqrt(denominator));
}

} // namespace aftershock::stats
