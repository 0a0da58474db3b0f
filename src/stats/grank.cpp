// T13 Kolari & Pynnonen (2011) generalized rank test.
#include <aftershock/stats/distributions.hpp>
#include <aftershock/stats/grank.hpp>

#include <cmath>
#include <vector>

#include "ranking.hpp"
#include "sample_moments.hpp"

namespace aftershock::stats {

GrankResult grank(std::span<const double> estimation_sar, std::size_t n_estimation_days,
                  std::size_t n_firms, std::span<const double> scar, double rbar) {
  const GrankResult undefined{normal_test_value(detail::k_nan),
                              t_test_value(detail::k_nan, detail::k_nan)};
  if (n_firms == 0 || estimation_sar.size() != n_estimation_days * n_firms ||
      scar.size() != n_firms || !(rbar > -1.0 && rbar < 1.0))
    return undefined;
  // Steps 1 and 6 (grank.hpp): SCAR*_i = SCAR_i sqrt(1 - rbar) / S_SCAR over the firms with a
  // SCAR; S_SCAR / sqrt(1 - rbar) estimates the scale of SCAR_i under cross-correlation (KP 2010).
  std::vector<double> present;
  for (const double v : scar)
    if (!std::isnan(v))
      present.push_back(v);
  const double sd = detail::sample_sd(present);
  if (std::isnan(sd) || sd == 0.0)
    return undefined;
  const double scale = std::sqrt(1.0 - rbar) / sd;
  const std::size_t rows = n_estimation_days + 1; // T = L1 + 1, row L1 is the CAR "day 0"
  std::vector<double> u(rows * n_firms, detail::k_nan);
  std::vector<double> gsar(rows); // buffers reused across firms
  std::vector<double> ranks(rows);
  detail::RankScratch scratch;
  scratch.reserve(rows);
  for (std::size_t i = 0; i < n_firms; ++i) {
    for (std::size_t t = 0; t < n_estimation_days; ++t)
      gsar[t] = estimation_sar[t * n_firms + i];
    gsar[n_estimation_days] = scar[i] * scale;
    const double t_i = static_cast<double>(detail::average_ranks_into(gsar, scratch, ranks));
    for (std::size_t t = 0; t < rows; ++t)
      u[t * n_firms + i] = ranks[t] / (t_i + 1.0) - 0.5; // step 2
  }
  const double n = static_cast<double>(n_firms);
  const double big_t = static_cast<double>(rows);
  double sum = 0.0;
  double ubar0 = detail::k_nan;
  for (std::size_t t = 0; t < rows; ++t) {
    double row_sum = 0.0;
    std::size_t n_t = 0;
    for (std::size_t i = 0; i < n_firms; ++i)
      if (const double v = u[t * n_firms + i]; !std::isnan(v)) {
        row_sum += v;
        ++n_t;
      }
    if (n_t == 0)
      continue;
    const double ubar = row_sum / static_cast<double>(n_t);
    sum += static_cast<double>(n_t) / n * ubar * ubar; // step 3, row 0 included
    if (t == n_estimation_days)
      ubar0 = ubar;
  }
  const double s_ubar = std::sqrt(sum / big_t);
  if (std::isnan(ubar0) || !(s_ubar > 0.0))
    return undefined;
  const double z = ubar0 / s_ubar; // step 4, KP 2011 eq. (13)
  const double df = big_t - 2.0;
  const double denominator = big_t - 1.0 - z * z;
  // Step 5: internal-to-external studentization, t(T - 2).
  const double t = denominator > 0.0 ? z * std::sqrt(df / denominator) : detail::k_nan;
  return GrankResult{normal_test_value(z), t_test_value(t, df)};
}

} // namespace aftershock::stats
