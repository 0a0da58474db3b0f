#pragma once
// Rank tests on an ArPanel (design/methods.md T10, T11). All are N(0,1) under the null; each
// daily function returns one TestValue per event row, in the order of panel.event_rows, with a
// NaN statistic when it is undefined (no firm on the row, zero rank variance, invalid panel).
//
// Ranks K_it are taken per firm over the firm's non-missing ARs of the combined estimation +
// event window, ties getting average ranks (as R's rank(ties.method = "average")).

#include <aftershock/stats/ar_panel.hpp>
#include <aftershock/stats/panel_ranks.hpp>
#include <aftershock/stats/test_value.hpp>

#include <vector>

namespace aftershock::stats {

// Corrado (1989) rank test (J. Financial Economics 23; formula as design/methods.md T10):
//   T_0 = A_0 / S_K, A_t = (1/N_t) sum_i (K_it - Kbar_i),
//   S_K = sqrt( (1/L) sum_{t in est U evt} A_t^2 ),
// Kbar_i = (M_i' + 1)/2 (firm i's mean rank, M_i' its non-missing ARs), L = number of rows
// with at least one firm (textbook) or as RankConvention::estudy2 describes.
// Assumes independent, identically distributed ARs within a firm and non-overlapping windows.
std::vector<TestValue> corrado_rank_daily(const ArPanel& panel, RankConvention convention);
// The same with the panel's ranks already computed (rank_panel(panel, ...)); NaN statistics when
// `ranks` does not have the panel's shape.
std::vector<TestValue> corrado_rank_daily(const ArPanel& panel, const PanelRanks& ranks,
                                          RankConvention convention);

// Multi-day rank test over all event rows (Cowan 1992, "Nonparametric event study tests",
// Rev. Quant. Fin. Acc. 2, 343-358, multi-day rank statistic;
// design/methods.md T10 multi-day form): T_W = sqrt(L2) mean_{t in W} A_t / S_K with A_t, S_K as
// above. estudy2 (`car_rank_test`): sqrt(L2) (mean of all event K_it - Kbar) / sqrt(sum_t (mean_i
// K_it - Kbar)^2 / mean M_i'), with one Kbar = mean_i Kbar_i and plain row means.
TestValue corrado_rank_window(const ArPanel& panel, RankConvention convention);
// The same with the panel's ranks already computed.
TestValue corrado_rank_window(const ArPanel& panel, const PanelRanks& ranks,
                              RankConvention convention);

// Corrado & Zivney (1992) standardized rank test (J. Financial Quant. Analysis 27;
// design/methods.md T11):
//   U_it = K_it / (M_i' + 1),  T_0 = A_0 / S_U,  A_t = (1/sqrt(N_t)) sum_i (U_it - 1/2),
//   S_U = sqrt( (1/L) sum_t A_t^2 ).
// Robust to missing data (U is uniform on (0,1) whatever M_i').
std::vector<TestValue> cz_rank_daily(const ArPanel& panel, RankConvention convention);
// The same with the panel's ranks already computed.
std::vector<TestValue> cz_rank_daily(const ArPanel& panel, const PanelRanks& ranks,
                                     RankConvention convention);

// Multi-day Corrado-Zivney standardized rank over all event rows (the CAR window): Cowan's
// (1992) multi-day construction with the common S_U of the daily test,
//   T_W = sum_{t in W} A_t / (sqrt(L2) S_U) = sqrt(L2) mean_{t in W} A_t / S_U,
// i.e. the sum of the daily statistics over sqrt(L2) (eventstudy2's "Zivney_Cowan"). N(0,1).
// NaN when there is no event row or any event row's daily statistic is NaN.
// Checked against tests/reference/generate_nonparametric_windows.py.
TestValue cz_rank_window(const ArPanel& panel, RankConvention convention);
// The same, from ranks already computed by rank_panel(panel) (shared across the rank tests).
TestValue cz_rank_window(const ArPanel& panel, const PanelRanks& ranks, RankConvention convention);

} // namespace aftershock::stats
