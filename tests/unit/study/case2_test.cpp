// Case 2: a market-model study on the bundled data (NVDA, AVGO, MSFT, AMD, CEG vs SPY, event
// 2025-01-27, estimation -260..-11, window -5..5, simple returns from adj_close, shares from
// data/shares_outstanding.csv). Expected values: tests/reference/case2_expected.csv, written by
// tests/reference/generate_case2.py (statsmodels OLS and NumPy from the formulas of
// design/methods.md, no aftershock code), repr'd to 17 significant digits. Every row of the
// file is matched to 1e-10 relative.
#include <aftershock/study/run.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>

#include "support/paths.hpp"
#include "support/ref_csv.hpp"

namespace aftershock::study {
namespace {

const std::vector<std::string> k_firms{"NVDA", "AVGO", "MSFT", "AMD", "CEG"};

StudyConfig case2_config() {
  StudyConfig config;
  config.event_id = "case2";
  config.event_date = *calendar::parse_iso_date("2025-01-27");
  config.market = "SPY";
  config.tickers = k_firms;
  config.estimation = {-260, -11};
  config.event_window = {-5, 5};
  config.car_windows = {{0, 0}, {-1, 1}};
  return config;
}

double test_stat(const TestMap& tests, const std::string& quantity) {
  const bool p = quantity.size() > 2 && quantity.substr(quantity.size() - 2) == "_p";
  const auto name = p ? quantity.substr(0, quantity.size() - 2) : quantity;
  for (const auto& [key, value] : tests)
    if (key == name)
      return p ? value.p_value : value.statistic;
  throw std::runtime_error("no test " + name);
}

std::string window_key(const events::Window& w) {
  return events::format_window(w);
}

// The engine's value for one row of the expected file; throws on an unknown row.
double engine_value(const EventResult& event, const std::string& kind, const std::string& ticker,
                    const std::string& key, const std::string& q) {
  const FirmResult* firm = nullptr;
  for (const auto& f : event.firms)
    if (f.ticker == ticker)
      firm = &f;
  if (kind == "firm") {
    const auto& fit = firm->fit;
    if (q == "alpha")
      return fit.coefficients.at(0).value;
    if (q == "beta")
      return fit.coefficients.at(1).value;
    if (q == "alpha_se")
      return fit.coefficients.at(0).standard_error;
    if (q == "beta_se")
      return fit.coefficients.at(1).standard_error;
    if (q == "sigma")
      return fit.sigma;
    if (q == "r2")
      return fit.r2;
    if (q == "n_estimation")
      return fit.n_estimation;
    if (q == "market_cap_before")
      return firm->market_cap_before;
  } else if (kind == "firm_day") {
    for (const auto& d : firm->days)
      if (std::to_string(d.offset) == key) {
        if (q == "return")
          return d.firm_return;
        if (q == "expected")
          return d.expected_return;
        if (q == "ar")
          return d.abnormal_return;
        if (q == "se")
          return d.se;
        if (q == "t")
          return d.t;
      }
  } else if (kind == "firm_car") {
    for (const auto& c : firm->cars) {
      if (window_key(c.window) != key)
        continue;
      const std::map<std::string, double> values{
          {"car", c.car},
          {"se", c.se},
          {"t", c.t},
          {"p_value", c.p_value},
          {"bhar", c.bhar},
          {"market_cap_change", c.market_cap_change},
          {"abnormal_dollar_change", c.abnormal_dollar_change},
          {"normal_dollar_change", c.normal_dollar_change}};
      return values.at(q);
    }
  } else if (kind == "agg_day") {
    for (const auto& d : event.aggregate.days)
      if (std::to_string(d.offset) == key)
        return q == "aar" ? d.aar : test_stat(d.tests, q);
  } else if (kind == "agg_car") {
    for (const auto& c : event.aggregate.cars) {
      if (window_key(c.window) != key)
        continue;
      const std::map<std::string, double> values{
          {"caar", c.caar},
          {"market_cap_change", c.market_cap_change},
          {"abnormal_dollar_change", c.abnormal_dollar_change},
          {"normal_dollar_change", c.normal_dollar_change},
          {"gross_abnormal_loss", c.gross_abnormal_loss},
          {"gross_abnormal_gain", c.gross_abnormal_gain},
          {"gross_market_cap_loss", c.gross_market_cap_loss},
          {"gross_market_cap_gain", c.gross_market_cap_gain},
          {"value_weighted_caar", c.value_weighted_caar}};
      if (auto it = values.find(q); it != values.end())
        return it->second;
      return test_stat(c.tests, q);
    }
  } else if (kind == "aggregate") {
    if (q == "rbar")
      return event.aggregate.mean_residual_correlation;
    if (q == "n_estimation_days")
      return event.aggregate.n_estimation_days;
    if (q == "market_cap_before")
      return event.aggregate.market_cap_before;
  }
  throw std::runtime_error("unknown expected row " + kind + "," + ticker + "," + key + "," + q);
}

TEST(Case2, MatchesStatsmodelsGenerator) {
  const auto panel = test::read_price_dir_panel(
      test::data_dir() / "prices", {"SPY", "NVDA", "AVGO", "MSFT", "AMD", "CEG"}, "SPY");
  const auto shares = test::read_shares(test::data_dir() / "shares_outstanding.csv");
  const auto result = run_study(panel, &shares, case2_config());
  const auto& event = result.events.at(0);
  for (const auto& f : event.firms) {
    ASSERT_EQ(f.status, FirmStatus::ok) << f.ticker << ": " << f.reason;
    EXPECT_TRUE(f.adjusted_prices) << f.ticker;
  }
  ASSERT_EQ(event.aggregate.cars.size(), 3U);
  EXPECT_EQ(event.aggregate.cars[2].window, (events::Window{-5, 5}));

  const test::RefCsv expected(test::source_dir() / "tests" / "reference" / "case2_expected.csv");
  std::size_t checked = 0;
  for (std::size_t r = 0; r < expected.rows(); ++r) {
    const auto& kind = expected.text(r, "kind");
    const auto& ticker = expected.text(r, "ticker");
    const auto& key = expected.text(r, "key");
    const auto& q = expected.text(r, "quantity");
    if (kind == "firm_car" && q == "market_cap_before")
      continue; // not a field of CarRow; the aggregate VW CAAR uses it
    const double want = expected.number(r, "value");
    const double got = engine_value(event, kind, ticker, key, q);
    EXPECT_NEAR(got, want, 1e-10 * std::max(std::abs(want), 1e-12))
        << kind << " " << ticker << " " << key << " " << q;
    ++checked;
  }
  EXPECT_GT(checked, 550U);
}

} // namespace
} // namespace aftershock::study
