// Deterministic threading: the JSON of a study is byte-identical with 1, 2 and 3 threads, on the
// bundled DeepSeek data (27 firms, direct rbar loop) and on a synthetic panel of 90 firms with
// missing prices (matrix rbar path, gaps in the ranked panel).
#include <aftershock/report/json_renderer.hpp>
#include <aftershock/study/run.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <limits>
#include <random>
#include <string>

#include "support/deepseek_study.hpp"

namespace aftershock::report {
namespace {

std::string json_with_threads(const series::Panel& panel, const series::SharesTable* shares,
                              study::StudyConfig config, std::size_t threads) {
  config.threads = threads;
  return render_json(study::run_study(panel, shares, config), RunInputs{});
}

TEST(Threads, DeepSeekJsonIdenticalForAnyThreadCount) {
  const auto deepseek = test::load_deepseek_study();
  const auto& [shares, panel, config] = deepseek;
  const std::string one = json_with_threads(panel, &shares, config, 1);
  EXPECT_EQ(json_with_threads(panel, &shares, config, 2), one);
  EXPECT_EQ(json_with_threads(panel, &shares, config, 3), one);
}

// 90 firms x 400 days of market-model prices; every seventh firm misses about 5 % of its days.
series::Panel synthetic_panel(std::size_t firms, std::size_t days) {
  std::mt19937_64 rng(20251129);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  std::vector<calendar::Date> dates;
  for (std::size_t d = 0; d < days; ++d)
    dates.push_back(*calendar::parse_iso_date("2020-01-01") +
                    std::chrono::days(static_cast<int>(d)));
  series::Panel panel;
  panel.calendar = calendar::TradingCalendar(std::move(dates));
  std::vector<double> market(days);
  for (auto& m : market)
    m = 0.0003 + 0.01 * normal(rng);
  for (std::size_t i = 0; i <= firms; ++i) {
    series::PanelColumn c;
    c.ticker = i == 0 ? "MKT" : "F" + std::to_string(i);
    c.close.resize(days);
    c.adj_close.assign(days, std::numeric_limits<double>::quiet_NaN());
    double price = 50.0;
    for (std::size_t d = 0; d < days; ++d) {
      const double r = i == 0 ? market[d] : 0.5 * market[d] + 0.02 * normal(rng);
      price *= 1.0 + r;
      const bool missing = i % 7 == 3 && uniform(rng) < 0.05;
      c.close[d] = missing ? std::numeric_limits<double>::quiet_NaN() : price;
    }
    panel.columns.push_back(std::move(c));
  }
  return panel;
}

TEST(Threads, SyntheticPanelJsonIdenticalForAnyThreadCount) {
  const auto panel = synthetic_panel(90, 400);
  study::StudyConfig config;
  config.event_date = panel.calendar.at(350);
  config.market = "MKT";
  for (std::size_t i = 1; i <= 90; ++i)
    config.tickers.push_back("F" + std::to_string(i));
  config.car_windows = study::default_car_windows();
  const std::string one = json_with_threads(panel, nullptr, config, 1);
  EXPECT_NE(one.find("\"F90\""), std::string::npos);
  EXPECT_EQ(json_with_threads(panel, nullptr, config, 2), one);
  EXPECT_EQ(json_with_threads(panel, nullptr, config, 3), one);
}

} // namespace
} // namespace aftershock::report
