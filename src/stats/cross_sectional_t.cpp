// T1 cross-sectional t (design/methods.md T1; estudy2 `t_test`, Brown & Warner 1985).
#include <aftershock/stats/distributions.hpp>
#include <aftershock/stats/parametric.hpp>

#include "sample_moments.hpp"

namespace aftershock::stats {

TestValue cross_sectional_t(std::span<const double> x) {
  // t = sqrt(N) xbar / s, s^2 = sum (x_i - xbar)^2 / (N - 1); t(N - 1) under the null.
  if (x.size() < 2)
    return t_test_value(detail::k_nan, detail::k_nan);
  const double df = static_cast<double>(x.size() - 1);
  return t_test_value(detail::one_sample_t(x), df);
}

} // namespace aftershock::stats
