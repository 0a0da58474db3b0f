#pragma once
// Day-resampling bootstrap of the CAAR under the null (design/methods.md T17, the variant that
// keeps the cross-firm correlation of same-date events).

#include <cstddef>
#include <cstdint>
#include <span>

namespace aftershock::stats {

struct BootstrapResult {
  int replications = 0;
  std::uint64_t seed = 0;
  double p_value = 0.0; // two-sided: (1 + #{|t*| >= |t|}) / (B + 1) (Davison & Hinkley 1997, 4.2)
  double ci_low = 0.0;  // CAAR + 2.5% percentile of CAAR* (null distribution shifted to CAAR)
  double ci_high = 0.0; // CAAR + 97.5% percentile of CAAR*
};

// Draws, B times, `window_length` calendar days with replacement from the estimation days
// (one draw of days shared by all firms, so same-day cross-correlation is kept); a firm's
// pseudo CAR* is the sum of its residuals on the drawn days that it has (a firm without any is
// left out of that replication); CAAR* = mean CAR*, t* = sqrt(N) CAAR* / sd(CAR*) (the
// cross-sectional t). `residuals`: n_days x n_firms row-major, NaN = missing. `caar` and
// `t_observed` are the observed CAAR and cross-sectional t. Random numbers: std::mt19937_64
// seeded with `seed`, day index = draw mod n_days (reproducible across platforms). Percentiles
// by the nearest-rank rule on the sorted B values. NaN results when B < 1, n_days = 0 or no
// replication has two firms.
BootstrapResult bootstrap_caar(std::span<const double> residuals, std::size_t n_days,
                               std::size_t n_firms, int window_length, double caar,
                               double t_observed, int replications, std::uint64_t seed);

// The event-resampling percentile bootstrap of a cross-sectional mean (xKDR eventstudies
// "bootstrap" inference; design/methods.md T17): B resamples of the N values with replacement,
// the mean of each, and the nearest-rank 2.5% / 97.5% percentiles of the B means as the
// interval around mean(x). Does not keep cross-firm correlation of same-date events (use
// bootstrap_caar for that); offered to reproduce xKDR. std::mt19937_64(seed), index = draw mod N.
// NaN interval when B < 1, N = 0 or x has a NaN.
struct ResampledMeanInterval {
  double mean = 0.0;
  double low = 0.0;
  double high = 0.0;
};
ResampledMeanInterval bootstrap_mean_interval(std::span<const double> x, int replications,
                                              std::uint64_t seed);

} // namespace aftershock::stats
