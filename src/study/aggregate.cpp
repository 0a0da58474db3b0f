#include "aggregate.hpp"

#include <aftershock/impact/dollar_inference.hpp>
#include <aftershock/impact/dollar_totals.hpp>
#include <aftershock/stats/bootstrap.hpp>
#include <aftershock/stats/grank.hpp>
#include <aftershock/stats/lamb.hpp>
#include <aftershock/stats/mean_interval.hpp>
#include <aftershock/stats/multiple_testing.hpp>
#include <aftershock/stats/parametric.hpp>
#include <aftershock/stats/rank_tests.hpp>
#include <aftershock/stats/sign_tests.hpp>
#include <aftershock/stats/window_rank_tests.hpp>
#include <aftershock/util/huge_pages.hpp>
#include <aftershock/util/parallel_for.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <numeric>
#include <string_view>
#include <unordered_set>

#include "aggregate_inputs.hpp"
#include "test_battery.hpp"

namespace aftershock::study {

namespace {

// Firms per block of the estimation-day sums (the CDA's AAR series in aggregate_firms), as
// stats' k_sum_block for rbar: fixed, so that the sums do not depend on the thread count.
constexpr std::size_t k_firm_block = 256;

using detail::day_major_residuals;
using detail::event_time_market;
using detail::EventTimeMarket;
using detail::make_panel;
using detail::OwnedPanel;

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

double mean(const std::vector<double>& x) {
  if (x.empty())
    return k_nan;
  return std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size());
}

// GRANK of every event day (the day as a one-day window) and every CAR window, in one pass
// over the estimation ranks (stats::GrankPanel, read off the panel's sorted rows `ranks`: the
// SARs are the residuals divided by s_i > 0, the panel's first n_est rows); with the KP
// cross-correlation adjustment the re-standardized SCAR* is scaled by sqrt(1 - rbar)
// (stats/grank.hpp step 6). The estimation SARs AR_it / s_i are read from the firms.
std::vector<stats::GrankResult> grank_all(const std::vector<const FirmComputation*>& ok,
                                          std::size_t n_est, const stats::PanelRanks& ranks,
                                          const std::vector<std::vector<double>>& scars,
                                          double rbar, GrankAdjustment adjustment,
                                          std::size_t threads) {
  const stats::GrankPanel panel(
      [&ok](std::size_t i, std::span<double> out) {
        const double sigma = ok[i]->result.fit.sigma;
        const auto& residuals = ok[i]->residuals;
        for (std::size_t d = 0; d < out.size(); ++d)
          out[d] = residuals[d] / sigma;
      },
      ranks, n_est, threads);
  std::vector<std::span<const double>> views(scars.begin(), scars.end());
  return panel.test_many(views, adjustment == GrankAdjustment::kp ? rbar : 0.0);
}

void add_grank(PanelTests& out, const stats::GrankResult& g) {
  out.grank_t = g.t;
  out.grank_z = g.z;
}

// Sum of daily statistics / sqrt(L) (estudy2 car_lamb, the window form of Lamb): NaN when any
// day is NaN.
stats::TestValue window_sum(const std::vector<stats::TestValue>& daily) {
  std::vector<double> z;
  z.reserve(daily.size());
  for (const auto& v : daily)
    z.push_back(v.statistic);
  return stats::sum_of_daily_statistics(z);
}

// Holm / BH across the tests of one day or window (config.inference.adjust).
void adjust(stats::TestMap& tests, PAdjust method) {
  if (method != PAdjust::none)
    stats::adjust_test_map(tests, method == PAdjust::holm ? stats::AdjustMethod::holm
                                                          : stats::AdjustMethod::bh);
}

void add_firm(CrossSection& s, const FirmComputation& f, double raw, double standardized,
              double variance) {
  s.raw.push_back(raw);
  s.standardized.push_back(standardized);
  s.variance.push_back(variance);
  s.sigma2.push_back(f.result.fit.sigma * f.result.fit.sigma);
  s.df.push_back(f.result.fit.df);
  s.m.push_back(f.result.fit.n_estimation);
}

} // namespace

