// Wilcoxon (1945) signed-rank test with an exact null distribution by dynamic programming.
#include <aftershock/stats/distributions.hpp>
#include <aftershock/stats/wilcoxon.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "ranking.hpp"

namespace aftershock::stats {
namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

} // namespace

std::vector<double> signed_rank_null_counts(std::span<const int> doubled_ranks) {
  // counts[s] after item k = number of subsets of items 1..k whose r2 sum is s (each sign
  // assignment corresponds to the subset of positive items).
  const int total = std::accumulate(doubled_ranks.begin(), doubled_ranks.end(), 0);
  std::vector<double> counts(static_cast<std::size_t>(std::max(total, 0)) + 1, 0.0);
  counts[0] = 1.0;
  int reach = 0;
  for (const int r : doubled_ranks) {
    if (r < 0)
      return {};
    reach += r;
    for (int s = reach; s >= r; --s)
      counts[static_cast<std::size_t>(s)] += counts[static_cast<std::size_t>(s - r)];
  }
  return counts;
}

TestValue wilcoxon_signed_rank(std::span<const double> x) {
  std::vector<double> abs_values;
  std::vector<bool> positive;
  for (const double v : x) {
    if (std::isnan(v))
      return normal_test_value(k_nan);
    if (v == 0.0)
      continue;
    abs_values.push_back(std::fabs(v));
    positive.push_back(v > 0.0);
  }
  const std::size_t n = abs_values.size();
  if (n == 0)
    return normal_test_value(k_nan);
  const std::vector<double> ranks = detail::average_ranks(abs_values);
  double w = 0.0;
  double rank_sum = 0.0;
  double rank_sq = 0.0;
  for (std::size_t k = 0; k < n; ++k) {
    if (positive[k])
      w += ranks[k];
    rank_sum += ranks[k];
    rank_sq += ranks[k] * ranks[k];
  }
  TestValue out{w, k_nan, k_nan};
  if (n > k_wilcoxon_exact_max_n) {
    // E(W) = sum r / 2, Var(W) = sum r^2 / 4 under random signs (Lehmann 1975 ch. 3).
    out.p_value = two_sided_normal_p((w - rank_sum / 2.0) / std::sqrt(rank_sq / 4.0));
    return out;
  }
  std::vector<int> doubled;
  doubled.reserve(n);
  for (const double r : ranks)
    doubled.push_back(static_cast<int>(std::lround(2.0 * r)));
  const std::vector<double> counts = signed_rank_null_counts(doubled);
  const auto w2 = static_cast<std::size_t>(std::lround(2.0 * w));
  double below = 0.0; // P(2W <= w2) numerator
  double above = 0.0; // P(2W >= w2) numerator
  double all = 0.0;
  for (std::size_t s = 0; s < counts.size(); ++s) {
    all += counts[s];
    if (s <= w2)
      below += counts[s];
    if (s >= w2)
      above += counts[s];
  }
  out.p_value = std::min(1.0, 2.0 * std::min(below, above) / all);
  return out;
}

} // namespace aftershock::stats
