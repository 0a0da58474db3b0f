#include <aftershock/stats/mean_interval.hpp>

#include <boost/math/distributions/students_t.hpp>

#include <cmath>
#include <limits>

#include "sample_moments.hpp"

namespace aftershock::stats {

MeanInterval t_mean_interval(std::span<const double> x) {
  constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();
  MeanInterval out{x.empty() ? k_nan : detail::mean(x), k_nan, k_nan};
  const double sd = detail::sample_sd(x);
  if (x.size() < 2 || !(sd > 0.0))
    return out;
  // Student (1908); R t.test conf.int: mean +- qt(0.975, N - 1) sd / sqrt(N).
  const auto n = static_cast<double>(x.size());
  const double q =
      boost::math::quantile(boost::math::students_t_distribution<double>(n - 1.0), 0.975);
  out.low = out.mean - q * sd / std::sqrt(n);
  out.high = out.mean + q * sd / std::sqrt(n);
  return out;
}

} // namespace aftershock::stats
