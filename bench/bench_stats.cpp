// The significance tests on realistic sizes: 1000 firms, 250 estimation + 11 event days
// (bench_data.hpp). One iteration = one test on one event date's cross-section / panel.

#include <aftershock/models/normal_model.hpp>
#include <aftershock/stats/ar_panel.hpp>
#include <aftershock/stats/car_tests.hpp>
#include <aftershock/stats/grank.hpp>
#include <aftershock/stats/panel_ranks.hpp>
#include <aftershock/stats/parametric.hpp>
#include <aftershock/stats/rank_tests.hpp>
#include <aftershock/stats/sign_tests.hpp>
#include <aftershock/stats/skewness.hpp>
#include <aftershock/stats/wilcoxon.hpp>

#include <benchmark/benchmark.h>

#include <limits>
#include <numeric>

#include "bench_data.hpp"

namespace {

using namespace aftershock;
using bench::k_estimation_days;
using bench::k_firms;
using bench::k_panel_days;

const std::vector<double>& cross_section() {
  static const auto values = bench::normal_draws(k_firms, 1.0, 21);
  return values;
}

const std::vector<int>& residual_df() {
  static const std::vector<int> df(k_firms, static_cast<int>(k_estimation_days) - 2);
  return df;
}

const std::vector<double>& ar_values() {
  static const auto values = bench::ar_matrix(k_panel_days, k_firms, 22);
  return values;
}

const std::vector<std::size_t>& event_rows() {
  static const auto rows = [] {
    std::vector<std::size_t> r(bench::k_event_days);
    std::iota(r.begin(), r.end(), k_estimation_days);
    return r;
  }();
  return rows;
}

stats::ArPanel panel() {
  return stats::ArPanel{ar_values(), k_panel_days, k_firms, event_rows()};
}

// The same ARs firm-major (stats::PanelLayout::firms_by_days, what the engine builds).
const std::vector<double>& ar_values_by_firm() {
  static const auto values = [] {
    const auto& by_day = ar_values();
    std::vector<double> v(by_day.size());
    for (std::size_t t = 0; t < k_panel_days; ++t)
      for (std::size_t i = 0; i < k_firms; ++i)
        v[i * k_panel_days + t] = by_day[t * k_firms + i];
    return v;
  }();
  return values;
}

stats::ArPanel firm_panel() {
  return stats::ArPanel{ar_values_by_firm(), k_panel_days, k_firms, event_rows(),
                        stats::PanelLayout::firms_by_days};
}

void set_firms(benchmark::State& state) {
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(k_firms));
}

void BM_cross_sectional_t(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(stats::cross_sectional_t(cross_section()));
  set_firms(state);
}
BENCHMARK(BM_cross_sectional_t);

void BM_crude_dependence_t(benchmark::State& state) {
  const auto aar = bench::normal_draws(k_estimation_days, 0.01, 23);
  for (auto _ : state)
    benchmark::DoNotOptimize(stats::crude_dependence_t(0.01, 3, aar));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(k_estimation_days));
}
BENCHMARK(BM_crude_dependence_t);

void BM_patell_z(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(stats::patell_z(cross_section(), residual_df()));
  set_firms(state);
}
BENCHMARK(BM_patell_z);

void BM_bmp_t(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(stats::bmp_t(cross_section()));
  set_firms(state);
}
BENCHMARK(BM_bmp_t);

// rbar over 250 days x range(0) firms: N(N-1)/2 pairwise correlations, the O(N^2 L1) cost of the
// Kolari-Pynnonen adjustment.
void BM_mean_pairwise_correlation(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto residuals = bench::ar_matrix(k_estimation_days, n, 24);
  for (auto _ : state)
    benchmark::DoNotOptimize(stats::mean_pairwise_correlation(residuals, k_estimation_days, n));
  state.SetItemsProcessed(state.iterations() * state.range(0) * (state.range(0) - 1) / 2);
}
BENCHMARK(BM_mean_pairwise_correlation)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond);

// The reference pair loop (what mean_pairwise_correlation was before the matrix form).
void BM_mean_pairwise_correlation_direct(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto residuals = bench::ar_matrix(k_estimation_days, n, 24);
  for (auto _ : state)
    benchmark::DoNotOptimize(
        stats::mean_pairwise_correlation_direct(residuals, k_estimation_days, n));
  state.SetItemsProcessed(state.iterations() * state.range(0) * (state.range(0) - 1) / 2);
}
BENCHMARK(BM_mean_pairwise_correlation_direct)->Arg(1000)->Unit(benchmark::kMillisecond);

