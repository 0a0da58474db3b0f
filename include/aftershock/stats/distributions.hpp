#pragma once
// Two-sided p-values from Boost.Math distributions.

namespace aftershock::stats {

// P(|Z| >= |z|) for Z ~ N(0,1); NaN for NaN input.
double two_sided_normal_p(double z) noexcept;

// P(|T| >= |t|) for T ~ Student t with `df` degrees of freedom (df > 0); NaN otherwise.
double two_sided_t_p(double t, double df) noexcept;

} // namespace aftershock::stats
