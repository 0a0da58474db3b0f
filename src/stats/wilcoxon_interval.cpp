// Median and Walsh-average (Wilcoxon signed-rank) confidence interval.
#include <aftershock/stats/wilcoxon.hpp>
#include <aftershock/stats/wilcoxon_interval.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace aftershock::stats {
namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

// R's qsignrank(0.025, n), floored at 1 as wilcox.test does.
std::size_t lower_index(std::size_t n) {
  if (n > k_wilcoxon_exact_max_n) {
    // Normal approximation of the signed-rank null: mean n(n+1)/4, variance n(n+1)(2n+1)/24.
    const double nn = static_cast<double>(n);
    const double q =
        std::floor(nn * (nn + 1.0) / 4.0 -
                   1.959963984540054 * std::sqrt(nn * (nn + 1.0) * (2.0 * nn + 1.0) / 24.0));
    return static_cast<std::size_t>(std::max(q, 1.0));
  }
  std::vector<int> doubled;
  for (std::size_t r = 1; r <= n; ++r)
    doubled.push_back(static_cast<int>(2 * r));
  const std::vector<double> counts = signed_rank_null_counts(doubled); // index = 2V
  const double total = std::ldexp(1.0, static_cast<int>(n));
  double cumulative = 0.0;
  for (std::size_t s = 0; s < counts.size(); s += 2) {
    cumulative += counts[s];
    if (cumulative / total >= 0.025)
      return std::max<std::size_t>(s / 2, 1);
  }
  return 1;
}

} // namespace

MedianInterval wilcoxon_median_interval(std::span<const double> x) {
  MedianInterval out{k_nan, k_nan, k_nan};
  const std::size_t n = x.size();
  if (n == 0 || std::any_of(x.begin(), x.end(), [](double v) { return std::isnan(v); }))
    return out;
  std::vector<double> sorted(x.begin(), x.end());
  std::sort(sorted.begin(), sorted.end());
  out.median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  std::vector<double> walsh;
  walsh.reserve(n * (n + 1) / 2);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i; j < n; ++j)
      walsh.push_back((sorted[i] + sorted[j]) / 2.0);
  std::sort(walsh.begin(), walsh.end());
  const std::size_t m = walsh.size();
  const std::size_t q = std::min(lower_index(n), m);
  out.low = walsh[q - 1];  // w_(q), 1-based
  out.high = walsh[m - q]; // w_(M + 1 - q)
  return out;
}

} // namespace aftershock::stats
