#include <aftershock/stats/distributions.hpp>

#include <boost/math/distributions/students_t.hpp>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numbers>

namespace aftershock::stats {
namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

TEST(distributions_test, normal_p_matches_erfc) {
  // Closed form: P(|Z| >= z) = erfc(z / sqrt(2)) (Abramowitz & Stegun 26.2.29); std::erfc is
  // independent of Boost. 1.959963984540054 is the 97.5 % quantile (A&S table 26.5) -> 0.05.
  for (const double z : {0.0, 0.5, 1.0, 1.959963984540054, 3.0, -2.5, 8.0})
    EXPECT_NEAR(two_sided_normal_p(z), std::erfc(std::fabs(z) / std::numbers::sqrt2), 1e-15)
        << "z = " << z;
  EXPECT_NEAR(two_sided_normal_p(1.959963984540054), 0.05, 1e-14);
  EXPECT_TRUE(std::isnan(two_sided_normal_p(k_nan)));
  EXPECT_EQ(two_sided_normal_p(std::numeric_limits<double>::infinity()), 0.0);
}

TEST(distributions_test, t_p_matches_closed_forms) {
  // df = 1 (Cauchy): P(|T| >= t) = 1 - (2/pi) atan(t).
  // df = 2: F(t) = 1/2 + t / (2 sqrt(2 + t^2)), so P(|T| >= t) = 1 - t / sqrt(2 + t^2).
  for (const double t : {0.0, 0.3, 1.0, 2.5, -4.0, 30.0}) {
    const double a = std::fabs(t);
    EXPECT_NEAR(two_sided_t_p(t, 1.0), 1.0 - 2.0 / std::numbers::pi * std::atan(a), 1e-14);
    EXPECT_NEAR(two_sided_t_p(t, 2.0), 1.0 - a / std::sqrt(2.0 + a * a), 1e-14);
  }
  // Student (1908) table / any t table: t(10) 97.5 % quantile 2.228138851986 -> p = 0.05.
  EXPECT_NEAR(two_sided_t_p(2.228138851986, 10.0), 0.05, 1e-11);
}

TEST(distributions_test, t_p_in_double_matches_closed_forms_and_long_double) {
  // df = 3: F(t) = 1/2 + (1/pi) (u/(1+u^2) + atan(u)), u = t/sqrt(3); df = 4:
  // F(t) = 1/2 + (3/8) (t / sqrt(1 + t^2/4)) (1 - t^2 / (12 (1 + t^2/4))) (Johnson, Kotz &
  // Balakrishnan 1995, ch. 28 s.2, the closed forms of the t CDF for small df).
  for (const double t : {0.0, 0.3, 1.0, 2.5, -4.0, 12.0}) {
    const double a = std::fabs(t);
    const double u = a / std::sqrt(3.0);
    EXPECT_NEAR(two_sided_t_p(t, 3.0),
                1.0 - 2.0 / std::numbers::pi * (u / (1.0 + u * u) + std::atan(u)), 1e-13)
        << "t = " << t;
    const double q = 1.0 + a * a / 4.0;
    EXPECT_NEAR(two_sided_t_p(t, 4.0), 1.0 - 0.75 * a / std::sqrt(q) * (1.0 - a * a / (12.0 * q)),
                1e-13)
        << "t = " << t;
  }
  // The double-only policy (issue 6) against Boost's default policy, which evaluates in long
  // double: within 1e-12 absolute over the df and t of event studies (M - 2 for M = 3..1000).
  for (const double df : {1.0, 3.0, 7.5, 28.0, 98.0, 248.0, 998.0})
    for (const double t : {0.01, 0.7, 1.645, 1.96, 2.6, 4.0, 9.0, 40.0}) {
      const boost::math::students_t_distribution<double> promoted{df};
      const double reference = 2.0 * boost::math::cdf(boost::math::complement(promoted, t));
      EXPECT_NEAR(two_sided_t_p(t, df), reference, 1e-12) << "t = " << t << ", df = " << df;
      EXPECT_NEAR(two_sided_t_p(-t, df), reference, 1e-12) << "t = " << -t << ", df = " << df;
    }
}

TEST(distributions_test, t_p_rejects_bad_df) {
  EXPECT_TRUE(std::isnan(two_sided_t_p(1.0, 0.0)));
  EXPECT_TRUE(std::isnan(two_sided_t_p(1.0, -3.0)));
  EXPECT_TRUE(std::isnan(two_sided_t_p(1.0, k_nan)));
  EXPECT_TRUE(std::isnan(two_sided_t_p(k_nan, 5.0)));
  EXPECT_EQ(two_sided_t_p(1.5, std::numeric_limits<double>::infinity()), two_sided_normal_p(1.5));
}

TEST(distributions_test, builders_fill_all_fields) {
  const TestValue t = t_test_value(2.0, 2.0);
  EXPECT_EQ(t.statistic, 2.0);
  EXPECT_EQ(t.df, 2.0);
  EXPECT_NEAR(t.p_value, 1.0 - 2.0 / std::sqrt(6.0), 1e-14);
  const TestValue z = normal_test_value(k_nan);
  EXPECT_TRUE(std::isnan(z.statistic));
  EXPECT_TRUE(std::isnan(z.p_value));
  EXPECT_TRUE(std::isnan(z.df));
}

} // namespace
} // namespace aftershock::stats
