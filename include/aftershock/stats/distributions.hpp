#pragma once
// Two-sided p-values from Boost.Math distributions, and the TestValue builders every test uses.

#include <aftershock/stats/test_value.hpp>

namespace aftershock::stats {

// P(|Z| >= |z|) for Z ~ N(0,1); NaN for NaN input.
double two_sided_normal_p(double z) noexcept;

// P(|T| >= |t|) for T ~ Student t with `df` degrees of freedom (df > 0); NaN otherwise.
// df = +infinity gives the normal p-value.
double two_sided_t_p(double t, double df) noexcept;

// A t-distributed test value: {statistic, two_sided_t_p(statistic, df), df}. A NaN statistic
// gives a NaN p-value.
TestValue t_test_value(double statistic, double df) noexcept;

// An N(0,1) test value: {statistic, two_sided_normal_p(statistic), NaN df}.
TestValue normal_test_value(double statistic) noexcept;

} // namespace aftershock::stats
