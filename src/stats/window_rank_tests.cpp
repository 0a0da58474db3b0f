// Window rank and sign tests on a sub-panel in one pass (see the header). Each statistic
// repeats the arithmetic of rank_tests.cpp / sign_tests.cpp / corrado_aggregate.hpp exactly:
// per row the scores are summed over the firms in firm order, then the rows in row order.
#include <aftershock/stats/distributions.hpp>
#include <aftershock/stats/window_rank_tests.hpp>
#include <aftershock/util/parallel_for.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "corrado_aggregate.hpp"
#include "ranking.hpp"

namespace aftershock::stats {
namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

// detail::aggregate_scores' second half, from its per-row sums and counts (`total` = the sum
// over the firms of their present rows, as a double summed in firm order).
detail::RowAggregates finish_rows(const std::vector<double>& sums,
                                  const std::vector<std::size_t>& n, std::size_t n_firms,
                                  double total, detail::RowWeight weight,
                                  RankConvention convention) {
  detail::RowAggregates out;
  out.a.assign(sums.size(), std::nan(""));
  double sum_sq = 0.0;
  std::size_t rows_present = 0;
  for (std::size_t t = 0; t < sums.size(); ++t) {
    if (n[t] == 0)
      continue;
    double sum = sums[t];
    // estudy2 (quirk Q1): rowMeans(...) * ncol instead of the sum over present firms.
    if (convention == RankConvention::estudy2)
      sum = sum / static_cast<double>(n[t]) * static_cast<double>(n_firms);
    const double w = weight == detail::RowWeight::inverse_n
                         ? 1.0 / static_cast<double>(n[t])
                         : 1.0 / std::sqrt(static_cast<double>(n[t]));
    out.a[t] = w * sum;
    sum_sq += out.a[t] * out.a[t];
    ++rows_present;
  }
  double divisor = static_cast<double>(rows_present);
  if (convention == RankConvention::estudy2)
    divisor = n_firms == 0 ? 0.0 : total / static_cast<double>(n_firms); // quirk Q2
  if (divisor > 0.0 && sum_sq > 0.0)
    out.s_a = std::sqrt(sum_sq / divisor);
  return out;
}

// cowan_window(event_statistics(...)): the daily A_t / S_A summed over the event rows / sqrt(L2).
TestValue cowan_of(const detail::RowAggregates& agg, const std::vector<std::size_t>& event) {
  std::vector<TestValue> daily;
  daily.reserve(event.size());
  for (const std::size_t row : event)
    daily.push_back(normal_test_value(std::isnan(agg.s_a) ? k_nan : agg.a[row] / agg.s_a));
  return detail::cowan_window(daily);
}

} // namespace

