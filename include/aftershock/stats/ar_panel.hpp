#pragma once
// The input of the rank- and sign-type tests: abnormal returns of N firms over the combined
// estimation + event window, as a days x firms or a firms x days matrix, plus which rows (days)
// form the event window.

#include <cstddef>
#include <span>

namespace aftershock::stats {

// How a panel's values are stored.
enum class PanelLayout {
  days_by_firms, // values[t * n_firms + i]: one row per day (a day's firms are adjacent)
  firms_by_days, // values[i * n_days + t]: one row per firm (a firm's days are adjacent; the
                 // fast layout for the per-firm sorts and medians of the rank and sign tests)
};

// A read-only view. at(t, i) is AR_it (NaN = firm i has no AR on row t).
// Rows listed in `event_rows` (strictly increasing, each < n_days) are the event window; every
// other row is an estimation row. The two windows must not overlap (Corrado 1989).
// Every test gives bit-identical results for both layouts (sums over firms run in firm order).
struct ArPanel {
  std::span<const double> values;
  std::size_t n_days = 0;
  std::size_t n_firms = 0;
  std::span<const std::size_t> event_rows;
  PanelLayout layout = PanelLayout::days_by_firms;

  // AR_it.
  double at(std::size_t row, std::size_t firm) const noexcept {
    return layout == PanelLayout::days_by_firms ? values[row * n_firms + firm]
                                                : values[firm * n_days + row];
  }

  // Firm i's n_days values in day order; only for PanelLayout::firms_by_days.
  std::span<const double> firm_values(std::size_t firm) const noexcept {
    return values.subspan(firm * n_days, n_days);
  }

  // True when the sizes agree, every event row is in range and the rows strictly increase.
  bool valid() const noexcept;
};

// How the rank / Corrado-Zivney tests aggregate across firms (design/methods.md Q1).
enum class RankConvention {
  // Sum over the firms present on each row; variance averaged over the rows with at least one
  // firm; Kbar_i = firm i's own mean rank (M_i' + 1) / 2.
  textbook,
  // estudy2 0.10: a row's sum is (mean over firms present) x (total number of firms), and the
  // variance sum is divided by the mean number of observations per firm (quirks Q1, Q2 in
  // design/methods.md section 7). Window rank: one common Kbar = mean over firms of Kbar_i.
  estudy2,
};

} // namespace aftershock::stats
