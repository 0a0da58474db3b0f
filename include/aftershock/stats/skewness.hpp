#pragma once
// T7 skewness-adjusted t (design/methods.md T7).

#include <aftershock/stats/test_value.hpp>

#include <span>

namespace aftershock::stats {

// Estimator of the skewness gamma (a convention; print it in the report header).
enum class SkewnessEstimator {
  // Lyon, Barber & Tsai (1999, J. Finance 54): gamma = sum (x - xbar)^3 / (N s^3), s with divisor N
  // - 1.
  lyon_barber_tsai,
  // Bias-adjusted sample skewness: gamma = N / ((N - 1)(N - 2)) sum (x - xbar)^3 / s^3.
  bias_adjusted,
};

// Hall (1992) transformed skewness-adjusted statistic (Annals of Statistics 20; as quoted in
// design/methods.md T7; Eventus "skewness adjusted transformed normal"), with S = xbar / s:
//   t = sqrt(N) ( S + gamma S^2 / 3 + gamma^2 S^3 / 27 + gamma / (6N) ).
// The cubic makes t monotone in S. Reference distribution: Student t(N - 1) (df = N - 1), not
// the asymptotic N(0,1). Reason: with gamma = 0 the statistic is the ordinary one-sample t,
// exactly t(N - 1) for normal data; Hall's transform removes the O(N^-1/2) skewness term of the
// t statistic's Edgeworth expansion (Hall 1992), not the O(N^-1) tail difference between
// t(N - 1) and N(0,1), which alone makes an N(0,1) reference reject about 6% instead of 5% at
// N = 30 (docs/size-check.md). LBT (1999) recommend bootstrap critical values for small N.
// Assumes independent observations.
// NaN for N < 3 (bias_adjusted) / N < 2 (lyon_barber_tsai) or s = 0.
TestValue skew_adjusted_t(std::span<const double> x, SkewnessEstimator estimator);

} // namespace aftershock::stats
