// T15 Lamb (1995) and the estudy2 window aggregation of daily statistics.
#include <aftershock/stats/distributions.hpp>
#include <aftershock/stats/lamb.hpp>

#include <cmath>

#include "sample_moments.hpp"

namespace aftershock::stats {

TestValue lamb_z(double aar, double market_return, std::span<const double> estimation_aar,
                 std::span<const double> estimation_market, double mean_estimation_length) {
  const double s_aar = detail::sample_sd(estimation_aar);
  if (estimation_market.size() < 2 || std::isnan(s_aar) || s_aar == 0.0 ||
      !(mean_estimation_length > 0.0))
    return normal_test_value(detail::k_nan);
  const double rbar = detail::mean(estimation_market);
  double sxx = 0.0;
  for (const double r : estimation_market)
    sxx += (r - rbar) * (r - rbar);
  if (!(sxx > 0.0))
    return normal_test_value(detail::k_nan);
  // Lamb (1995), design/methods.md T15: the market-model prediction-error factor applied to the
  // portfolio sd.
  const double d = market_return - rbar;
  const double factor = std::sqrt(1.0 + 1.0 / mean_estimation_length + d * d / sxx);
  return normal_test_value(aar / (s_aar * factor));
}

TestValue sum_of_daily_statistics(std::span<const double> daily_statistics) {
  if (daily_statistics.empty())
    return normal_test_value(detail::k_nan);
  double sum = 0.0;
  for (const double z : daily_statistics)
    sum += z;
  return normal_test_value(sum / std::sqrt(static_cast<double>(daily_statistics.size())));
}

} // namespace aftershock::stats
