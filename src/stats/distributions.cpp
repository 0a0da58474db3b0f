#include <aftershock/stats/distributions.hpp>

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

#include <cmath>
#include <limits>

namespace aftershock::stats {
namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

// Boost.Math's default policy evaluates double functions in long double (powl, ~6 % of a
// 100,000-firm-event run, issue 6); promote_double<false> keeps them in double (Boost.Math
// "Policies: Internal Floating-point Promotion Policies"). The p-values stay within 1e-12 of
// the promoted ones (distributions_test.cpp).
using DoublePolicy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;

} // namespace

double two_sided_normal_p(double z) noexcept {
  if (std::isnan(z))
    return k_nan;
  if (std::isinf(z))
    return 0.0;
  // P(|Z| >= |z|) = 2 (1 - Phi(|z|)); the complement keeps precision in the far tail.
  const boost::math::normal_distribution<double, DoublePolicy> standard{0.0, 1.0};
  return 2.0 * boost::math::cdf(boost::math::complement(standard, std::fabs(z)));
}

double two_sided_t_p(double t, double df) noexcept {
  if (std::isnan(t) || std::isnan(df) || df <= 0.0)
    return k_nan;
  if (std::isinf(df))
    return two_sided_normal_p(t);
  if (std::isinf(t))
    return 0.0;
  const boost::math::students_t_distribution<double, DoublePolicy> dist{df};
  return 2.0 * boost::math::cdf(boost::math::complement(dist, std::fabs(t)));
}

TestValue t_test_value(double statistic, double df) noexcept {
  return TestValue{statistic, two_sided_t_p(statistic, df), df};
}

TestValue normal_test_value(double statistic) noexcept {
  return TestValue{statistic, two_sided_normal_p(statistic), k_nan};
}

} // namespace aftershock::stats
