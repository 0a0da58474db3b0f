// Corrado (1989) rank, Cowan (1992) multi-day rank and Corrado-Zivney (1992) standardized rank.
#include <aftershock/stats/distributions.hpp>
#include <aftershock/stats/rank_tests.hpp>

#include <cmath>
#include <limits>

#include "corrado_aggregate.hpp"
#include "ranking.hpp"

namespace aftershock::stats {
namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

bool matches(const ArPanel& panel, const PanelRanks& ranks) noexcept {
  return ranks.n_days == panel.n_days && ranks.n_firms == panel.n_firms &&
         ranks.layout == panel.layout && ranks.k.size() == panel.n_days * panel.n_firms &&
         ranks.m.size() == panel.n_firms;
}

std::vector<TestValue> nan_values(const ArPanel& panel) {
  return std::vector<TestValue>(panel.event_rows.size(), normal_test_value(k_nan));
}

// aggregate_rows of K_it - Kbar_i with Kbar_i = (M_i' + 1) / 2 (the mean of average ranks
// 1..M_i'), without copying the ranks.
detail::RowAggregates aggregate_centred_ranks(const PanelRanks& ranks, RankConvention convention) {
  std::vector<double> kbar(ranks.n_firms);
  for (std::size_t i = 0; i < ranks.n_firms; ++i)
    kbar[i] = (static_cast<double>(ranks.m[i]) + 1.0) / 2.0;
  return detail::aggregate_scores(
      ranks.n_days, ranks.n_firms,
      [&](std::size_t t, std::size_t i) { return ranks.at(t, i) - kbar[i]; },
      detail::RowWeight::inverse_n, convention);
}

std::vector<TestValue> event_statistics(const ArPanel& panel, const detail::RowAggregates& agg) {
  std::vector<TestValue> out;
  for (const std::size_t row : panel.event_rows) {
    const double s = agg.s_a;
    out.push_back(normal_test_value(std::isnan(s) ? k_nan : agg.a[row] / s));
  }
  return out;
}

} // namespace

std::vector<TestValue> corrado_rank_daily(const ArPanel& panel, RankConvention convention) {
  if (!panel.valid())
    return nan_values(panel);
  return corrado_rank_daily(panel, rank_panel(panel, 1), convention);
}

std::vector<TestValue> corrado_rank_daily(const ArPanel& panel, const PanelRanks& ranks,
                                          RankConvention convention) {
  if (!panel.valid() || !matches(panel, ranks))
    return nan_values(panel);
  return event_statistics(panel, aggregate_centred_ranks(ranks, convention));
}

TestValue corrado_rank_window(const ArPanel& panel, RankConvention convention) {
  if (!panel.valid() || panel.event_rows.empty())
    return normal_test_value(k_nan);
  return corrado_rank_window(panel, rank_panel(panel, 1), convention);
}

TestValue corrado_rank_window(const ArPanel& panel, const PanelRanks& ranks,
                              RankConvention convention) {
  if (!panel.valid() || panel.event_rows.empty() || !matches(panel, ranks))
    return normal_test_value(k_nan);
  const double l2 = static_cast<double>(panel.event_rows.size());
  if (convention == RankConvention::textbook) {
    // Cowan 1992: sqrt(L2) x mean over the event rows of A_t, divided by S_K.
    const auto agg = aggregate_centred_ranks(ranks, RankConvention::textbook);
    double sum = 0.0;
    for (const std::size_t row : panel.event_rows)
      sum += agg.a[row];
    if (std::isnan(agg.s_a))
      return normal_test_value(k_nan);
    return normal_test_value(std::sqrt(l2) * (sum / l2) / agg.s_a);
  }
  // estudy2 car_rank_test: one common Kbar (mean of the firms' mean ranks), plain row means,
  // variance divided by the mean number of observations per firm.
  double kbar = 0.0;
  double mean_m = 0.0;
  for (const std::size_t m : ranks.m) {
    kbar += (static_cast<double>(m) + 1.0) / 2.0;
    mean_m += static_cast<double>(m);
  }
  kbar /= static_cast<double>(panel.n_firms);
  mean_m /= static_cast<double>(panel.n_firms);
  // Row sums over the firms in firm order, accumulated firm by firm (see aggregate_scores).
  std::vector<double> row_sum(panel.n_days, 0.0);
  std::vector<std::size_t> row_n(panel.n_days, 0);
  for (std::size_t i = 0; i < panel.n_firms; ++i)
    for (std::size_t t = 0; t < panel.n_days; ++t)
      if (const double k = ranks.at(t, i); !std::isnan(k)) {
        row_sum[t] += k;
        ++row_n[t];
      }
  double sum_sq = 0.0;
  for (std::size_t t = 0; t < panel.n_days; ++t) {
    const double sum = row_sum[t];
    const std::size_t n = row_n[t];
    if (n > 0)
      sum_sq += (sum / static_cast<double>(n) - kbar) * (sum / static_cast<double>(n) - kbar);
  }
  double event_sum = 0.0;
  std::size_t event_n = 0;
  for (const std::size_t row : panel.event_rows)
    for (std::size_t i = 0; i < panel.n_firms; ++i)
      if (const double k = ranks.at(row, i); !std::isnan(k)) {
        event_sum += k;
        ++event_n;
      }
  if (event_n == 0 || sum_sq <= 0.0 || mean_m <= 0.0)
    return normal_test_value(k_nan);
  return normal_test_value(std::sqrt(l2) * (event_sum / static_cast<double>(event_n) - kbar) /
                           std::sqrt(sum_sq / mean_m));
}

std::vector<TestValue> cz_rank_daily(const ArPanel& panel, RankConvention convention) {
  if (!panel.valid())
    return nan_values(panel);
  return cz_rank_daily(panel, rank_panel(panel, 1), convention);
}

std::vector<TestValue> cz_rank_daily(const ArPanel& panel, const PanelRanks& ranks,
                                     RankConvention convention) {
  if (!panel.valid() || !matches(panel, ranks))
    return nan_values(panel);
  // U_it - 1/2 = K_it / (M_i' + 1) - 1/2, computed on the fly (no copy of the ranks).
  std::vector<double> divisor(ranks.n_firms);
  for (std::size_t i = 0; i < ranks.n_firms; ++i)
    divisor[i] = static_cast<double>(ranks.m[i]) + 1.0;
  return event_statistics(
      panel, detail::aggregate_scores(
                 ranks.n_days, ranks.n_firms,
                 [&](std::size_t t, std::size_t i) { return ranks.at(t, i) / divisor[i] - 0.5; },
                 detail::RowWeight::inverse_sqrt_n, convention));
}

TestValue cz_rank_window(const ArPanel& panel, RankConvention convention) {
  return detail::cowan_window(cz_rank_daily(panel, convention));
}

TestValue cz_rank_window(const ArPanel& panel, const PanelRanks& ranks, RankConvention convention) {
  return detail::cowan_window(cz_rank_daily(panel, ranks, convention));
}

} // namespace aftershock::stats