Aggregate aggregate_firms(const std::vector<const FirmComputation*>& firms,
                          const StudyConfig& config,
                          const std::vector<events::Window>& car_windows) {
  std::vector<const FirmComputation*> ok;
  for (const auto* f : firms)
    if (f->result.status == FirmStatus::ok)
      ok.push_back(f);
  Aggregate agg;
  agg.n_firms = static_cast<int>(ok.size());
  const bool estudy2 = config.convention == models::Convention::estudy2;

  // Estimation-window AAR series for the CDA (Brown & Warner 1980, 1985): the mean over the
  // firms with a residual on each estimation day; days without any firm are left out. Lamb
  // (1995) uses the same series on the days that also have a market return.
  const std::size_t n_est = ok.empty() ? 0 : ok.front()->residuals.size();
  const EventTimeMarket market = event_time_market(ok, n_est, config.event_window.length());
  BatteryContext context;
  context.skewness = config.inference.skewness;
  context.estudy2_bw1980_df = estudy2;
  context.tests = config.inference.tests;
  // What the selected tests need (test_battery.hpp, k_test_needs); the rest is skipped.
  const Needs needs = needs_of(config.inference.tests, config.inference.grank);
  std::vector<double> lamb_aar;
  std::vector<double> lamb_market;
  // The AR panel of the rank / sign tests and rbar; each firm's first n_est days are its
  // estimation residuals. Not built when no selected test needs it.
  const OwnedPanel full = needs.has(Intermediate::panel)
                              ? make_panel(ok, n_est, config.event_window, config.threads)
                              : OwnedPanel{};
  // mean() of each estimation day's finite residuals, read from the firms' residuals (the
  // panel's estimation rows hold the same values). Summed in blocks of k_firm_block firms (firm
  // order inside a block, the blocks added in block order): the blocks run on the threads and
  // the sums do not depend on their number. Up to one block it is the plain firm-order sum.
  const std::size_t n_blocks = (ok.size() + k_firm_block - 1) / k_firm_block;
  std::vector<double> block_sum(n_blocks * n_est, 0.0);
  std::vector<std::size_t> block_count(n_blocks * n_est, 0);
  util::parallel_for(n_blocks, config.threads, [&](std::size_t begin, std::size_t end) {
    for (std::size_t b = begin; b < end; ++b) {
      double* sum = block_sum.data() + b * n_est;
      std::size_t* count = block_count.data() + b * n_est;
      const std::size_t last = std::min(ok.size(), (b + 1) * k_firm_block);
      for (std::size_t i = b * k_firm_block; i < last; ++i) {
        const double* residuals = ok[i]->residuals.data();
        for (std::size_t d = 0; d < n_est; ++d) { // + 0.0 for a missing day leaves the sum as is
          const double e = residuals[d];
          const bool present = std::isfinite(e);
          sum[d] += present ? e : 0.0;
          count[d] += present ? 1U : 0U;
        }
      }
    }
  });
  std::vector<double> day_sum(n_est, 0.0);
  std::vector<std::size_t> day_count(n_est, 0);
  for (std::size_t b = 0; b < n_blocks; ++b)
    for (std::size_t d = 0; d < n_est; ++d) {
      day_sum[d] += block_sum[b * n_est + d];
      day_count[d] += block_count[b * n_est + d];
    }
  for (std::size_t d = 0; d < n_est; ++d) {
    if (day_count[d] == 0)
      continue;
    context.estimation_aar.push_back(day_sum[d] / static_cast<double>(day_count[d]));
    if (const double rm = market.estimation[d]; std::isfinite(rm)) {
      lamb_aar.push_back(context.estimation_aar.back());
      lamb_market.push_back(rm);
    }
  }
  agg.n_estimation_days = static_cast<int>(context.estimation_aar.size());
  // rbar: mean pairwise correlation of estimation residuals (Kolari & Pynnonen 2010).
  // Only when a selected test needs it (else NaN; the renderers do not show it).
  agg.mean_residual_correlation =
      ok.size() >= 2 && needs.has(Intermediate::rbar)
          ? stats::mean_pairwise_correlation_firm_major(full.span(), n_est, ok.size(), full.n_days,
                                                        config.threads)
          : k_nan;
  context.rbar = agg.mean_residual_correlation;
  double mean_m = 0.0; // Lamb's Mbar
  for (const auto* f : ok)
    mean_m += f->result.fit.n_estimation / static_cast<double>(ok.size());

  // Rank-type tests on the panel estimation + event window (Corrado 1989; methods.md T10-T12).
  const auto rank_convention =
      estudy2 ? stats::RankConvention::estudy2 : stats::RankConvention::textbook;
  // Cowan (1992) p-hat averaged by firm (textbook) or pooled firm-days (estudy2).
  if (needs.has(Intermediate::gen_sign_p_hat))
    context.gen_sign_p_hat = stats::generalized_sign_p_hat(
        full.view(), estudy2 ? stats::SignPHat::pooled : stats::SignPHat::per_firm_mean);
  const stats::PanelRanks full_ranks = needs.has(Intermediate::rank_panel)
                                           ? stats::rank_panel(full.view(), config.threads) // once
                                           : stats::PanelRanks{};
  const auto daily_rank = needs.has(Intermediate::rank_daily)
                              ? stats::corrado_rank_daily(full.view(), full_ranks, rank_convention)
                              : std::vector<stats::TestValue>();
  const auto daily_cz_rank = needs.has(Intermediate::cz_rank_daily)
                                 ? stats::cz_rank_daily(full.view(), full_ranks, rank_convention)
                                 : std::vector<stats::TestValue>();
  const auto daily_cz_sign =
      needs.has(Intermediate::cz_sign_daily)
          ? stats::cz_sign_daily(full.view(), full_ranks, rank_convention, config.threads)
          : std::vector<stats::TestValue>();

  const std::size_t n_days = static_cast<std::size_t>(config.event_window.length());
  // The SCAR cross-sections of GRANK: each event day (SAR_t where the AR is present), then each
  // CAR window.
  std::vector<std::vector<double>> scars(n_days + car_windows.size(),
                                         std::vector<double>(ok.size(), k_nan));
  // In the same pass over the firms, the rest of each day's cross-section (AR and Var(AR) by day
  // and firm, s_i^2, df and M by firm), so the daily loop below reads contiguous arrays instead
  // of every firm's rows again (issue 6).
  const std::size_t n_ok = ok.size();
  std::vector<double> day_raw(n_days * n_ok);
  std::vector<double> day_variance(n_days * n_ok);
  std::vector<double> firm_sigma2(n_ok);
  std::vector<decltype(ok.front()->result.fit.df)> firm_df(n_ok);
  std::vector<decltype(ok.front()->result.fit.n_estimation)> firm_m(n_ok);
  util::parallel_for(ok.size(), config.threads, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      const FirmComputation& f = *ok[i];
      firm_sigma2[i] = f.result.fit.sigma * f.result.fit.sigma;
      firm_df[i] = f.result.fit.df;
      firm_m[i] = f.result.fit.n_estimation;
      for (std::size_t j = 0; j < n_days; ++j) {
        const auto& row = f.result.days[j];
        day_raw[j * n_ok + i] = row.abnormal_return;
        day_variance[j * n_ok + i] = row.se * row.se;
        if (std::isfinite(row.abnormal_return) && std::isfinite(f.standardized[j]))
          scars[j][i] = f.standardized[j];
      }
      for (std::size_t w = 0; w < car_windows.size(); ++w)
        if (std::isfinite(f.result.cars[w].car) && std::isfinite(f.scar[w]))
          scars[n_days + w][i] = f.scar[w];
    }
  });
  const auto granks = needs.has(Intermediate::grank)
                          ? grank_all(ok, n_est, full_ranks, scars, context.rbar,
                                      config.inference.grank, config.threads)
                          : std::vector<stats::GrankResult>();
  std::vector<stats::TestValue> daily_lamb;
  for (std::size_t j = 0; j < n_days; ++j) {
    AggregateDay day;
    day.offset = config.event_window.first + static_cast<int>(j);
    day.date = market.dates[j];
    day.mixed_dates = market.mixed_dates[j];
    CrossSection section; // add_firm() of the firms present on day j, in firm order
    for (auto* v : {&section.raw, &section.standardized, &section.variance, &section.sigma2})
      v->reserve(n_ok);
    section.df.reserve(n_ok);
    section.m.reserve(n_ok);
    for (std::size_t i = 0; i < n_ok; ++i) {
      const double standardized = scars[j][i]; // not NaN exactly when the firm is present
      if (std::isnan(standardized))
        continue;
      section.raw.push_back(day_raw[j * n_ok + i]);
      section.standardized.push_back(standardized);
      section.variance.push_back(day_variance[j * n_ok + i]);
      section.sigma2.push_back(firm_sigma2[i]);
      section.df.push_back(firm_df[i]);
      section.m.push_back(firm_m[i]);
    }
    day.n = static_cast<int>(section.raw.size());
    day.aar = mean(section.raw); // AAR_t over the firms with data on day t (methods.md s.1)
    PanelTests extra;            // the panel tests the selection needs (the others are not read)
    if (needs.has(Intermediate::lamb)) {
      extra.lamb = stats::lamb_z(day.aar, market.event[j], lamb_aar, lamb_market, mean_m);
      daily_lamb.push_back(extra.lamb);
    }
    if (needs.has(Intermediate::rank_daily))
      extra.rank = daily_rank[j];
    if (needs.has(Intermediate::cz_rank_daily))
      extra.cz_rank = daily_cz_rank[j];
    if (needs.has(Intermediate::cz_sign_daily))
      extra.cz_sign = daily_cz_sign[j];
    if (needs.has(Intermediate::grank))
      add_grank(extra, granks[j]); // the day as a one-day window
    day.tests = run_battery(section, context, extra);
    adjust(day.tests, config.inference.adjust);
    agg.days.push_back(std::move(day));
  }

  for (const auto* f : ok) {
    if (f->result.shares) {
      agg.market_cap_before += f->result.market_cap_before;
    } else {
      ++agg.n_without_shares;
      agg.tickers_without_shares.push_back(f->result.ticker);
    }
  }

  // The days x firms estimation residuals of every firm, built on first use (bootstrap, dollar
  // inference when every firm has shares).
  std::vector<double> all_residuals_storage;
  bool all_residuals_built = false;
  const auto all_residuals = [&]() -> const std::vector<double>& {
    if (!all_residuals_built) {
      std::vector<std::size_t> every(ok.size());
      std::iota(every.begin(), every.end(), std::size_t{0});
      all_residuals_storage = day_major_residuals(ok, every, n_est);
      all_residuals_built = true;
    }
    return all_residuals_storage;
  };
  for (std::size_t w = 0; w < car_windows.size(); ++w) {
    AggregateCar car;
    car.window = car_windows[w];
    CrossSection section;
    section.length = car.window.length();
    std::vector<impact::FirmDollar> dollars;
    std::vector<std::size_t> with_shares; // indices into ok
    for (std::size_t i = 0; i < ok.size(); ++i) {
      const FirmComputation* f = ok[i];
      const auto& row = f->result.cars[w];
      const bool present = std::isfinite(row.car) && std::isfinite(f->scar[w]);
      if (present)
        add_firm(section, *f, row.car, f->scar[w], row.se * row.se);
      // A batch firm-event whose own event window does not contain this window has no CAR
      // here (per-row windows, docs/batch.md): left out of the dollar totals too.
      const auto& own = f->result.event ? f->result.event->event_window : std::nullopt;
      if (f->result.shares && (!own || own->contains(car.window))) {
        dollars.push_back(
            {f->window_market_cap_before[w], row.market_cap_change, row.abnormal_dollar_change});
        with_shares.push_back(i);
      }
    }
    car.n = static_cast<int>(section.raw.size());
    car.caar = mean(section.raw); // CAAR = (1/N) sum_i CAR_i (methods.md s.1)
    const auto interval = stats::t_mean_interval(section.raw);
    car.caar_ci_low = interval.low;
    car.caar_ci_high = interval.high;
    // Window rank tests: the panel estimation + this window only (the other event days are
    // neither estimation nor event rows). The full event window is the full panel; for other
    // windows the sub-panel's ranks and medians follow from the full panel's in one pass
    // (stats::window_rank_tests, exact; no sub-panel is built).
    const bool whole = car.window == config.event_window;
    PanelTests extra;
    if (needs.has(Intermediate::lamb)) {
      const auto first = daily_lamb.begin() + (car.window.first - config.event_window.first);
      extra.lamb = window_sum({first, first + section.length});
    }
    if (whole) { // each form only when its test is selected (window_ranks implies rank_panel)
      if (needs.has(Intermediate::rank_daily))
        extra.rank = stats::corrado_rank_window(full.view(), full_ranks, rank_convention);
      if (needs.has(Intermediate::cz_rank_daily))
        extra.cz_rank = stats::cz_rank_window(full.view(), full_ranks, rank_convention);
      if (needs.has(Intermediate::cz_sign_daily))
        extra.cz_sign = stats::cz_sign_window(daily_cz_sign);
    } else if (needs.has(Intermediate::window_ranks)) {
      std::vector<std::size_t> kept_rows(n_est); // rows of the full panel in the window's panel
      std::iota(kept_rows.begin(), kept_rows.end(), std::size_t{0});
      for (int offset = car.window.first; offset <= car.window.last; ++offset)
        kept_rows.push_back(n_est + static_cast<std::size_t>(offset - config.event_window.first));
      const auto tests = stats::window_rank_tests(full.view(), full_ranks, kept_rows,
                                                  rank_convention, config.threads);
      extra.rank = tests.rank;
      extra.cz_rank = tests.cz_rank;
      extra.cz_sign = tests.cz_sign;
    }
    if (needs.has(Intermediate::grank))
      add_grank(extra, granks[n_days + w]);
    car.tests = run_battery(section, context, extra);
    adjust(car.tests, config.inference.adjust);
    if (config.inference.bootstrap > 0)
      // Resample calendar days of the estimation residuals jointly across firms (keeps the
      // same-day cross-correlation); t* is the cross-sectional t (t_csect) of CAR*.
      car.bootstrap =
          stats::bootstrap_caar(all_residuals(), n_est, ok.size(), section.length, car.caar,
                                stats::cross_sectional_t(section.raw).statistic,
                                config.inference.bootstrap, config.inference.seed);
    const auto totals = impact::total_dollar_impact(dollars);
    car.market_cap_change = dollars.empty() ? k_nan : totals.market_cap_change;
    car.abnormal_dollar_change = dollars.empty() ? k_nan : totals.abnormal_dollar_change;
    car.normal_dollar_change = dollars.empty() ? k_nan : totals.normal_dollar_change;
    car.gross_abnormal_loss = dollars.empty() ? k_nan : totals.gross_abnormal_loss;
    car.gross_abnormal_gain = dollars.empty() ? k_nan : totals.gross_abnormal_gain;
    car.gross_market_cap_loss = dollars.empty() ? k_nan : totals.gross_market_cap_loss;
    car.gross_market_cap_gain = dollars.empty() ? k_nan : totals.gross_market_cap_gain;
    car.value_weighted_caar = totals.value_weighted_caar;
    // Portfolio SE of the total (methods.md s.10): estimation residuals of the firms with shares.
    // When every firm has shares that matrix is built once for all windows.
    const bool all_shares = with_shares.size() == ok.size();
    const std::vector<double> shares_residuals =
        all_shares ? std::vector<double>() : day_major_residuals(ok, with_shares, n_est);
    const std::span<const double> inference_residuals =
        all_shares ? std::span<const double>(all_residuals())
                   : std::span<const double>(shares_residuals);
    std::vector<double> market_values;
    market_values.reserve(with_shares.size());
    for (const std::size_t k : with_shares)
      market_values.push_back(ok[k]->window_market_cap_before[w]);
    const auto inference = impact::portfolio_dollar_inference(
        inference_residuals, n_est, market_values, car.window.length(), car.abnormal_dollar_change);
    car.abnormal_dollar_se = inference.se;
    car.abnormal_dollar_t = inference.t;
    car.abnormal_dollar_ci_low = inference.ci_low;
    car.abnormal_dollar_ci_high = inference.ci_high;
    agg.cars.push_back(std::move(car));
  }
  if (agg.n_without_shares == agg.n_firms)
    agg.market_cap_before = k_nan;
  return agg;
}

} // namespace aftershock::study
