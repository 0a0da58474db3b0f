#pragma once
// Internal: the common aggregation of the Corrado-type tests (Corrado 1989 rank, Corrado &
// Zivney 1992 standardized rank and sign). Each takes per-firm scores D_it (K_it - Kbar_i,
// U_it - 1/2 or G_it), forms the row aggregate A_t = w(N_t) S_t with S_t the cross-sectional
// sum and w(N) = 1/N (rank) or 1/sqrt(N) (CZ), and returns A_0 / S_A with
// S_A^2 = (1/L) sum_t A_t^2 over the combined window.

#include <aftershock/stats/ar_panel.hpp>
#include <aftershock/stats/distributions.hpp>

#include <cmath>
#include <vector>

#include "ranking.hpp"

namespace aftershock::stats::detail {

enum class RowWeight { inverse_n, inverse_sqrt_n };

struct RowAggregates {
  std::vector<double> a; // A_t per row; NaN when no firm is present
  double s_a = std::nan("");
};

// aggregate_rows of the n_days x n_firms scores score(t, i) (NaN = firm absent), computed on
// the fly, so the tests need not materialise a scores matrix per call (issue 6).
template <typename Score>
RowAggregates aggregate_scores(std::size_t n_days, std::size_t n_firms, const Score& score,
                               RowWeight weight, RankConvention convention) {
  struct Shape {
    std::size_t n_days;
    std::size_t n_firms;
  } const d{n_days, n_firms};
  RowAggregates out;
  out.a.assign(d.n_days, std::nan(""));
  // Firm by firm into per-row sums: each row's sum still runs over the firms in firm order
  // (bit-identical to a row-by-row loop), and a firm's scores are read in day order (contiguous
  // for a PanelLayout::firms_by_days panel).
  std::vector<double> row_sum(d.n_days, 0.0);
  std::vector<std::size_t> row_n(d.n_days, 0);
  std::vector<std::size_t> per_firm(d.n_firms, 0);
  for (std::size_t i = 0; i < d.n_firms; ++i) {
    std::size_t present = 0;
    for (std::size_t t = 0; t < d.n_days; ++t) {
      const double v = score(t, i);
      if (std::isnan(v))
        continue;
      row_sum[t] += v;
      ++row_n[t];
      ++present;
    }
    per_firm[i] = present;
  }
  double sum_sq = 0.0;
  std::size_t rows_present = 0;
  for (std::size_t t = 0; t < d.n_days; ++t) {
    double sum = row_sum[t];
    const std::size_t n = row_n[t];
    if (n == 0)
      continue;
    // estudy2 (quirk Q1): rowMeans(...) * ncol instead of the sum over present firms.
    if (convention == RankConvention::estudy2)
      sum = sum / static_cast<double>(n) * static_cast<double>(d.n_firms);
    const double w = weight == RowWeight::inverse_n ? 1.0 / static_cast<double>(n)
                                                    : 1.0 / std::sqrt(static_cast<double>(n));
    out.a[t] = w * sum;
    sum_sq += out.a[t] * out.a[t];
    ++rows_present;
  }
  double divisor = static_cast<double>(rows_present);
  if (convention == RankConvention::estudy2) {
    // Quirk Q2 of the rank tests: the mean number of observations per firm.
    double total = 0.0;
    for (const std::size_t m : per_firm)
      total += static_cast<double>(m);
    divisor = d.n_firms == 0 ? 0.0 : total / static_cast<double>(d.n_firms);
  }
  if (divisor > 0.0 && sum_sq > 0.0)
    out.s_a = std::sqrt(sum_sq / divisor);
  return out;
}

inline RowAggregates aggregate_rows(const Matrix& d, RowWeight weight, RankConvention convention) {
  return aggregate_scores(
      d.n_days, d.n_firms, [&](std::size_t t, std::size_t i) { return d.at(t, i); }, weight,
      convention);
}

// Cowan (1992) multi-day form with the common S_A of the daily statistics A_t / S_A:
// sum over the event rows of the daily statistics / sqrt(L2); NaN when any is NaN or none.
inline TestValue cowan_window(const std::vector<TestValue>& daily) {
  if (daily.empty())
    return normal_test_value(std::nan(""));
  double sum = 0.0;
  for (const auto& v : daily)
    sum += v.statistic;
  return normal_test_value(sum / std::sqrt(static_cast<double>(daily.size())));
}

} // namespace aftershock::stats::detail
