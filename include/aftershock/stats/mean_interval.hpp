#pragma once
// Student-t confidence interval of a cross-sectional mean (the "classic" inference of xKDR
// eventstudies, R t.test): mean -/+ t_{0.975}(N-1) sd / sqrt(N), sd with divisor N - 1.

#include <span>

namespace aftershock::stats {

struct MeanInterval {
  double mean = 0.0;
  double low = 0.0; // NaN when N < 2 or sd = 0 (as t.test: no interval for constant data)
  double high = 0.0;
};

// 95% two-sided interval of the mean of `x` (no NaN entries). Assumes independent,
// approximately normal values.
MeanInterval t_mean_interval(std::span<const double> x);

} // namespace aftershock::stats
