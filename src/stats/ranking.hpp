#pragma once
// Internal helpers of the rank / sign tests: average ranks and per-firm columns of an ArPanel.

#include <aftershock/stats/ar_panel.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <span>
#include <utility>
#include <vector>

namespace aftershock::stats::detail {

// The tie blocks of n values in ascending order: calls block(start, stop) for each maximal run
// [start, stop) of positions whose values are equal (equal(start, j): the value at j equals the
// one at start; -0 and +0 are equal), in order. Positions start..stop-1 hold the ranks
// start + 1..stop, so each value of the block has the average rank (start + 1 + stop) / 2
// (average_rank), whatever the order inside the block (R's ties.method = "average").
template <typename Equal, typename Block>
inline void for_each_tie_block(std::size_t n, Equal&& equal, Block&& block) {
  std::size_t start = 0;
  while (start < n) {
    std::size_t stop = start + 1;
    while (stop < n && equal(start, stop))
      ++stop;
    block(start, stop);
    start = stop;
  }
}

// The average of the ranks start + 1..stop of a tie block (for_each_tie_block).
inline double average_rank(std::size_t start, std::size_t stop) noexcept {
  return static_cast<double>(start + 1 + stop) / 2.0;
}

// Reusable buffer of average_ranks_into (one per thread; no allocation once it has grown).
using RankScratch = std::vector<std::pair<double, std::size_t>>;

// Ranks 1..n of the non-NaN entries of x into `ranks` (same size as x), ties get the average of
// their ranks (R's rank(ties.method = "average", na.last = "keep")); NaN entries stay NaN.
// Returns the number of non-NaN entries; `scratch` then holds the non-NaN (value, position)
// pairs in ascending order. Sorting (value, position) pairs gives the same ranks as a stable
// sort of positions: tied values get their average rank whatever their order.
inline std::size_t average_ranks_into(std::span<const double> x, RankScratch& scratch,
                                      std::span<double> ranks) {
  scratch.clear();
  for (std::size_t k = 0; k < x.size(); ++k) {
    ranks[k] = std::numeric_limits<double>::quiet_NaN();
    if (!std::isnan(x[k]))
      scratch.emplace_back(x[k], k);
  }
  std::sort(scratch.begin(), scratch.end());
  for_each_tie_block(
      scratch.size(),
      [&](std::size_t a, std::size_t b) { return scratch[b].first == scratch[a].first; },
      [&](std::size_t start, std::size_t stop) {
        const double rank = average_rank(start, stop);
        for (std::size_t k = start; k < stop; ++k)
          ranks[scratch[k].second] = rank;
      });
  return scratch.size();
}

// From a firm's values x (by row) and its non-missing rows sorted by value (`order`,
// PanelRanks::order): the rows with keep[t] != 0, in sorted order, into `kept`; their average
// ranks among themselves into ranks[t] (other entries untouched; ties averaged exactly as
// average_ranks_into, whatever their order). Returns the median of the kept values (as
// median_in_place: the middle value, or the mean of the two middle ones; NaN when none).
inline double rank_kept_rows(std::span<const double> x, std::span<const std::uint16_t> order,
                             const std::vector<char>& keep, std::vector<std::uint32_t>& kept,
                             double* ranks) {
  kept.clear();
  for (const std::uint16_t t : order)
    if (keep[t] != 0)
      kept.push_back(t);
  const std::size_t n = kept.size();
  for_each_tie_block(
      n, [&](std::size_t a, std::size_t b) { return x[kept[b]] == x[kept[a]]; },
      [&](std::size_t start, std::size_t stop) {
        const double rank = average_rank(start, stop);
        for (std::size_t j = start; j < stop; ++j)
          ranks[kept[j]] = rank;
      });
  if (n == 0)
    return std::numeric_limits<double>::quiet_NaN();
  if (n % 2 == 1)
    return x[kept[n / 2]];
  return (x[kept[n / 2 - 1]] + x[kept[n / 2]]) / 2.0;
}

// Median of the non-NaN entries (mean of the two middle values for an even count); `x` is
// a scratch copy that gets reordered.
inline double median_in_place(std::vector<double>& x) {
  x.erase(std::remove_if(x.begin(), x.end(), [](double v) { return std::isnan(v); }), x.end());
  if (x.empty())
    return std::numeric_limits<double>::quiet_NaN();
  const std::size_t n = x.size();
  const auto middle = x.begin() + static_cast<std::ptrdiff_t>(n / 2);
  std::nth_element(x.begin(), middle, x.end()); // the same order statistics as a full sort
  if (n % 2 == 1)
    return *middle;
  return (*std::max_element(x.begin(), middle) + *middle) / 2.0;
}

// average_ranks_into with fresh buffers.
inline std::vector<double> average_ranks(const std::vector<double>& x) {
  RankScratch scratch;
  std::vector<double> ranks(x.size());
  average_ranks_into(x, scratch, ranks);
  return ranks;
}

// Column `firm` of the panel.
inline std::vector<double> firm_column(const ArPanel& panel, std::size_t firm) {
  std::vector<double> out(panel.n_days);
  for (std::size_t t = 0; t < panel.n_days; ++t)
    out[t] = panel.at(t, firm);
  return out;
}

// The rows 0..n_days-1 that are not in `rows` (sorted, distinct, each < n_days), ascending:
// the days a restricted sub-panel removes (restrict_ranks, window_rank_tests).
inline std::vector<std::size_t> complement_rows(std::span<const std::size_t> rows,
                                                std::size_t n_days) {
  std::vector<std::size_t> removed;
  for (std::size_t t = 0, r = 0; t < n_days; ++t) {
    if (r < rows.size() && rows[r] == t)
      ++r;
    else
      removed.push_back(t);
  }
  return removed;
}

// Number of non-NaN entries.
inline std::size_t count_present(const std::vector<double>& x) noexcept {
  return static_cast<std::size_t>(
      std::count_if(x.begin(), x.end(), [](double v) { return !std::isnan(v); }));
}

// A days x firms matrix (row-major) of per-firm transforms of the panel's ARs, NaN where the
// AR is missing.
struct Matrix {
  std::vector<double> values;
  std::size_t n_days = 0;
  std::size_t n_firms = 0;
  double at(std::size_t t, std::size_t i) const noexcept { return values[t * n_firms + i]; }
  double& at(std::size_t t, std::size_t i) noexcept { return values[t * n_firms + i]; }
};

inline Matrix empty_matrix(const ArPanel& panel) {
  return Matrix{std::vector<double>(panel.n_days * panel.n_firms, std::nan("")), panel.n_days,
                panel.n_firms};
}

} // namespace aftershock::stats::detail
