#pragma once
// Per-firm ranks of an ArPanel, computed once and shared by the rank tests (Corrado 1989 daily
// and window forms, Corrado & Zivney 1992) that read the same panel.

#include <aftershock/stats/ar_panel.hpp>

#include <cstddef>
#include <span>
#include <vector>

namespace aftershock::stats {

// K_it: firm i's average rank (ties averaged, as R's rank(ties.method = "average")) of AR_it
// among its non-missing ARs over all rows of the panel; NaN where AR_it is missing.
struct PanelRanks {
  std::vector<double> k;      // days x firms, row-major like ArPanel::values
  std::vector<std::size_t> m; // M_i': firm i's number of non-missing ARs
  std::size_t n_days = 0;
  std::size_t n_firms = 0;

  double at(std::size_t row, std::size_t firm) const noexcept { return k[row * n_firms + firm]; }
};

// Ranks every firm of `panel` (assumed valid) once. Firms are split over `threads` threads
// (0 = util::default_thread_count(); each firm is ranked independently, so the result is the
// same for any thread count).
PanelRanks rank_panel(const ArPanel& panel, std::size_t threads);

// The ranks of the sub-panel made of rows `rows` (increasing row indices of `panel`) from the
// ranks of the whole panel, without sorting again (issue 6): removing values shifts the average
// rank of a kept value v by #{removed < v} + #{removed == v} / 2, so the result equals
// rank_panel(sub-panel) exactly (ranks are half-integers). `ranks` = rank_panel(panel, ...).
PanelRanks restrict_ranks(const ArPanel& panel, const PanelRanks& ranks,
                          std::span<const std::size_t> rows, std::size_t threads);

} // namespace aftershock::stats
