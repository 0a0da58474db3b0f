// The DeepSeek shock of 2025-01-27 on the bundled data, checked against press figures as
// ranges (../shared/reference/deepseek_2025-01-27_reported_figures.json and design/methods.md
// s.10; the ranges are written here with their source so the test runs without ../shared):
// NVDA closed at 142.62 on 2025-01-24 and 118.42 on 2025-01-27, -16.97 %; with 24.49e9 shares
// the raw day-0 market-cap change is between -$585e9 and -$595e9; the abnormal dollar change
// is smaller in magnitude because part of the loss is the market's (S&P 500 about -1.5 %).
#include <aftershock/study/run.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "support/deepseek_study.hpp"

namespace aftershock::study {
namespace {

TEST(DeepSeek, NvdaDayZeroAndTotals) {
  const auto deepseek = test::load_deepseek_study();
  const auto result = run_study(deepseek.panel, &deepseek.shares, deepseek.config);
  const auto& event = result.events.at(0);
  EXPECT_EQ(calendar::format_iso(event.event_date), "2025-01-27");

  const FirmResult* nvda = nullptr;
  for (const auto& f : event.firms) {
    EXPECT_EQ(f.status, FirmStatus::ok) << f.ticker << ": " << f.reason;
    if (f.ticker == "NVDA")
      nvda = &f;
  }
  ASSERT_NE(nvda, nullptr);
  ASSERT_TRUE(nvda->shares.has_value());
  EXPECT_EQ(*nvda->shares, 24.49e9);
  const auto& day0 = nvda->days.at(5);
  ASSERT_EQ(day0.offset, 0);
  EXPECT_NEAR(day0.firm_return, 118.42 / 142.62 - 1.0, 1e-4); // -16.97 %
  EXPECT_NEAR(day0.firm_return, -0.1697, 1e-4);
  EXPECT_LT(day0.market_return, 0.0);

  const auto& car0 = nvda->cars.at(0);
  ASSERT_EQ(car0.window, (events::Window{0, 0}));
  EXPECT_GT(car0.market_cap_change, -595e9);
  EXPECT_LT(car0.market_cap_change, -585e9);
  EXPECT_LT(car0.abnormal_dollar_change, 0.0);
  EXPECT_LT(std::abs(car0.abnormal_dollar_change), std::abs(car0.market_cap_change));
  EXPECT_LT(car0.normal_dollar_change, 0.0);
  // Cap on 2025-01-24 about $3.48e12 (142.62 x 24.49e9 = 3.493e12): the day-0 raw change
  // divided by the day-0 close-to-close change. (market_cap_before is for the event window
  // -5:5, i.e. the close of day -6.)
  EXPECT_NEAR(car0.market_cap_change / (118.42 / 142.62 - 1.0) / 1e12, 3.49, 0.02);
  EXPECT_GT(nvda->market_cap_before, 0.0);

  // Totals: every firm has shares; the aggregate is the sum over firms.
  const auto& agg = event.aggregate;
  EXPECT_EQ(agg.n_without_shares, 0);
  EXPECT_EQ(agg.n_firms, static_cast<int>(deepseek.config.tickers.size()));
  double raw = 0.0;
  double abnormal = 0.0;
  double loss = 0.0;
  for (const auto& f : event.firms) {
    raw += f.cars.at(0).market_cap_change;
    abnormal += f.cars.at(0).abnormal_dollar_change;
    loss += std::min(0.0, f.cars.at(0).abnormal_dollar_change);
  }
  const auto& total0 = agg.cars.at(0);
  EXPECT_NEAR(total0.market_cap_change, raw, 1e-9 * std::abs(raw));
  EXPECT_NEAR(total0.abnormal_dollar_change, abnormal, 1e-9 * std::abs(abnormal));
  EXPECT_NEAR(total0.gross_abnormal_loss, loss, 1e-9 * std::abs(loss));
  EXPECT_LT(total0.market_cap_change, car0.market_cap_change); // more lost than NVDA alone
  EXPECT_LT(total0.value_weighted_caar, 0.0);

  // Saha & Ferrell (2011): for one day MV_{-1} is known, so t(DAR_0) = t(AR_0) exactly (the
  // dollar variance is MV^2 Var(AR_0)).
  for (const auto& f : event.firms) {
    const auto& c = f.cars.at(0);
    EXPECT_NEAR(c.abnormal_dollar_t, c.t, 1e-9 * std::abs(c.t)) << f.ticker;
    EXPECT_LT(c.abnormal_dollar_ci_low, c.abnormal_dollar_change) << f.ticker;
    EXPECT_GT(c.abnormal_dollar_ci_high, c.abnormal_dollar_change) << f.ticker;
  }
  // The headline total carries a portfolio SE and a 95% interval around it.
  EXPECT_GT(total0.abnormal_dollar_se, 0.0);
  EXPECT_NEAR(total0.abnormal_dollar_t, total0.abnormal_dollar_change / total0.abnormal_dollar_se,
              1e-12 * std::abs(total0.abnormal_dollar_t));
  EXPECT_LT(total0.abnormal_dollar_ci_low, total0.abnormal_dollar_change);
  EXPECT_GT(total0.abnormal_dollar_ci_high, total0.abnormal_dollar_change);
}

} // namespace
} // namespace aftershock::study
