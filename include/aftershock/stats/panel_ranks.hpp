#pragma once
// Per-firm ranks of an ArPanel, computed once and shared by the rank tests (Corrado 1989 daily
// and window forms, Corrado & Zivney 1992) that read the same panel.

#include <aftershock/stats/ar_panel.hpp>
#include <aftershock/stats/default_init_allocator.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace aftershock::stats {

// K_it: firm i's average rank (ties averaged, as R's rank(ties.method = "average")) of AR_it
// among its non-missing ARs over all rows of the panel; NaN where AR_it is missing.
struct PanelRanks {
  // In the layout of the ranked panel (ArPanel::layout). Float: ranks are half-integers, exact
  // in a float up to 2^23 (the panel has far fewer days), so at() returns exactly the rank at
  // half the memory of doubles (issue 6).
  UninitializedVector<float> k;
  std::vector<std::size_t> m; // M_i': firm i's number of non-missing ARs
  std::size_t n_days = 0;
  std::size_t n_firms = 0;
  PanelLayout layout = PanelLayout::days_by_firms;
  // PanelLayout::firms_by_days with n_days <= 65536 only (else empty): firm i's non-missing
  // rows sorted by AR (ties in any order), order[i * n_days + j] for j < m[i]. Lets the window
  // tests, the medians of the sign tests and GRANK rank subsets of the rows in one linear pass
  // without sorting.
  UninitializedVector<std::uint16_t> order;

  double at(std::size_t row, std::size_t firm) const noexcept {
    return static_cast<double>(layout == PanelLayout::days_by_firms ? k[row * n_firms + firm]
                                                                    : k[firm * n_days + row]);
  }
};

// Ranks every firm of `panel` (assumed valid) once; the ranks have the panel's layout. Firms are
// split over `threads` threads (0 = util::default_thread_count(); each firm is ranked
// independently, so the result is the same for any thread count).
PanelRanks rank_panel(const ArPanel& panel, std::size_t threads);

// The ranks of the sub-panel made of rows `rows` (increasing row indices of `panel`) from the
// ranks of the whole panel, without sorting again (issue 6): removing values shifts the average
// rank of a kept value v by #{removed < v} + #{removed == v} / 2, so the result equals
// rank_panel(sub-panel) exactly (ranks are half-integers). `ranks` = rank_panel(panel, ...).
// The result is days x firms whatever the panel's layout.
PanelRanks restrict_ranks(const ArPanel& panel, const PanelRanks& ranks,
                          std::span<const std::size_t> rows, std::size_t threads);

} // namespace aftershock::stats
