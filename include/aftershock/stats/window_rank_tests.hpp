#pragma once
// The window forms of the Corrado (1989) / Cowan (1992) rank, Corrado & Zivney (1992) rank and
// Corrado & Zivney sign tests on a sub-panel (the estimation rows and one CAR window's event
// rows), computed in one pass over the whole panel and its ranks without building the sub-panel
// or its ranks (issue 6).

#include <aftershock/stats/ar_panel.hpp>
#include <aftershock/stats/panel_ranks.hpp>
#include <aftershock/stats/test_value.hpp>

#include <cstddef>
#include <span>

namespace aftershock::stats {

struct WindowRankTests {
  TestValue rank;    // corrado_rank_window
  TestValue cz_rank; // cz_rank_window
  TestValue cz_sign; // cz_sign_window
};

// With `sub` the panel made of `panel`'s rows `rows` (strictly increasing), whose event rows are
// the positions of the rows that are event rows of `panel`, and `ranks` = rank_panel(panel):
// returns corrado_rank_window(sub, rank_panel(sub)), cz_rank_window(sub, rank_panel(sub)) and
// cz_sign_window(sub) bit for bit (the same formulas and summation orders; the sub-panel's
// ranks follow from the panel's as in restrict_ranks). Rows are split over `threads` threads
// (0 = util::default_thread_count(); the result does not depend on it). NaN statistics when the
// panel is invalid, `ranks` does not have its shape, or a row index is out of range.
WindowRankTests window_rank_tests(const ArPanel& panel, const PanelRanks& ranks,
                                  std::span<const std::size_t> rows, RankConvention convention,
                                  std::size_t threads);

} // namespace aftershock::stats
