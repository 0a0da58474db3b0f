#pragma once
// Internal: mean and sample standard deviation of a plain array (shared by the stats tests).

#include <cmath>
#include <limits>
#include <span>

namespace aftershock::stats::detail {

inline constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

// Arithmetic mean; NaN for an empty array (NaN entries propagate).
inline double mean(std::span<const double> x) noexcept {
  if (x.empty())
    return k_nan;
  double sum = 0.0;
  for (const double v : x)
    sum += v;
  return sum / static_cast<double>(x.size());
}

// Sample standard deviation with divisor n - 1 (two-pass); NaN for n < 2. Exactly 0 when all
// values are equal (the rounded mean of equal values need not equal them).
inline double sample_sd(std::span<const double> x) noexcept {
  if (x.size() < 2)
    return k_nan;
  bool all_equal = true;
  for (const double v : x)
    all_equal = all_equal && v == x.front();
  if (all_equal)
    return 0.0;
  const double m = mean(x);
  double ss = 0.0;
  for (const double v : x)
    ss += (v - m) * (v - m);
  return std::sqrt(ss / static_cast<double>(x.size() - 1));
}

// sqrt(n) mean / sd (the one-sample t of T1 / T5); NaN for n < 2 or sd == 0.
inline double one_sample_t(std::span<const double> x) noexcept {
  const double sd = sample_sd(x);
  if (std::isnan(sd) || sd == 0.0)
    return k_nan;
  return std::sqrt(static_cast<double>(x.size())) * mean(x) / sd;
}

} // namespace aftershock::stats::detail
