// T13 Kolari & Pynnonen (2011) generalized rank test.
#include <aftershock/stats/distributions.hpp>
#include <aftershock/stats/grank.hpp>
#include <aftershock/util/huge_pages.hpp>
#include <aftershock/util/parallel_for.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

#include "ranking.hpp"
#include "sample_moments.hpp"

namespace aftershock::stats {

namespace {

// GrankPanel keeps each firm's sorted SAR rows as 16-bit row indices up to this many days.
constexpr std::size_t k_max_sorted_days = 65536;

// Steps 3-5 of grank() (and GrankPanel) from the row sums of U (rows 0..L1-1 the estimation days,
// row L1 the CAR row); rows summed over the firms in order.
GrankResult grank_from_rows(const std::vector<double>& row_sum,
                            const std::vector<std::size_t>& row_n, std::size_t n_estimation_days,
                            std::size_t n_firms) {
  const GrankResult undefined{normal_test_value(detail::k_nan),
                              t_test_value(detail::k_nan, detail::k_nan)};
  const double n = static_cast<double>(n_firms);
  const double big_t = static_cast<double>(row_sum.size());
  double sum = 0.0;
  double ubar0 = detail::k_nan;
  for (std::size_t t = 0; t < row_sum.size(); ++t) {
    if (row_n[t] == 0)
      continue;
    const double ubar = row_sum[t] / static_cast<double>(row_n[t]);
    sum += static_cast<double>(row_n[t]) / n * ubar * ubar; // step 3, row 0 included
    if (t == n_estimation_days)
      ubar0 = ubar;
  }
  const double s_ubar = std::sqrt(sum / big_t);
  if (std::isnan(ubar0) || !(s_ubar > 0.0))
    return undefined;
  const double z = ubar0 / s_ubar; // step 4, KP 2011 eq. (13)
  const double df = big_t - 2.0;
  const double denominator = big_t - 1.0 - z * z;
  // Step 5: internal-to-external studentization, t(T - 2).
  const double t = denominator > 0.0 ? z * std::sqrt(df / denominator) : detail::k_nan;
  return GrankResult{normal_test_value(z), t_test_value(t, df)};
}

// Steps 1 and 6 (grank.hpp): SCAR*_i = SCAR_i sqrt(1 - rbar) / S_SCAR over the firms with a
// SCAR; S_SCAR / sqrt(1 - rbar) estimates the scale of SCAR_i under cross-correlation (KP 2010).
// The factor sqrt(1 - rbar) / S_SCAR, or NaN when S_SCAR is undefined or zero.
double scar_scale(std::span<const double> scar, double rbar) {
  std::vector<double> present;
  for (const double v : scar)
    if (!std::isnan(v))
      present.push_back(v);
  const double sd = detail::sample_sd(present);
  if (std::isnan(sd) || sd == 0.0)
    return detail::k_nan;
  return std::sqrt(1.0 - rbar) / sd;
}

} // namespace

GrankResult grank(std::span<const double> estimation_sar, std::size_t n_estimation_days,
                  std::size_t n_firms, std::span<const double> scar, double rbar) {
  const GrankResult undefined{normal_test_value(detail::k_nan),
                              t_test_value(detail::k_nan, detail::k_nan)};
  if (n_firms == 0 || estimation_sar.size() != n_estimation_days * n_firms ||
      scar.size() != n_firms || !(rbar > -1.0 && rbar < 1.0))
    return undefined;
  const double scale = scar_scale(scar, rbar); // steps 1 and 6
  if (std::isnan(scale))
    return undefined;
  const std::size_t rows = n_estimation_days + 1; // T = L1 + 1, row L1 is the CAR "day 0"
  std::vector<double> u(rows * n_firms, detail::k_nan);
  std::vector<double> gsar(rows); // buffers reused across firms
  std::vector<double> ranks(rows);
  detail::RankScratch scratch;
  scratch.reserve(rows);
  for (std::size_t i = 0; i < n_firms; ++i) {
    for (std::size_t t = 0; t < n_estimation_days; ++t)
      gsar[t] = estimation_sar[t * n_firms + i];
    gsar[n_estimation_days] = scar[i] * scale;
    const double t_i = static_cast<double>(detail::average_ranks_into(gsar, scratch, ranks));
    for (std::size_t t = 0; t < rows; ++t)
      u[t * n_firms + i] = ranks[t] / (t_i + 1.0) - 0.5; // step 2
  }
  std::vector<double> row_sum(rows, 0.0);
  std::vector<std::size_t> row_n(rows, 0);
  for (std::size_t t = 0; t < rows; ++t)
    for (std::size_t i = 0; i < n_firms; ++i)
      if (const double v = u[t * n_firms + i]; !std::isnan(v)) {
        row_sum[t] += v;
        ++row_n[t];
      }
  return grank_from_rows(row_sum, row_n, n_estimation_days, n_firms);
}

GrankPanel::GrankPanel(std::span<const double> estimation_sar, std::size_t n_estimation_days,
                       std::size_t n_firms, std::size_t threads)
    : GrankPanel(
          estimation_sar.size() == n_estimation_days * n_firms
              ? FirmColumn([estimation_sar, n_firms](std::size_t firm, std::span<double> out) {
                  for (std::size_t t = 0; t < out.size(); ++t)
                    out[t] = estimation_sar[t * n_firms + firm];
                })
              : FirmColumn(),
          n_estimation_days, n_firms, threads) {}

GrankPanel::GrankPanel(FirmColumn column, std::size_t n_estimation_days, std::size_t n_firms,
                       std::size_t threads)
    : m_column(std::move(column)), m_days(n_estimation_days), m_firms(n_firms), m_threads(threads) {
  rank_firms(nullptr);
}

GrankPanel::GrankPanel(FirmColumn column, const PanelRanks& ranks, std::size_t n_estimation_days,
                       std::size_t threads)
    : m_column(std::move(column)), m_days(n_estimation_days), m_firms(ranks.n_firms),
      m_threads(threads) {
  const bool usable = !ranks.order.empty() && ranks.n_days >= n_estimation_days &&
                      ranks.m.size() == ranks.n_firms &&
                      ranks.order.size() == ranks.n_days * ranks.n_firms;
  rank_firms(usable ? &ranks : nullptr);
}

void GrankPanel::rank_firms(const PanelRanks* panel_ranks) {
  if (!m_column)
    return; // the tests answer NaN
  const std::size_t n_estimation_days = m_days;
  const std::size_t n_firms = m_firms;
  m_valid = true;
  const bool small = 2 * n_estimation_days + 2 <= std::numeric_limits<std::uint16_t>::max();
  if (small) {
    m_rank2_16.reserve(n_estimation_days * n_firms);
    util::advise_huge_pages(m_rank2_16.data(), m_rank2_16.capacity() * sizeof(std::uint16_t));
    m_rank2_16.resize(n_estimation_days * n_firms);
  } else {
    m_rank2_32.reserve(n_estimation_days * n_firms);
    util::advise_huge_pages(m_rank2_32.data(), m_rank2_32.capacity() * sizeof(std::uint32_t));
    m_rank2_32.resize(n_estimation_days * n_firms);
  }
  m_present.resize(n_firms);
  const bool keep_sorted = n_estimation_days <= k_max_sorted_days;
  if (keep_sorted) {
    m_sorted.reserve(n_estimation_days * n_firms);
    util::advise_huge_pages(m_sorted.data(), m_sorted.capacity() * sizeof(std::uint16_t));
    m_sorted.resize(n_estimation_days * n_firms);
  }
  util::parallel_for(n_firms, m_threads, [&](std::size_t begin, std::size_t end) {
    std::vector<double> values(n_estimation_days);
    std::vector<double> ranks(n_estimation_days);
    std::vector<std::uint32_t> kept;
    std::vector<std::uint32_t> firm_rank2(n_estimation_days);
    kept.reserve(n_estimation_days);
    detail::RankScratch scratch;
    scratch.reserve(n_estimation_days);
    for (std::size_t i = begin; i < end; ++i) {
      m_column(i, values);
      std::vector<std::uint32_t>& rank2 = firm_rank2; // copied to m_rank2_16 / _32 below
      const auto store = [&] {
        if (small)
          for (std::size_t t = 0; t < n_estimation_days; ++t)
            m_rank2_16[i * n_estimation_days + t] = static_cast<std::uint16_t>(rank2[t]);
        else
          std::copy(rank2.begin(), rank2.end(),
                    m_rank2_32.begin() + static_cast<std::ptrdiff_t>(i * n_estimation_days));
      };
      std::uint16_t* sorted_rows = keep_sorted ? m_sorted.data() + i * n_estimation_days : nullptr;
      if (panel_ranks != nullptr) {
        // The estimation rows of the panel's sorted rows: when their SARs are non-decreasing
        // and are all the firm's non-NaN SARs, they are a sorted order of the SARs, and each
        // tie block [start, stop) of equal SARs has 2 x average rank start + 1 + stop.
        const std::size_t stride = panel_ranks->n_days;
        const std::uint16_t* order = panel_ranks->order.data() + i * stride;
        kept.clear();
        bool sorted = true;
        for (std::size_t j = 0; j < panel_ranks->m[i]; ++j) {
          const std::uint16_t t = order[j];
          if (t >= n_estimation_days || std::isnan(values[t]))
            continue;
          sorted = sorted && (kept.empty() || values[kept.back()] <= values[t]);
          kept.push_back(t);
        }
        std::size_t present = 0;
        for (const double v : values)
          present += std::isnan(v) ? 0U : 1U;
        if (sorted && present == kept.size()) {
          for (std::size_t t = 0; t < n_estimation_days; ++t)
            rank2[t] = 0U; // NaN
          detail::for_each_tie_block(
              kept.size(),
              [&](std::size_t a, std::size_t b) { return values[kept[b]] == values[kept[a]]; },
              [&](std::size_t start, std::size_t stop) {
                for (std::size_t j = start; j < stop; ++j)
                  rank2[kept[j]] = static_cast<std::uint32_t>(start + 1 + stop);
              });
          m_present[i] = static_cast<std::uint32_t>(present);
          if (sorted_rows != nullptr)
            for (std::size_t j = 0; j < kept.size(); ++j)
              sorted_rows[j] = static_cast<std::uint16_t>(kept[j]);
          store();
          continue;
        }
      }
      m_present[i] = static_cast<std::uint32_t>(detail::average_ranks_into(values, scratch, ranks));
      if (sorted_rows != nullptr) // scratch holds the sorted (SAR, row) pairs
        for (std::size_t j = 0; j < scratch.size(); ++j)
          sorted_rows[j] = static_cast<std::uint16_t>(scratch[j].second);
      for (std::size_t t = 0; t < n_estimation_days; ++t)
        rank2[t] = std::isnan(ranks[t]) ? 0U : static_cast<std::uint32_t>(2.0 * ranks[t]); // exact
      store();
    }
  });
}

GrankResult GrankPanel::test(std::span<const double> scar, double rbar) const {
  const std::span<const double> one[] = {scar};
  return test_many(one, rbar).front();
}

std::vector<GrankResult> GrankPanel::test_many(std::span<const std::span<const double>> scars,
                                               double rbar) const {
  const GrankResult undefined{normal_test_value(detail::k_nan),
                              t_test_value(detail::k_nan, detail::k_nan)};
  std::vector<GrankResult> out(scars.size(), undefined);
  if (m_firms == 0 || !m_valid || !(rbar > -1.0 && rbar < 1.0))
    return out;
  // Steps 1 and 6 as in grank(), per cross-section; `active` are the defined ones.
  std::vector<std::size_t> active;
  std::vector<double> scales;
  for (std::size_t k = 0; k < scars.size(); ++k) {
    if (scars[k].size() != m_firms)
      continue;
    const double scale = scar_scale(scars[k], rbar);
    if (std::isnan(scale))
      continue;
    active.push_back(k);
    scales.push_back(scale);
  }
  const std::size_t a_n = active.size();
  if (a_n == 0)
    return out;
  const std::size_t n = m_firms;
  const std::size_t days = m_days;
  // Per firm i and cross-section a (index i * a_n + a): GSAR_i0's average rank (NaN when
  // missing), the divisor T_i + 1 of step 2, and the thresholds that turn an estimation value's
  // 2 x rank r into its rank with GSAR_i0 added: r <= lo: v < x (no shift); r >= hi: v > x
  // (+2); otherwise v == x (+1). (A tie block [s, e) of the sorted values has r = s + 1 + e;
  // with l = #{v < x}, q = #{v == x}: blocks below x have e <= l so r <= 2l, x's ties have
  // r = 2l + q + 1, blocks above have s >= l + q so r >= 2(l + q) + 2.)
  constexpr std::uint32_t k_never = std::numeric_limits<std::uint32_t>::max();
  std::vector<double> rank_x(n * a_n);
  std::vector<double> divisor(n * a_n);
  std::vector<std::uint32_t> lo(n * a_n);
  std::vector<std::uint32_t> hi(n * a_n);
  std::vector<std::uint8_t> offset(n * a_n); // into pass 2's U values: 0 with GSAR_i0, 3 without
  // Pass 1, by firm: #{v < x} and #{v == x} over firm i's estimation SARs (NaN compares false
  // both ways).
  util::parallel_for(n, m_threads, [&](std::size_t begin, std::size_t end) {
    std::vector<double> values(days);
    for (std::size_t i = begin; i < end; ++i) {
      m_column(i, values);
      for (std::size_t a = 0; a < a_n; ++a) {
        const double x = scars[active[a]][i] * scales[a]; // GSAR_i0
        std::uint32_t less = 0;
        std::uint32_t equal = 0;
        const bool has_x = !std::isnan(x);
        if (!m_sorted.empty()) {
          // Binary search of the sorted SARs (both counts are 0 for a NaN x, as below).
          if (has_x) {
            const std::uint16_t* first = m_sorted.data() + i * days;
            const std::uint16_t* last = first + m_present[i];
            const std::uint16_t* low =
                std::partition_point(first, last, [&](std::uint16_t t) { return values[t] < x; });
            const std::uint16_t* high =
                std::partition_point(low, last, [&](std::uint16_t t) { return values[t] <= x; });
            less = static_cast<std::uint32_t>(low - first);
            equal = static_cast<std::uint32_t>(high - low);
          }
        } else {
          for (const double v : values) {
            less += v < x ? 1U : 0U;
            equal += v == x ? 1U : 0U;
          }
        }
        const std::size_t t_i = m_present[i] + (has_x ? 1U : 0U); // step 2's T_i
        const std::size_t slot = i * a_n + a;
        divisor[slot] = static_cast<double>(t_i) + 1.0;
        // Positions start..end-1 of the sorted GSARs hold x and its ties: rank (start+1+end)/2.
        const std::size_t start = less;
        const std::size_t stop = start + equal + 1;
        rank_x[slot] = has_x ? detail::average_rank(start, stop) : detail::k_nan;
        offset[slot] = has_x ? 0U : 3U;
        lo[slot] = has_x ? 2U * less : k_never;
        hi[slot] = has_x ? 2U * (less + equal) + 2U : k_never;
      }
    }
  });
  // Pass 2, by row: U_it summed over the firms in firm order (grank()'s order); each thread
  // owns a block of rows and walks the firms once, all cross-sections at a time.
  std::vector<double> row_sum((days + 1) * a_n, 0.0); // index t * a_n + a
  std::vector<std::size_t> row_n(days + 1, 0);
  const auto pass2 = [&](const auto& all_rank2, std::size_t begin, std::size_t end) {
    double* sums = row_sum.data() + begin * a_n;
    for (std::size_t i = 0; i < n; ++i) {
      const auto* rank2 = all_rank2.data() + i * days;
      const std::size_t base = i * a_n;
      for (std::size_t t = begin; t < end; ++t) {
        const std::uint32_t r = rank2[t];
        if (r == 0)
          continue; // NaN SAR
        ++row_n[t];
        double* sum = sums + (t - begin) * a_n;
        // Step 2's U = rank / (T_i + 1) - 1/2 takes at most four values on this row: the three
        // shifts with GSAR_i0 present (T_i = M_i + 1) and none without it (T_i = M_i), so
        // they are computed once per row, not once per cross-section (same operations).
        const double with_x = static_cast<double>(m_present[i] + 1U) + 1.0;
        const double without_x = static_cast<double>(m_present[i]) + 1.0;
        const std::array<double, 4> u{static_cast<double>(r) / 2.0 / with_x - 0.5,
                                      static_cast<double>(r + 1U) / 2.0 / with_x - 0.5,
                                      static_cast<double>(r + 2U) / 2.0 / with_x - 0.5,
                                      static_cast<double>(r) / 2.0 / without_x - 0.5};
        for (std::size_t a = 0; a < a_n; ++a) {
          const std::uint32_t shift = (r > lo[base + a] ? 1U : 0U) + (r >= hi[base + a] ? 1U : 0U);
          sum[a] += u[offset[base + a] + shift]; // step 2
        }
      }
    }
  };
  util::parallel_for(days, m_threads, [&](std::size_t begin, std::size_t end) {
    if (m_rank2_16.empty())
      pass2(m_rank2_32, begin, end);
    else
      pass2(m_rank2_16, begin, end);
  });
  std::vector<double> sums(days + 1);
  for (std::size_t a = 0; a < a_n; ++a) {
    for (std::size_t t = 0; t < days; ++t)
      sums[t] = row_sum[t * a_n + a];
    double car_sum = 0.0;
    std::size_t car_n = 0;
    for (std::size_t i = 0; i < n; ++i)
      if (const double r = rank_x[i * a_n + a]; !std::isnan(r)) {
        car_sum += r / divisor[i * a_n + a] - 0.5;
        ++car_n;
      }
    sums[days] = car_sum;
    row_n[days] = car_n;
    out[active[a]] = grank_from_rows(sums, row_n, days, n);
  }
  return out;
}

} // namespace aftershock::stats
