// The Lemaire AAPL iPhone case (../shared/reference/lemaire_aapl_iphone_2007, see its README):
// Python eventstudy 0.1a10 conventions (population residual variance ddof 0, no prediction-
// error correction, Var(CAR) = k Var(AR)) behind explicit switches, against
// expected_full_precision_recomputed.csv (12 significant digits; independent recomputation
// whose every digit matches the published table) to 1e-9 relative; model_fit_recomputed.csv for
// alpha / beta; the CAR p-values with the package's df = L1 - 1 = 299 (README; two-sided and
// one-sided columns of the same file) to 1e-8 relative. Textbook run: SE(AR_0) = 0.0225602
// (README, 6 significant digits) and the textbook df M - 2 = 298.
// Input: returns_slice.csv (simple returns) turned into prices by cumulating from 100 on a
// base date before the first row, so the engine recomputes the same returns.
#include <aftershock/study/run.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "support/paths.hpp"
#include "support/ref_csv.hpp"

namespace aftershock::study {
namespace {

series::Panel lemaire_panel(const test::RefCsv& slice) {
  std::vector<calendar::Date> dates{*calendar::parse_iso_date("2005-09-12")};
  series::PanelColumn aapl;
  series::PanelColumn spy;
  aapl.ticker = "AAPL";
  spy.ticker = "SPY";
  aapl.close.push_back(100.0);
  spy.close.push_back(100.0);
  for (std::size_t r = 0; r < slice.rows(); ++r) {
    dates.push_back(*calendar::parse_iso_date(slice.text(r, "date")));
    aapl.close.push_back(aapl.close.back() * (1.0 + slice.number(r, "AAPL")));
    spy.close.push_back(spy.close.back() * (1.0 + slice.number(r, "SPY")));
  }
  for (auto* c : {&aapl, &spy})
    c->adj_close.assign(c->close.size(), std::nan(""));
  series::Panel panel;
  panel.calendar = calendar::TradingCalendar(dates);
  panel.columns = {aapl, spy};
  return panel;
}

StudyConfig lemaire_config() {
  StudyConfig config;
  config.event_id = "iphone";
  config.event_date = *calendar::parse_iso_date("2007-01-09");
  config.market = "SPY";
  config.tickers = {"AAPL"};
  // README: 300 estimation rows ending 30 rows before the first event row (-2).
  config.estimation = {-332, -33};
  config.event_window = {-2, 10};
  for (int k = -2; k <= 10; ++k)
    config.car_windows.push_back({-2, k});
  config.basis = series::PriceBasis::close;
  return config;
}

void expect_rel(double actual, double expected, double tolerance, const std::string& what) {
  EXPECT_NEAR(actual, expected, tolerance * std::abs(expected)) << what;
}

TEST(Lemaire, PackageConventionsBehindSwitches) {
  AFTERSHOCK_REQUIRE_SHARED(shared);
  const auto dir = shared / "reference" / "lemaire_aapl_iphone_2007";
  const test::RefCsv slice(dir / "returns_slice.csv");
  const test::RefCsv expected(dir / "expected_full_precision_recomputed.csv");
  const test::RefCsv fit(dir / "model_fit_recomputed.csv");
  auto config = lemaire_config();
  config.variance = {models::ResidualDivisor::population, models::PredictionError::none};
  const auto result = run_study(lemaire_panel(slice), nullptr, config);
  const auto& firm = result.events.at(0).firms.at(0);
  ASSERT_EQ(firm.status, FirmStatus::ok) << firm.reason;
  EXPECT_EQ(firm.fit.n_estimation, 300);
  expect_rel(*firm.fit.alpha(), fit.number(fit.row_of("alpha"), "value"), 1e-9, "alpha");
  expect_rel(*firm.fit.beta(), fit.number(fit.row_of("beta"), "value"), 1e-9, "beta");
  expect_rel(firm.fit.sigma * firm.fit.sigma,
             fit.number(fit.row_of("sigma2_population_ddof0"), "value"), 1e-9, "s^2 ddof 0");
  ASSERT_EQ(firm.days.size(), 13U);
  for (std::size_t j = 0; j < 13; ++j) {
    const int k = -2 + static_cast<int>(j);
    SCOPED_TRACE(k);
    const auto row = expected.row_of(std::to_string(k));
    expect_rel(firm.days[j].abnormal_return, expected.number(row, "AR"), 1e-9, "AR");
    expect_rel(firm.days[j].se, expected.number(row, "se_AR"), 1e-9, "se AR");
    const auto& car = firm.cars.at(j);
    ASSERT_EQ(car.window, (events::Window{-2, k}));
    expect_rel(car.car, expected.number(row, "CAR"), 1e-9, "CAR");
    expect_rel(car.se, expected.number(row, "se_CAR"), 1e-9, "se CAR");
    expect_rel(car.t, expected.number(row, "t_stat"), 1e-9, "t");
    // The package's df is L1 - 1 = 299 (README), used with the population divisor; our
    // p-values are two-sided: p_two_sided_df299 = 2 x the notebook's one-sided value.
    expect_rel(car.p_value, expected.number(row, "p_two_sided_df299"), 1e-8, "p two-sided");
    expect_rel(car.p_value / 2.0, expected.number(row, "p_one_sided_df299"), 1e-8, "p one-sided");
  }
  EXPECT_NE(result.conventions.variance_divisor.find("ddof 0"), std::string::npos);
  EXPECT_EQ(result.conventions.car_variance.rfind("L s^2", 0), 0U);
}

TEST(Lemaire, TextbookStandardErrorOfDayZero) {
  AFTERSHOCK_REQUIRE_SHARED(shared);
  const auto dir = shared / "reference" / "lemaire_aapl_iphone_2007";
  const test::RefCsv slice(dir / "returns_slice.csv");
  const auto result = run_study(lemaire_panel(slice), nullptr, lemaire_config());
  const auto& firm = result.events.at(0).firms.at(0);
  EXPECT_NEAR(firm.fit.sigma, 0.0225213, 5e-8);     // README: s = 0.0225213 (SSE / (L1 - 2))
  EXPECT_NEAR(firm.days.at(2).se, 0.0225602, 5e-8); // README: textbook SE(AR_0)
  EXPECT_EQ(firm.fit.df, 298); // textbook residual df M - 2, the df of the firm CAR t
}

} // namespace
} // namespace aftershock::study
