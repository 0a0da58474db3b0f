#include "aggregate.hpp"

#include <aftershock/impact/dollar_totals.hpp>
#include <aftershock/stats/parametric.hpp>

#include <cmath>
#include <limits>

namespace aftershock::study {

namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

double mean(const std::vector<double>& x) {
  if (x.empty())
    return k_nan;
  double sum = 0.0;
  for (double v : x)
    sum += v;
  return sum / static_cast<double>(x.size());
}

// The five tests on one cross-section: raw values (AR_i or CAR_i), standardized values
// (SAR_i or SCAR_i) and residual df; `sum` is AAR_t or CAAR over `length` days.
TestMap run_tests(const std::vector<double>& raw, const std::vector<double>& standardized,
                  const std::vector<int>& df, double sum, int length,
                  const std::vector<double>& estimation_aar, double rbar) {
  TestMap tests;
  tests.emplace_back("t_csect", stats::cross_sectional_t(raw));
  tests.emplace_back("t_cda", stats::crude_dependence_t(sum, length, estimation_aar));
  tests.emplace_back("patell", stats::patell_z(standardized, df));
  const auto bmp = stats::bmp_t(standardized);
  tests.emplace_back("bmp", bmp);
  tests.emplace_back("bmp_kp",
                     stats::kp_adjusted_bmp(bmp, rbar, static_cast<int>(standardized.size())));
  return tests;
}

} // namespace

Aggregate aggregate_firms(const std::vector<FirmComputation>& firms, const series::Panel& panel,
                          const StudyConfig& config, const EventFrame& frame) {
  std::vector<const FirmComputation*> ok;
  for (const auto& f : firms)
    if (f.result.status == FirmStatus::ok)
      ok.push_back(&f);
  Aggregate agg;
  agg.n_firms = static_cast<int>(ok.size());

  // Estimation-window AAR series for the CDA (Brown & Warner 1980, 1985): the mean over the
  // firms with a residual on each estimation day; days without any firm are left out.
  const std::size_t n_est = frame.est_last - frame.est_first + 1;
  std::vector<double> estimation_aar;
  std::vector<double> residual_matrix(n_est * ok.size(), k_nan); // days x firms, row-major
  for (std::size_t d = 0; d < n_est; ++d) {
    std::vector<double> values;
    for (std::size_t i = 0; i < ok.size(); ++i) {
      const double e = ok[i]->residuals[d];
      residual_matrix[d * ok.size() + i] = e;
      if (std::isfinite(e))
        values.push_back(e);
    }
    if (!values.empty())
      estimation_aar.push_back(mean(values));
  }
  agg.n_estimation_days = static_cast<int>(estimation_aar.size());
  // rbar: mean pairwise correlation of estimation residuals (Kolari & Pynnonen 2010).
  agg.mean_residual_correlation =
      ok.size() >= 2 ? stats::mean_pairwise_correlation(residual_matrix, n_est, ok.size()) : k_nan;

  const std::size_t n_days = static_cast<std::size_t>(config.event_window.length());
  for (std::size_t j = 0; j < n_days; ++j) {
    AggregateDay day;
    day.offset = config.event_window.first + static_cast<int>(j);
    day.date = panel.calendar.at(frame.index(day.offset));
    std::vector<double> ar;
    std::vector<double> sar;
    std::vector<int> df;
    for (const auto* f : ok) {
      const auto& row = f->result.days[j];
      if (std::isnan(row.abnormal_return) || std::isnan(f->standardized[j]))
        continue;
      ar.push_back(row.abnormal_return);
      sar.push_back(f->standardized[j]);
      df.push_back(f->result.fit.df);
    }
    day.n = static_cast<int>(ar.size());
    day.aar = mean(ar); // AAR_t over the firms with data on day t (methods.md s.1)
    day.tests = run_tests(ar, sar, df, day.aar, 1, estimation_aar, agg.mean_residual_correlation);
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

  for (std::size_t w = 0; w < frame.car_windows.size(); ++w) {
    AggregateCar car;
    car.window = frame.car_windows[w];
    std::vector<double> cars;
    std::vector<double> scars;
    std::vector<int> df;
    std::vector<impact::FirmDollar> dollars;
    for (const auto* f : ok) {
      const auto& row = f->result.cars[w];
      if (std::isfinite(row.car) && std::isfinite(f->scar[w])) {
        cars.push_back(row.car);
        scars.push_back(f->scar[w]);
        df.push_back(f->result.fit.df);
      }
      if (f->result.shares)
        dollars.push_back(
            {f->window_market_cap_before[w], row.market_cap_change, row.abnormal_dollar_change});
    }
    car.n = static_cast<int>(cars.size());
    car.caar = mean(cars); // CAAR = (1/N) sum_i CAR_i (methods.md s.1)
    car.tests = run_tests(cars, scars, df, car.caar, car.window.length(), estimation_aar,
                          agg.mean_residual_correlation);
    const auto totals = impact::total_dollar_impact(dollars);
    car.market_cap_change = dollars.empty() ? k_nan : totals.market_cap_change;
    car.abnormal_dollar_change = dollars.empty() ? k_nan : totals.abnormal_dollar_change;
    car.normal_dollar_change = dollars.empty() ? k_nan : totals.normal_dollar_change;
    car.gross_abnormal_loss = dollars.empty() ? k_nan : totals.gross_abnormal_loss;
    car.gross_abnormal_gain = dollars.empty() ? k_nan : totals.gross_abnormal_gain;
    car.gross_market_cap_loss = dollars.empty() ? k_nan : totals.gross_market_cap_loss;
    car.gross_market_cap_gain = dollars.empty() ? k_nan : totals.gross_market_cap_gain;
    car.value_weighted_caar = totals.value_weighted_caar;
    agg.cars.push_back(std::move(car));
  }
  if (agg.n_without_shares == agg.n_firms)
    agg.market_cap_before = k_nan;
  return agg;
}

} // namespace aftershock::study
