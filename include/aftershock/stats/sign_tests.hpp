#pragma once
// Sign tests (design/methods.md T8, T9, T12). N(0,1) under the null; NaN statistics when
// undefined. A positive AR is AR > 0 (estudy2, EventStudy's test; zeros count as not positive).

#include <aftershock/stats/ar_panel.hpp>
#include <aftershock/stats/panel_ranks.hpp>
#include <aftershock/stats/test_value.hpp>

#include <cstddef>
#include <span>
#include <vector>

namespace aftershock::stats {

// Sign test: Z = (N+ - N/2) / sqrt(N/4), N+ = #{x_i > 0}, N = x.size() (x holds the firms with
// data: AR_i0, or CAR_i for a window). Assumes median 0 and independence (Brown & Warner 1980;
// estudy2 `sign_test`). NaN for N = 0.
TestValue sign_test(std::span<const double> x);

// Which estimation-window fraction of positive ARs the generalized sign test uses.
enum class SignPHat {
  per_firm_mean, // Cowan (1992): p = (1/N) sum_i (1/M_i) sum_t S_it (EventStudy, ARC)
  pooled,        // estudy2: positives / all non-missing firm-days of the estimation rows
};

// p-hat over the estimation rows (the rows not in panel.event_rows). NaN when no estimation
// AR is present or the panel is invalid. per_firm_mean averages over firms with at least one
// estimation AR.
double generalized_sign_p_hat(const ArPanel& panel, SignPHat kind);

// Generalized sign test (Cowan 1992, Rev. Quant. Fin. Acc. 2, 343-358; design/methods.md T9):
//   Z = (w - N p) / sqrt(N p (1 - p)), w = #{x_i > 0}, N = x.size().
// Window form (Cowan 1992): x = CAR_i over the window and the same daily estimation-window p
// (the share of positive daily ARs), as Cowan applies it to multi-day windows.
// Assumes independent firms and that the estimation-window share of positive ARs is the null
// probability on the event day (robust to skewed ARs). NaN for N = 0 or p outside (0, 1).
TestValue generalized_sign_test(std::span<const double> x, double p_hat);

// Corrado & Zivney (1992) sign test (design/methods.md T12): G_it = sign(AR_it - median_i) with
// median_i the median of firm i's non-missing ARs over the combined window;
//   T_0 = A_0 / S_G, A_t = (1/sqrt(N_t)) sum_i G_it, S_G = sqrt((1/L) sum_t A_t^2),
// L and cross-sectional sums as RankConvention says. One value per event row. Assumes each
// firm's ARs are i.i.d. over the combined window (no event-induced shift of the median).
// The medians are computed on `threads` threads (0 = util::default_thread_count(); the result
// does not depend on it).
std::vector<TestValue> cz_sign_daily(const ArPanel& panel, RankConvention convention,
                                     std::size_t threads = 1);
// The same (bit-identical), with `ranks` = rank_panel(panel, ...): for a firms_by_days panel
// the medians are read off the firms' sorted rows (PanelRanks::order) instead of selected again.
std::vector<TestValue> cz_sign_daily(const ArPanel& panel, const PanelRanks& ranks,
                                     RankConvention convention, std::size_t threads);

// Multi-day Corrado-Zivney sign over all event rows (the CAR window). Corrado & Zivney (1992,
// J. Financial Quant. Analysis 27, 465-478) define the one-day statistic only; the window form
// applies Cowan's (1992) multi-day construction with the common S_G of the daily test:
//   T_W = sum_{t in W} A_t / (sqrt(L2) S_G), A_t = (1/sqrt(N_t)) sum_i G_it
// (the sum of the daily statistics over sqrt(L2)). N(0,1). NaN when there is no event row or
// any event row's daily statistic is NaN. Checked against
// tests/reference/generate_nonparametric_windows.py. `threads` as in cz_sign_daily.
TestValue cz_sign_window(const ArPanel& panel, RankConvention convention, std::size_t threads = 1);

// cz_sign_window from the panel's cz_sign_daily values (`daily`, one per event row), so a window
// that is the whole event window needs no second pass over the panel. Bit-identical.
TestValue cz_sign_window(std::span<const TestValue> daily);

} // namespace aftershock::stats
