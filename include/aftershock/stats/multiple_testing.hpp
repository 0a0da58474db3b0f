#pragma once
// Multiple-testing adjustment of a family of p-values (the tests reported for one day/window).

#include <aftershock/stats/test_value.hpp>

#include <span>
#include <vector>

namespace aftershock::stats {

enum class AdjustMethod {
  holm, // Holm (1979, Scand. J. Statist. 6): step-down, controls the family-wise error rate
  bh,   // Benjamini & Hochberg (1995, JRSS B 57): step-up, controls the false discovery rate
};

// Adjusted p-values in input order, as R's p.adjust: with the m non-NaN p sorted ascending,
// holm: p~_(k) = max_{j<=k} min(1, (m - j + 1) p_(j));
// bh:   p~_(k) = min_{j>=k} min(1, m p_(j) / j).
// NaN entries stay NaN and are not counted in m.
std::vector<double> adjust_p_values(std::span<const double> p, AdjustMethod method);

// Sets p_adjusted of every test in `tests` (one family).
void adjust_test_map(TestMap& tests, AdjustMethod method);

} // namespace aftershock::stats
