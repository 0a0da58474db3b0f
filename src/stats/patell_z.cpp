// T4 Patell (1976) standardized residual test (Patell 1976, J. Accounting Research 14;
// design/methods.md T4).
#include <aftershock/stats/distributions.hpp>
#include <aftershock/stats/parametric.hpp>

#include <cmath>

#include "sample_moments.hpp"

namespace aftershock::stats {

TestValue patell_z(std::span<const double> standardized, std::span<const int> residual_df) {
  // Z = sum_i SAR_i / sqrt(sum_i d_i / (d_i - 2)); d_i/(d_i - 2) is the variance of a Student t
  // variable with d_i df (Patell 1976); N(0,1).
  if (standardized.empty() || standardized.size() != residual_df.size())
    return normal_test_value(detail::k_nan);
  double sum_sar = 0.0;
  double sum_var = 0.0;
  for (std::size_t i = 0; i < standardized.size(); ++i) {
    const int d = residual_df[i];
    if (d <= 2)
      return normal_test_value(detail::k_nan);
    sum_sar += standardized[i];
    sum_var += static_cast<double>(d) / static_cast<double>(d - 2);
  }
  return normal_test_value(sum_sar / std::sqrt(sum_var));
}

} // namespace aftershock::stats