// The matrix form when every tenth firm misses 5 % of its days (masked-moment products).
void BM_mean_pairwise_correlation_gaps(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  auto residuals = bench::ar_matrix(k_estimation_days, n, 24);
  for (std::size_t t = 0; t < k_estimation_days; t += 20)
    for (std::size_t i = 0; i < n; i += 10)
      residuals[t * n + i] = std::numeric_limits<double>::quiet_NaN();
  for (auto _ : state)
    benchmark::DoNotOptimize(stats::mean_pairwise_correlation(residuals, k_estimation_days, n));
  state.SetItemsProcessed(state.iterations() * state.range(0) * (state.range(0) - 1) / 2);
}
BENCHMARK(BM_mean_pairwise_correlation_gaps)->Arg(1000)->Unit(benchmark::kMillisecond);

// Ranking the panel once (shared by the Corrado daily, window and CZ rank tests), one thread.
void BM_rank_panel(benchmark::State& state) {
  const auto p = panel();
  for (auto _ : state)
    benchmark::DoNotOptimize(stats::rank_panel(p, 1));
  set_firms(state);
}
BENCHMARK(BM_rank_panel)->Unit(benchmark::kMillisecond);

// rank_panel on the firm-major panel (contiguous firms, radix sort, sorted rows kept).
void BM_rank_panel_firm_major(benchmark::State& state) {
  const auto p = firm_panel();
  for (auto _ : state)
    benchmark::DoNotOptimize(stats::rank_panel(p, 1));
  set_firms(state);
}
BENCHMARK(BM_rank_panel_firm_major)->Unit(benchmark::kMillisecond);

// The three rank tests of one panel from shared ranks (what the engine now does per event).
void BM_rank_tests_shared(benchmark::State& state) {
  const auto p = panel();
  for (auto _ : state) {
    const auto ranks = stats::rank_panel(p, 1);
    benchmark::DoNotOptimize(stats::corrado_rank_daily(p, ranks, stats::RankConvention::textbook));
    benchmark::DoNotOptimize(stats::corrado_rank_window(p, ranks, stats::RankConvention::textbook));
    benchmark::DoNotOptimize(stats::cz_rank_daily(p, ranks, stats::RankConvention::textbook));
  }
  set_firms(state);
}
BENCHMARK(BM_rank_tests_shared)->Unit(benchmark::kMillisecond);

// The same on the firm-major panel, plus the CZ sign medians read off the sorted rows.
void BM_rank_tests_shared_firm_major(benchmark::State& state) {
  const auto p = firm_panel();
  for (auto _ : state) {
    const auto ranks = stats::rank_panel(p, 1);
    benchmark::DoNotOptimize(stats::corrado_rank_daily(p, ranks, stats::RankConvention::textbook));
    benchmark::DoNotOptimize(stats::corrado_rank_window(p, ranks, stats::RankConvention::textbook));
    benchmark::DoNotOptimize(stats::cz_rank_daily(p, ranks, stats::RankConvention::textbook));
    benchmark::DoNotOptimize(stats::cz_sign_daily(p, ranks, stats::RankConvention::textbook, 1));
  }
  set_firms(state);
}
BENCHMARK(BM_rank_tests_shared_firm_major)->Unit(benchmark::kMillisecond);

void BM_corrado_rank_daily(benchmark::State& state) {
  const auto p = panel();
  for (auto _ : state)
    benchmark::DoNotOptimize(stats::corrado_rank_daily(p, stats::RankConvention::textbook));
  set_firms(state);
}
BENCHMARK(BM_corrado_rank_daily)->Unit(benchmark::kMillisecond);

void BM_corrado_rank_window(benchmark::State& state) {
  const auto p = panel();
  for (auto _ : state)
    benchmark::DoNotOptimize(stats::corrado_rank_window(p, stats::RankConvention::textbook));
  set_firms(state);
}
BENCHMARK(BM_corrado_rank_window)->Unit(benchmark::kMillisecond);

void BM_cz_rank_daily(benchmark::State& state) {
  const auto p = panel();
  for (auto _ : state)
    benchmark::DoNotOptimize(stats::cz_rank_daily(p, stats::RankConvention::textbook));
  set_firms(state);
}
BENCHMARK(BM_cz_rank_daily)->Unit(benchmark::kMillisecond);

void BM_cz_sign_daily(benchmark::State& state) {
  const auto p = panel();
  for (auto _ : state)
    benchmark::DoNotOptimize(stats::cz_sign_daily(p, stats::RankConvention::textbook));
  set_firms(state);
}
BENCHMARK(BM_cz_sign_daily)->Unit(benchmark::kMillisecond);

