#pragma once
// Wilcoxon (1945) signed-rank test on a cross-section (design/methods.md T14).

#include <aftershock/stats/test_value.hpp>

#include <span>
#include <vector>

namespace aftershock::stats {

// Largest number of non-zero observations for which the p-value is exact.
inline constexpr std::size_t k_wilcoxon_exact_max_n = 50;

// W = sum of the ranks of |x_i| over the x_i > 0; zeros are dropped, tied |x_i| get average
// ranks (Wilcoxon 1945; Hollander & Wolfe 1973). statistic = W (as estudy2's wlcx_stat), df = NaN.
// p-value, two-sided, 2 min(P(W <= w), P(W >= w)) capped at 1:
// - n <= 50 non-zero values: exact, from the permutation distribution of W given the (average)
//   ranks, enumerated by dynamic programming over doubled ranks (conditional on ties);
// - n > 50: normal approximation z = (W - sum r_i / 2) / sqrt(sum r_i^2 / 4) without continuity
//   correction (equals (W - n(n+1)/4) / sqrt(n(n+1)(2n+1)/24) without ties).
// Null hypothesis: x symmetric about 0 (a median test, not a mean test); assumes independent
// firms. NaN statistic and p-value when no non-zero value is present. NaN inputs are not allowed
// (pass the firms with data only); any NaN makes the result NaN.
TestValue wilcoxon_signed_rank(std::span<const double> x);

// Null distribution of 2W given doubled ranks r2_i = 2 r_i (integers, so ties with half ranks
// stay exact): element s is the number of the 2^n sign assignments with sum of the positive
// r2_i equal to s. Size sum(r2_i) + 1. Counts are doubles (exact up to n = 52).
std::vector<double> signed_rank_null_counts(std::span<const int> doubled_ranks);

} // namespace aftershock::stats