WindowRankTests window_rank_tests(const ArPanel& panel, const PanelRanks& ranks,
                                  std::span<const std::size_t> rows, RankConvention convention,
                                  std::size_t threads) {
  const WindowRankTests undefined{normal_test_value(k_nan), normal_test_value(k_nan),
                                  normal_test_value(k_nan)};
  const std::size_t n_firms = panel.n_firms;
  if (!panel.valid() || ranks.n_days != panel.n_days || ranks.n_firms != n_firms ||
      ranks.k.size() != panel.values.size() || ranks.m.size() != n_firms ||
      ranks.layout != panel.layout)
    return undefined;
  for (std::size_t r = 0; r < rows.size(); ++r)
    if (rows[r] >= panel.n_days || (r > 0 && rows[r] <= rows[r - 1]))
      return undefined;
  std::vector<std::size_t> event; // the sub-panel's event rows
  for (std::size_t r = 0; r < rows.size(); ++r)
    if (std::binary_search(panel.event_rows.begin(), panel.event_rows.end(), rows[r]))
      event.push_back(r);
  const std::vector<std::size_t> removed = detail::complement_rows(rows, panel.n_days);
  const std::size_t n_rows = rows.size();
  std::vector<std::size_t> m(n_firms, 0);
  // Per sub-panel row: the sums over the present firms (in firm order) of K - Kbar_i
  // (Corrado), K / (M_i' + 1) - 1/2 (CZ rank), sign(AR - median_i) (CZ sign) and K (estudy2's
  // window rank); a firm is present on a row exactly when its AR is (then so are its rank and
  // its sign, as its median exists).
  std::vector<double> sum_rank(n_rows, 0.0);
  std::vector<double> sum_cz_rank(n_rows, 0.0);
  std::vector<double> sum_cz_sign(n_rows, 0.0);
  std::vector<double> sum_k(n_rows, 0.0);
  std::vector<std::size_t> n(n_rows, 0);
  // The sub-panel ranks of the event rows, firm-major (event.size() per firm; NaN = missing),
  // for estudy2's window rank.
  std::vector<double> event_k(n_firms * event.size());
  // Adds firm i's sub-panel ranks `k` (by panel row) and AR signs to the sums of rows
  // [begin, end); each row's sums run over the firms in firm order.
  const auto add_firm = [&](std::size_t i, std::size_t begin, std::size_t end, double median,
                            const auto& value, const auto& rank) {
    const double kbar = (static_cast<double>(m[i]) + 1.0) / 2.0; // Corrado: (M_i' + 1) / 2
    const double divisor = static_cast<double>(m[i]) + 1.0;      // Corrado-Zivney: M_i' + 1
    for (std::size_t r = begin; r < end; ++r) {
      const std::size_t row = rows[r];
      const double v = value(row);
      if (std::isnan(v))
        continue;
      const double k = rank(r, row, v);
      const double d = v - median;
      sum_rank[r] += k - kbar;
      sum_cz_rank[r] += k / divisor - 0.5;
      sum_cz_sign[r] += static_cast<double>((d > 0.0) - (d < 0.0));
      sum_k[r] += k;
      ++n[r];
    }
  };
  if (!ranks.order.empty()) {
    // Firm-major panel with its sorted rows: each firm's sub-panel ranks and median in one
    // linear pass over its sorted rows (detail::rank_kept_rows), no sort and no search.
    std::vector<char> keep(panel.n_days, 0);
    for (const std::size_t t : rows)
      keep[t] = 1;
    std::vector<double> medians(n_firms);
    const auto firm_order = [&](std::size_t i) {
      return std::span<const std::uint16_t>(ranks.order).subspan(i * panel.n_days, ranks.m[i]);
    };
    // Firms in chunks: the chunk's sub-panel ranks are computed in parallel over its firms
    // (a small buffer that stays in cache), then added to the row sums in parallel over the
    // rows, each row's sums running over the firms in firm order.
    constexpr std::size_t k_chunk = 4096;
    std::vector<float> chunk_k(std::min(k_chunk, n_firms) * n_rows); // exact: half-integers
    for (std::size_t first = 0; first < n_firms; first += k_chunk) {
      const std::size_t width = std::min(k_chunk, n_firms - first);
      util::parallel_for(width, threads, [&](std::size_t begin, std::size_t end) {
        std::vector<std::uint32_t> kept;
        std::vector<double> k(panel.n_days);
        for (std::size_t c = begin; c < end; ++c) {
          const std::size_t i = first + c;
          const std::span<const double> x = panel.firm_values(i);
          medians[i] = detail::rank_kept_rows(x, firm_order(i), keep, kept, k.data());
          m[i] = kept.size();
          for (std::size_t r = 0; r < n_rows; ++r)
            chunk_k[c * n_rows + r] =
                std::isnan(x[rows[r]]) ? 0.0F : static_cast<float>(k[rows[r]]);
          for (std::size_t e = 0; e < event.size(); ++e)
            event_k[i * event.size() + e] =
                std::isnan(x[rows[event[e]]]) ? k_nan : k[rows[event[e]]];
        }
      });
      util::parallel_for(n_rows, threads, [&](std::size_t begin, std::size_t end) {
        for (std::size_t c = 0; c < width; ++c) {
          const std::size_t i = first + c;
          const std::span<const double> x = panel.firm_values(i);
          const float* k = chunk_k.data() + c * n_rows;
          add_firm(
              i, begin, end, medians[i], [&](std::size_t row) { return x[row]; },
              [&](std::size_t r, std::size_t, double) { return static_cast<double>(k[r]); });
        }
      });
    }
  } else {
    // Per firm: its non-missing removed values (restrict_ranks), its number of ARs M_i' in the
    // sub-panel, and the median of those ARs (cz_sign_daily), firms in blocks of adjacent columns.
    const std::size_t slots = removed.size();
    std::vector<double> gone(n_firms * slots);
    std::vector<std::size_t> n_gone(n_firms, 0);
    std::vector<double> medians(n_firms);
    {
      constexpr std::size_t k_block = 16; // adjacent columns: whole cache lines per row read
      const std::size_t n_blocks = (n_firms + k_block - 1) / k_block;
      util::parallel_for(n_blocks, threads, [&](std::size_t begin, std::size_t end) {
        std::vector<std::vector<double>> columns(k_block);
        for (auto& c : columns)
          c.reserve(rows.size());
        for (std::size_t b = begin; b < end; ++b) {
          const std::size_t first = b * k_block;
          const std::size_t width = std::min(k_block, n_firms - first);
          for (std::size_t c = 0; c < width; ++c)
            columns[c].clear();
          for (const std::size_t t : rows)
            for (std::size_t c = 0; c < width; ++c)
              columns[c].push_back(panel.at(t, first + c));
          for (std::size_t c = 0; c < width; ++c) {
            const std::size_t i = first + c;
            for (const std::size_t t : removed)
              if (const double v = panel.at(t, i); !std::isnan(v))
                gone[i * slots + n_gone[i]++] = v;
            m[i] = ranks.m[i] - n_gone[i];
            medians[i] = detail::median_in_place(columns[c]);
          }
        }
      });
    }
    // The firm's rank in the sub-panel from its rank in the panel (restrict_ranks): 2 x average
    // rank = start + 1 + end of the tie block; each removed smaller value moves both down by one,
    // each removed tie moves end down by one.
    const auto sub_rank = [&](std::size_t row, std::size_t i, double v) {
      auto twice = static_cast<long long>(2.0 * ranks.at(row, i));
      const double* g = gone.data() + i * slots;
      for (std::size_t s = 0; s < n_gone[i]; ++s)
        twice -= (g[s] < v ? 2 : 0) + (g[s] == v ? 1 : 0);
      return static_cast<double>(twice) / 2.0;
    };
    for (std::size_t i = 0; i < n_firms; ++i)
      for (std::size_t e = 0; e < event.size(); ++e) {
        const std::size_t row = rows[event[e]];
        const double v = panel.at(row, i);
        event_k[i * event.size() + e] = std::isnan(v) ? k_nan : sub_rank(row, i, v);
      }
    // Each thread owns a block of rows and walks the firms in order (firm by firm into the
    // per-row sums: the same order as a row-by-row loop).
    util::parallel_for(n_rows, threads, [&](std::size_t begin, std::size_t end) {
      for (std::size_t i = 0; i < n_firms; ++i)
        add_firm(
            i, begin, end, medians[i], [&](std::size_t row) { return panel.at(row, i); },
            [&](std::size_t, std::size_t row, double v) { return sub_rank(row, i, v); });
    });
  }
  double total = 0.0; // sum over the firms of their present rows (aggregate_scores' per_firm)
  for (std::size_t i = 0; i < n_firms; ++i)
    total += static_cast<double>(m[i]);

  WindowRankTests out = undefined;
  // Corrado / Cowan window rank (rank_tests.cpp corrado_rank_window).
  if (!event.empty()) {
    const double l2 = static_cast<double>(event.size());
    if (convention == RankConvention::textbook) {
      const auto agg = finish_rows(sum_rank, n, n_firms, total, detail::RowWeight::inverse_n,
                                   RankConvention::textbook);
      double sum = 0.0;
      for (const std::size_t row : event)
        sum += agg.a[row];
      out.rank = std::isnan(agg.s_a) ? normal_test_value(k_nan)
                                     : normal_test_value(std::sqrt(l2) * (sum / l2) / agg.s_a);
    } else {
      double common_kbar = 0.0;
      double mean_m = 0.0;
      for (const std::size_t mi : m) {
        common_kbar += (static_cast<double>(mi) + 1.0) / 2.0;
        mean_m += static_cast<double>(mi);
      }
      common_kbar /= static_cast<double>(n_firms);
      mean_m /= static_cast<double>(n_firms);
      double sum_sq = 0.0;
      for (std::size_t r = 0; r < n_rows; ++r)
        if (n[r] > 0)
          sum_sq += (sum_k[r] / static_cast<double>(n[r]) - common_kbar) *
                    (sum_k[r] / static_cast<double>(n[r]) - common_kbar);
      double event_sum = 0.0; // one running sum over the event rows, firms in order
      std::size_t event_n = 0;
      for (std::size_t e = 0; e < event.size(); ++e)
        for (std::size_t i = 0; i < n_firms; ++i)
          if (const double k = event_k[i * event.size() + e]; !std::isnan(k)) {
            event_sum += k;
            ++event_n;
          }
      if (event_n > 0 && sum_sq > 0.0 && mean_m > 0.0)
        out.rank = normal_test_value(std::sqrt(l2) *
                                     (event_sum / static_cast<double>(event_n) - common_kbar) /
                                     std::sqrt(sum_sq / mean_m));
    }
  }
  // Corrado-Zivney rank and sign (cz_rank_window, cz_sign_window).
  out.cz_rank = cowan_of(
      finish_rows(sum_cz_rank, n, n_firms, total, detail::RowWeight::inverse_sqrt_n, convention),
      event);
  out.cz_sign = cowan_of(
      finish_rows(sum_cz_sign, n, n_firms, total, detail::RowWeight::inverse_sqrt_n, convention),
      event);
  return out;
}

} // namespace aftershock::stats
