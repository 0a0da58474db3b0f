// T3 crude dependence adjustment (Brown & Warner 1980, 1985; design/methods.md T3).
#include <aftershock/stats/distributions.hpp>
#include <aftershock/stats/parametric.hpp>

#include <cmath>

#include "sample_moments.hpp"

namespace aftershock::stats {

TestValue crude_dependence_t(double aar_sum, int window_length,
                             std::span<const double> estimation_aar) {
  // S_AAR^2 = sum_t (AAR_t - mean AAR)^2 / (M - 1) over the estimation window;
  // t = aar_sum / (sqrt(L) S_AAR), t(M - 1).
  if (estimation_aar.size() < 2 || window_length < 1)
    return t_test_value(detail::k_nan, detail::k_nan);
  const double df = static_cast<double>(estimation_aar.size() - 1);
  const double s_aar = detail::sample_sd(estimation_aar);
  if (std::isnan(s_aar) || s_aar == 0.0)
    return t_test_value(detail::k_nan, df);
  const double t = aar_sum / (std::sqrt(static_cast<double>(window_length)) * s_aar);
  return t_test_value(t, df);
}

} // namespace aftershock::stats
