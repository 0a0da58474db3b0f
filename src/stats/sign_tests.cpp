// Sign, generalized sign (Cowan 1992) and Corrado-Zivney (1992) sign tests.
#include <aftershock/stats/distributions.hpp>
#include <aftershock/stats/sign_tests.hpp>
#include <aftershock/util/parallel_for.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>

#include "corrado_aggregate.hpp"
#include "ranking.hpp"

namespace aftershock::stats {
namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

double count_positive(std::span<const double> x) noexcept {
  return static_cast<double>(std::count_if(x.begin(), x.end(), [](double v) { return v > 0.0; }));
}

// Per row: whether it is an event row.
std::vector<bool> event_mask(const ArPanel& panel) {
  std::vector<bool> mask(panel.n_days, false);
  for (const std::size_t row : panel.event_rows)
    mask[row] = true;
  return mask;
}

} // namespace

TestValue sign_test(std::span<const double> x) {
  if (x.empty())
    return normal_test_value(k_nan);
  const double n = static_cast<double>(x.size());
  // Z = (N+ - 0.5 N) / sqrt(0.25 N) (binomial(N, 1/2) normal approximation).
  return normal_test_value((count_positive(x) - 0.5 * n) / std::sqrt(0.25 * n));
}

double generalized_sign_p_hat(const ArPanel& panel, SignPHat kind) {
  if (!panel.valid())
    return k_nan;
  double pooled_pos = 0.0;
  double pooled_n = 0.0;
  double firm_fraction_sum = 0.0;
  std::size_t firms = 0;
  const std::vector<bool> is_event = event_mask(panel);
  for (std::size_t i = 0; i < panel.n_firms; ++i) {
    double pos = 0.0;
    double n = 0.0;
    for (std::size_t t = 0; t < panel.n_days; ++t) {
      const double v = panel.at(t, i);
      if (std::isnan(v) || is_event[t])
        continue;
      n += 1.0;
      pos += v > 0.0 ? 1.0 : 0.0;
    }
    pooled_pos += pos;
    pooled_n += n;
    if (n > 0.0) {
      firm_fraction_sum += pos / n;
      ++firms;
    }
  }
  if (kind == SignPHat::pooled)
    return pooled_n > 0.0 ? pooled_pos / pooled_n : k_nan;
  return firms > 0 ? firm_fraction_sum / static_cast<double>(firms) : k_nan;
}

TestValue generalized_sign_test(std::span<const double> x, double p_hat) {
  if (x.empty() || !(p_hat > 0.0 && p_hat < 1.0))
    return normal_test_value(k_nan);
  const double n = static_cast<double>(x.size());
  return normal_test_value((count_positive(x) - n * p_hat) / std::sqrt(n * p_hat * (1.0 - p_hat)));
}

namespace {

// Each firm's median AR over the panel's rows (detail::median_in_place), from the sorted rows of
// `ranks` when it has them (same middle values, so the same bits).
std::vector<double> firm_medians(const ArPanel& panel, const PanelRanks* ranks,
                                 std::size_t threads) {
  std::vector<double> medians(panel.n_firms);
  if (ranks != nullptr && !ranks->order.empty()) {
    const std::vector<char> keep(panel.n_days, 1);
    util::parallel_for(panel.n_firms, threads, [&](std::size_t begin, std::size_t end) {
      std::vector<std::uint32_t> kept;
      std::vector<double> scratch(panel.n_days);
      for (std::size_t i = begin; i < end; ++i) {
        const auto order =
            std::span<const std::uint16_t>(ranks->order).subspan(i * panel.n_days, ranks->m[i]);
        medians[i] =
            detail::rank_kept_rows(panel.firm_values(i), order, keep, kept, scratch.data());
      }
    });
    return medians;
  }
  if (panel.layout == PanelLayout::firms_by_days) {
    util::parallel_for(panel.n_firms, threads, [&](std::size_t begin, std::size_t end) {
      std::vector<double> column;
      column.reserve(panel.n_days);
      for (std::size_t i = begin; i < end; ++i) {
        const auto values = panel.firm_values(i);
        column.assign(values.begin(), values.end());
        medians[i] = detail::median_in_place(column);
      }
    });
  } else {
    // Firms in blocks of adjacent columns (whole cache lines per row of the row-major panel).
    constexpr std::size_t k_block = 16;
    const std::size_t n_blocks = (panel.n_firms + k_block - 1) / k_block;
    util::parallel_for(n_blocks, threads, [&](std::size_t begin, std::size_t end) {
      std::vector<std::vector<double>> columns(k_block);
      for (auto& c : columns)
        c.reserve(panel.n_days);
      for (std::size_t b = begin; b < end; ++b) {
        const std::size_t first = b * k_block;
        const std::size_t width = std::min(k_block, panel.n_firms - first);
        for (std::size_t c = 0; c < width; ++c)
          columns[c].clear();
        for (std::size_t t = 0; t < panel.n_days; ++t)
          for (std::size_t c = 0; c < width; ++c)
            columns[c].push_back(panel.at(t, first + c));
        for (std::size_t c = 0; c < width; ++c)
          medians[first + c] = detail::median_in_place(columns[c]);
      }
    });
  }
  return medians;
}

std::vector<TestValue> cz_sign_from_medians(const ArPanel& panel,
                                            const std::vector<double>& medians,
                                            RankConvention convention) {
  // G_it = sign(AR_it - median_i), NaN stays NaN; computed on the fly (no G matrix).
  const auto agg = detail::aggregate_scores(
      panel.n_days, panel.n_firms,
      [&](std::size_t t, std::size_t i) {
        const double d = panel.at(t, i) - medians[i];
        return std::isnan(d) ? k_nan : static_cast<double>((d > 0.0) - (d < 0.0));
      },
      detail::RowWeight::inverse_sqrt_n, convention);
  std::vector<TestValue> out;
  for (const std::size_t row : panel.event_rows)
    out.push_back(normal_test_value(std::isnan(agg.s_a) ? k_nan : agg.a[row] / agg.s_a));
  return out;
}

} // namespace

std::vector<TestValue> cz_sign_daily(const ArPanel& panel, RankConvention convention,
                                     std::size_t threads) {
  if (!panel.valid())
    return std::vector<TestValue>(panel.event_rows.size(), normal_test_value(k_nan));
  return cz_sign_from_medians(panel, firm_medians(panel, nullptr, threads), convention);
}

std::vector<TestValue> cz_sign_daily(const ArPanel& panel, const PanelRanks& ranks,
                                     RankConvention convention, std::size_t threads) {
  if (!panel.valid())
    return std::vector<TestValue>(panel.event_rows.size(), normal_test_value(k_nan));
  const bool matches = ranks.n_days == panel.n_days && ranks.n_firms == panel.n_firms &&
                       ranks.layout == panel.layout && ranks.m.size() == panel.n_firms;
  return cz_sign_from_medians(panel, firm_medians(panel, matches ? &ranks : nullptr, threads),
                              convention);
}

TestValue cz_sign_window(const ArPanel& panel, RankConvention convention, std::size_t threads) {
  return detail::cowan_window(cz_sign_daily(panel, convention, threads));
}

TestValue cz_sign_window(std::span<const TestValue> daily) {
  return detail::cowan_window({daily.begin(), daily.end()});
}

} // namespace aftershock::stats
