#pragma once
// Median and Wilcoxon signed-rank confidence interval of a cross-section (the "wilcox" inference
// of xKDR eventstudies, which reports the median with R's wilcox.test(conf.int = TRUE) interval;
// design/methods.md T14, T17). Not yet part of the study report.

#include <span>

namespace aftershock::stats {

struct MedianInterval {
  double median = 0.0; // sample median (mean of the two middle values for even N)
  double low = 0.0;    // NaN when N = 0
  double high = 0.0;
};

// 95% interval from the N(N+1)/2 Walsh averages (x_i + x_j)/2, i <= j, sorted as w_(1..M)
// (Tukey; Hollander & Wolfe 1999, ch. 3), with R's index rule (stats::wilcox.test, exact
// branch): q = the smallest q with P(V <= q) >= 0.025 under the null signed-rank distribution
// of N untied ranks (qsignrank), q = 1 when that is 0; interval [w_(q), w_(M + 1 - q)].
// For N <= k_wilcoxon_exact_max_n the null distribution is exact (enumerated); above, q comes
// from the normal approximation N(N+1)/4 - 1.96 sqrt(N(N+1)(2N+1)/24) (rounded down, at least
// 1). Small N cannot reach 95% (N <= 5 gives [min, max], as R with its warning). Unlike R,
// zeros and ties are kept (R falls back to an iterative normal-approximation interval then).
// NaN entries are not allowed (pass the firms with data); any NaN gives NaN results.
MedianInterval wilcoxon_median_interval(std::span<const double> x);

} // namespace aftershock::stats
