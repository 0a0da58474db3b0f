// T13 Kolari & Pynnonen (2011) generalized rank test.
#include <aftershock/stats/distributions.hpp>
#include <aftershock/stats/grank.hpp>
#include <aftershock/util/parallel_for.hpp>

#include <cmath>
#include <vector>

#include "ranking.hpp"
#include "sample_moments.hpp"

namespace aftershock::stats {

namespace {

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

} // namespace

GrankResult grank(std::span<const double> estimation_sar, std::size_t n_estimation_days,
                  std::size_t n_firms, std::span<const double> scar, double rbar) {
  const GrankResult undefined{normal_test_value(detail::k_nan),
                              t_test_value(detail::k_nan, detail::k_nan)};
  if (n_firms == 0 || estimation_sar.size() != n_estimation_days * n_firms ||
      scar.size() != n_firms || !(rbar > -1.0 && rbar < 1.0))
    return undefined;
  // Steps 1 and 6 (grank.hpp): SCAR*_i = SCAR_i sqrt(1 - rbar) / S_SCAR over the firms with a
  // SCAR; S_SCAR / sqrt(1 - rbar) estimates the scale of SCAR_i under cross-correlation (KP 2010).
  std::vector<double> present;
  for (const double v : scar)
    if (!std::isnan(v))
      present.push_back(v);
  const double sd = detail::sample_sd(present);
  if (std::isnan(sd) || sd == 0.0)
    return undefined;
  const double scale = std::sqrt(1.0 - rbar) / sd;
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
    : m_sar(estimation_sar), m_days(n_estimation_days), m_firms(n_firms), m_threads(threads) {
  if (estimation_sar.size() != n_estimation_days * n_firms)
    return; // test() answers NaN
  m_rank2.assign(estimation_sar.size(), 0);
  m_present.assign(n_firms, 0);
  util::parallel_for(n_firms, threads, [&](std::size_t begin, std::size_t end) {
    std::vector<double> column(n_estimation_days);
    std::vector<double> ranks(n_estimation_days);
    detail::RankScratch scratch;
    scratch.reserve(n_estimation_days);
    for (std::size_t i = begin; i < end; ++i) {
      for (std::size_t t = 0; t < n_estimation_days; ++t)
        column[t] = estimation_sar[t * n_firms + i];
      m_present[i] = static_cast<std::uint32_t>(detail::average_ranks_into(column, scratch, ranks));
      for (std::size_t t = 0; t < n_estimation_days; ++t)
        if (!std::isnan(ranks[t]))
          m_rank2[t * n_firms + i] = static_cast<std::uint32_t>(2.0 * ranks[t]); // exact
    }
  });
}

GrankResult GrankPanel::test(std::span<const double> scar, double rbar) const {
  const GrankResult undefined{normal_test_value(detail::k_nan),
                              t_test_value(detail::k_nan, detail::k_nan)};
  if (m_firms == 0 || m_sar.size() != m_days * m_firms || scar.size() != m_firms ||
      !(rbar > -1.0 && rbar < 1.0))
    return undefined;
  // Steps 1 and 6 as in grank().
  std::vector<double> present;
  for (const double v : scar)
    if (!std::isnan(v))
      present.push_back(v);
  const double sd = detail::sample_sd(present);
  if (std::isnan(sd) || sd == 0.0)
    return undefined;
  const double scale = std::sqrt(1.0 - rbar) / sd;
  const std::size_t n = m_firms;
  std::vector<double> x(n);       // GSAR_i0
  std::vector<double> rank_x(n);  // its average rank among the firm's GSARs, NaN when missing
  std::vector<double> divisor(n); // T_i + 1
  for (std::size_t i = 0; i < n; ++i)
    x[i] = scar[i] * scale;
  // Pass 1, by firm: #{v < x_i} and #{v == x_i} over firm i's estimation SARs (NaN compares
  // false both ways).
  util::parallel_for(n, m_threads, [&](std::size_t begin, std::size_t end) {
    std::vector<std::uint32_t> less(end - begin, 0);
    std::vector<std::uint32_t> equal(end - begin, 0);
    for (std::size_t t = 0; t < m_days; ++t) {
      const double* row = m_sar.data() + t * n;
      for (std::size_t i = begin; i < end; ++i) {
        less[i - begin] += row[i] < x[i] ? 1U : 0U;
        equal[i - begin] += row[i] == x[i] ? 1U : 0U;
      }
    }
    for (std::size_t i = begin; i < end; ++i) {
      const bool has_x = !std::isnan(x[i]);
      const std::size_t t_i = m_present[i] + (has_x ? 1U : 0U); // step 2's T_i
      divisor[i] = static_cast<double>(t_i) + 1.0;
      // Positions start..end-1 of the sorted GSARs hold x and its ties: rank (start+1+end)/2.
      const std::size_t start = less[i - begin];
      const std::size_t stop = start + equal[i - begin] + 1;
      rank_x[i] = has_x ? static_cast<double>(start + 1 + stop) / 2.0 : detail::k_nan;
    }
  });
  // Pass 2, by row: U_it summed over the firms in firm order (grank()'s order).
  std::vector<double> row_sum(m_days + 1, 0.0);
  std::vector<std::size_t> row_n(m_days + 1, 0);
  util::parallel_for(m_days, m_threads, [&](std::size_t begin, std::size_t end) {
    for (std::size_t t = begin; t < end; ++t) {
      const double* row = m_sar.data() + t * n;
      const std::uint32_t* rank2 = m_rank2.data() + t * n;
      double sum = 0.0;
      std::size_t count = 0;
      for (std::size_t i = 0; i < n; ++i) {
        if (rank2[i] == 0)
          continue; // NaN SAR
        const double v = row[i];
        const std::uint32_t shift = x[i] < v ? 2U : (x[i] == v ? 1U : 0U);
        const double rank = static_cast<double>(rank2[i] + shift) / 2.0;
        sum += rank / divisor[i] - 0.5; // step 2
        ++count;
      }
      row_sum[t] = sum;
      row_n[t] = count;
    }
  });
  for (std::size_t i = 0; i < n; ++i)
    if (!std::isnan(rank_x[i])) {
      row_sum[m_days] += rank_x[i] / divisor[i] - 0.5;
      ++row_n[m_days];
    }
  return grank_from_rows(row_sum, row_n, m_days, m_firms);
}

} // namespace aftershock::stats