void BM_generalized_sign(benchmark::State& state) {
  const auto p = panel();
  for (auto _ : state) {
    const double p_hat = stats::generalized_sign_p_hat(p, stats::SignPHat::per_firm_mean);
    benchmark::DoNotOptimize(stats::generalized_sign_test(cross_section(), p_hat));
  }
  set_firms(state);
}
BENCHMARK(BM_generalized_sign);

void BM_wilcoxon_normal_approx(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(stats::wilcoxon_signed_rank(cross_section()));
  set_firms(state);
}
BENCHMARK(BM_wilcoxon_normal_approx);

// n = 50: the largest cross-section with the exact (dynamic-programming) p-value.
void BM_wilcoxon_exact_50(benchmark::State& state) {
  const std::vector<double> x(cross_section().begin(),
                              cross_section().begin() + stats::k_wilcoxon_exact_max_n);
  for (auto _ : state)
    benchmark::DoNotOptimize(stats::wilcoxon_signed_rank(x));
  state.SetItemsProcessed(state.iterations() *
                          static_cast<std::int64_t>(stats::k_wilcoxon_exact_max_n));
}
BENCHMARK(BM_wilcoxon_exact_50);

void BM_grank(benchmark::State& state) {
  const auto sar = bench::ar_matrix(k_estimation_days, k_firms, 25);
  for (auto _ : state)
    benchmark::DoNotOptimize(stats::grank(sar, k_estimation_days, k_firms, cross_section(), 0.0));
  set_firms(state);
}
BENCHMARK(BM_grank)->Unit(benchmark::kMillisecond);

void BM_skew_adjusted_t(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(
        stats::skew_adjusted_t(cross_section(), stats::SkewnessEstimator::lyon_barber_tsai));
  set_firms(state);
}
BENCHMARK(BM_skew_adjusted_t);

void BM_clm_j2(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(stats::clm_j2(cross_section(), residual_df()));
  set_firms(state);
}
BENCHMARK(BM_clm_j2);

// The market series and 1000 firms x 250 estimation days (firm-major) of the OLS benchmarks.
const std::vector<double>& ols_market() {
  static const auto values = bench::normal_draws(k_estimation_days, 0.01, 26);
  return values;
}
const std::vector<double>& ols_firms() {
  static const auto values = bench::ar_matrix(k_firms, k_estimation_days, 27);
  return values;
}

// Times `fit(y)` (y: one firm's k_estimation_days returns, regressed on ols_market()) over the
// 1000 firms; `fit` returns a number folded into a checksum.
template <typename Fit> void time_firm_fits(benchmark::State& state, const Fit& fit) {
  const auto& firms = ols_firms();
  for (auto _ : state) {
    double checksum = 0.0;
    for (std::size_t i = 0; i < k_firms; ++i)
      checksum += fit(firms.data() + i * k_estimation_days);
    benchmark::DoNotOptimize(checksum);
  }
  set_firms(state);
}

// Reference kernel, not aftershock code: closed-form market-model OLS (alpha, beta, s^2 with
// divisor M - 2; e.g. Campbell, Lo & MacKinlay 1997 eq. 4.4.5-4.4.7) for 1000 firms over 250
// days. The per-firm-event estimation budget the engine must approach.
void BM_market_model_ols_closed_form(benchmark::State& state) {
  const auto& market = ols_market();
  time_firm_fits(state, [&market](const double* y) {
    double sx = 0.0;
    double sy = 0.0;
    double sxx = 0.0;
    double sxy = 0.0;
    double syy = 0.0;
    for (std::size_t t = 0; t < k_estimation_days; ++t) {
      sx += market[t];
      sy += y[t];
      sxx += market[t] * market[t];
      sxy += market[t] * y[t];
      syy += y[t] * y[t];
    }
    const double m = static_cast<double>(k_estimation_days);
    const double cxx = sxx - sx * sx / m;
    const double beta = (sxy - sx * sy / m) / cxx;
    const double alpha = (sy - beta * sx) / m;
    const double sse = (syy - sy * sy / m) - beta * (sxy - sx * sy / m);
    return alpha + beta + sse / (m - 2.0);
  });
}
BENCHMARK(BM_market_model_ols_closed_form);

// The engine's market-model fit (models::fit_normal_model: closed form with two-pass centred
// sums, residuals, (X'X)^-1) on the same firms, every day usable: the per firm-event estimation
// cost of a batch, against the reference kernel above.
void BM_fit_normal_model_market(benchmark::State& state) {
  const auto& market = ols_market();
  time_firm_fits(state, [&market](const double* y) {
    const models::EstimationData data{{y, k_estimation_days}, market};
    const auto fit =
        models::fit_normal_model(models::ModelKind::market, models::Convention::textbook, data);
    return fit ? fit->sigma : 0.0;
  });
}
BENCHMARK(BM_fit_normal_model_market);

} // namespace
