// T6 Kolari & Pynnonen (2010) cross-correlation adjustment of BMP and Patell and the mean
// pairwise residual correlation it needs (design/methods.md T6).
#include <aftershock/stats/distributions.hpp>
#include <aftershock/stats/parametric.hpp>

#include <cmath>

#include "sample_moments.hpp"

namespace aftershock::stats {
namespace {

// Pearson correlation of columns a and b over the rows where both are present; NaN when fewer
// than 3 such rows or either column is constant on them.
double pair_correlation(std::span<const double> residuals, std::size_t n_days, std::size_t n_firms,
                        std::size_t a, std::size_t b) noexcept {
  double sum_a = 0.0;
  double sum_b = 0.0;
  std::size_t n = 0;
  for (std::size_t t = 0; t < n_days; ++t) {
    const double x = residuals[t * n_firms + a];
    const double y = residuals[t * n_firms + b];
    if (std::isnan(x) || std::isnan(y))
      continue;
    sum_a += x;
    sum_b += y;
    ++n;
  }
  if (n < 3)
    return detail::k_nan;
  const double mean_a = sum_a / static_cast<double>(n);
  const double mean_b = sum_b / static_cast<double>(n);
  double sab = 0.0;
  double saa = 0.0;
  double sbb = 0.0;
  for (std::size_t t = 0; t < n_days; ++t) {
    const double x = residuals[t * n_firms + a];
    const double y = residuals[t * n_firms + b];
    if (std::isnan(x) || std::isnan(y))
      continue;
    sab += (x - mean_a) * (y - mean_b);
    saa += (x - mean_a) * (x - mean_a);
    sbb += (y - mean_b) * (y - mean_b);
  }
  if (saa == 0.0 || sbb == 0.0)
    return detail::k_nan;
  return sab / std::sqrt(saa * sbb);
}

} // namespace

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

double mean_pairwise_correlation(std::span<const double> residuals, std::size_t n_days,
                                 std::size_t n_firms) {
  // Mean of the strictly lower triangle of the correlation matrix (KP 2010, design/methods.md T6:
  // the diagonal of ones is excluded).
  if (residuals.size() != n_days * n_firms)
    return detail::k_nan;
  double sum = 0.0;
  std::size_t pairs = 0;
  for (std::size_t a = 0; a < n_firms; ++a) {
    for (std::size_t b = a + 1; b < n_firms; ++b) {
      const double r = pair_correlation(residuals, n_days, n_firms, a, b);
      if (std::isnan(r))
        continue;
      sum += r;
      ++pairs;
    }
  }
  return pairs == 0 ? detail::k_nan : sum / static_cast<double>(pairs);
}

} // namespace aftershock::stats
