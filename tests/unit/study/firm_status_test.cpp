// Per-firm statuses and validation errors on a synthetic panel: a firm that cannot be studied
// gets a status and a reason and never changes another firm's numbers; problems that leave
// nothing to compute throw aftershock::Error naming the value and the bound.
#include <aftershock/study/run.hpp>
#include <aftershock/util/error.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <string>

namespace aftershock::study {
namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();
constexpr std::size_t k_days = 60;
constexpr std::size_t k_day0 = 40;

double market_return(std::size_t d) {
  const double x = static_cast<double>(d);
  return 0.01 * std::sin(1.7 * x) + 0.003 * std::cos(0.3 * x);
}

// Prices from returns r(d), starting at 100 on day 0 of the calendar.
std::vector<double> prices(const std::function<double(std::size_t)>& r) {
  std::vector<double> p(k_days);
  p[0] = 100.0;
  for (std::size_t d = 1; d < k_days; ++d)
    p[d] = p[d - 1] * (1.0 + r(d));
  return p;
}

series::PanelColumn column(std::string ticker, std::vector<double> close) {
  series::PanelColumn c;
  c.ticker = std::move(ticker);
  c.adj_close.assign(close.size(), k_nan);
  c.close = std::move(close);
  return c;
}

calendar::Date day(std::size_t d) {
  return *calendar::parse_iso_date("2024-01-01") + std::chrono::days(static_cast<int>(d));
}

series::Panel synthetic_panel() {
  std::vector<calendar::Date> dates;
  for (std::size_t d = 0; d < k_days; ++d)
    dates.push_back(day(d));
  series::Panel panel;
  panel.calendar = calendar::TradingCalendar(std::move(dates));
  const auto firm_a = [](std::size_t d) {
    return 0.0005 + 1.3 * market_return(d) + 0.004 * std::sin(2.9 * static_cast<double>(d) + 1);
  };
  const auto firm_b = [](std::size_t d) {
    return -0.0002 + 0.8 * market_return(d) + 0.006 * std::cos(1.3 * static_cast<double>(d));
  };
  panel.columns.push_back(column("MKT", prices(market_return)));
  panel.columns.push_back(column("A", prices(firm_a)));
  panel.columns.push_back(column("B", prices(firm_b)));
  auto short_history = prices(firm_a);
  std::fill(short_history.begin(), short_history.begin() + 25, k_nan);
  panel.columns.push_back(column("SHORT", short_history));
  panel.columns.push_back(column("FLAT", std::vector<double>(k_days, 50.0)));
  auto hole = prices(firm_b);
  hole[k_day0] = k_nan;
  panel.columns.push_back(column("HOLE", hole));
  auto ended = prices(firm_a);
  std::fill(ended.begin() + 36, ended.end(), k_nan);
  panel.columns.push_back(column("ENDED", ended));
  auto gap = prices(firm_b);
  gap[k_day0 + 1] = k_nan;
  panel.columns.push_back(column("GAP", gap));
  return panel;
}

StudyConfig synthetic_config(std::vector<std::string> tickers) {
  StudyConfig config;
  config.event_date = day(k_day0);
  config.market = "MKT";
  config.tickers = std::move(tickers);
  config.estimation = {-30, -6};
  config.event_window = {-2, 2};
  config.car_windows = {{0, 0}, {-1, 1}};
  config.min_estimation = 20;
  return config;
}

const FirmResult& firm(const StudyResult& result, const std::string& ticker) {
  for (const auto& f : result.events.at(0).firms)
    if (f.ticker == ticker)
      return f;
  throw std::runtime_error("no firm " + ticker);
}

TEST(FirmStatus, BadFirmsGetStatusesAndLeaveOthersUnchanged) {
  const auto panel = synthetic_panel();
  const auto clean = run_study(panel, nullptr, synthetic_config({"A", "B"}));
  const auto mixed = run_study(
      panel, nullptr, synthetic_config({"A", "SHORT", "FLAT", "HOLE", "ENDED", "GONE", "B"}));

  EXPECT_EQ(firm(mixed, "SHORT").status, FirmStatus::edata_missing);
  EXPECT_EQ(firm(mixed, "SHORT").reason,
            "9 estimation returns, fewer than the minimum 20 (--min-estimation)");
  EXPECT_EQ(firm(mixed, "FLAT").status, FirmStatus::constant_returns);
  EXPECT_EQ(firm(mixed, "HOLE").status, FirmStatus::wdata_missing);
  EXPECT_NE(firm(mixed, "HOLE").reason.find("no return on day 0 (2024-02-10)"), std::string::npos);
  EXPECT_EQ(firm(mixed, "ENDED").status, FirmStatus::wrong_span);
  EXPECT_EQ(firm(mixed, "GONE").status, FirmStatus::unit_missing);
  for (const char* name : {"SHORT", "FLAT", "HOLE", "ENDED", "GONE"})
    EXPECT_FALSE(firm(mixed, name).reason.empty()) << name;

  const auto& a = mixed.events[0].aggregate;
  const auto& b = clean.events[0].aggregate;
  EXPECT_EQ(a.n_firms, 2);
  for (const char* name : {"A", "B"}) {
    const auto& x = firm(mixed, name);
    const auto& y = firm(clean, name);
    EXPECT_EQ(x.status, FirmStatus::ok);
    EXPECT_EQ(*x.fit.alpha(), *y.fit.alpha());
    EXPECT_EQ(*x.fit.beta(), *y.fit.beta());
    for (std::size_t j = 0; j < x.days.size(); ++j)
      EXPECT_EQ(x.days[j].abnormal_return, y.days[j].abnormal_return);
    for (std::size_t w = 0; w < x.cars.size(); ++w)
      EXPECT_EQ(x.cars[w].car, y.cars[w].car);
  }
  for (std::size_t j = 0; j < a.days.size(); ++j) {
    EXPECT_EQ(a.days[j].aar, b.days[j].aar);
    for (std::size_t k = 0; k < a.days[j].tests.size(); ++k)
      EXPECT_EQ(a.days[j].tests[k].second.statistic, b.days[j].tests[k].second.statistic);
  }
  // Window tests too (all 19 keys, the rank panel and GRANK included): excluded firms never
  // enter the estimation + event AR panel.
  for (std::size_t w = 0; w < a.cars.size(); ++w)
    for (std::size_t k = 0; k < a.cars[w].tests.size(); ++k) {
      const auto& x = a.cars[w].tests[k].second;
      const auto& y = b.cars[w].tests[k].second;
      EXPECT_TRUE(x.statistic == y.statistic ||
                  (std::isnan(x.statistic) && std::isnan(y.statistic)))
          << a.cars[w].tests[k].first;
    }
  EXPECT_EQ(a.mean_residual_correlation, b.mean_residual_correlation);
  EXPECT_EQ(mixed.notes.size(), clean.notes.size() + 5);
}

TEST(FirmStatus, MissingEventDaysAreNaNAndCarUsesAvailableDays) {
  const auto result = run_study(synthetic_panel(), nullptr, synthetic_config({"A", "GAP"}));
  const auto& gap = firm(result, "GAP");
  ASSERT_EQ(gap.status, FirmStatus::ok) << gap.reason;
  // Day +1 has no price, and under GapPolicy::missing day +2 has no return either.
  EXPECT_TRUE(std::isnan(gap.days[3].abnormal_return));
  EXPECT_TRUE(std::isnan(gap.days[4].abnormal_return));
  ASSERT_EQ(gap.cars.size(), 3U);
  const auto& full = gap.cars[2];
  EXPECT_EQ(full.window, (events::Window{-2, 2}));
  EXPECT_DOUBLE_EQ(full.car, gap.days[0].abnormal_return + gap.days[1].abnormal_return +
                                 gap.days[2].abnormal_return);
  EXPECT_EQ(result.events[0].aggregate.days[3].n, 1);
  EXPECT_EQ(result.events[0].aggregate.days[2].n, 2);
}

TEST(FirmStatus, FirmsWithoutSharesAreCountedAndLeftOutOfTotals) {
  series::SharesTable shares;
  shares.records.push_back({"A", 1000.0, std::nullopt, "test"});
  const auto result = run_study(synthetic_panel(), &shares, synthetic_config({"A", "B"}));
  const auto& agg = result.events[0].aggregate;
  EXPECT_EQ(agg.n_without_shares, 1);
  EXPECT_EQ(agg.tickers_without_shares, std::vector<std::string>{"B"});
  const auto& a = firm(result, "A");
  EXPECT_TRUE(std::isnan(firm(result, "B").market_cap_before));
  EXPECT_TRUE(std::isnan(firm(result, "B").cars[0].abnormal_dollar_change));
  EXPECT_DOUBLE_EQ(agg.market_cap_before, a.market_cap_before);
  for (std::size_t w = 0; w < agg.cars.size(); ++w) {
    EXPECT_DOUBLE_EQ(agg.cars[w].market_cap_change, a.cars[w].market_cap_change);
    EXPECT_DOUBLE_EQ(agg.cars[w].abnormal_dollar_change, a.cars[w].abnormal_dollar_change);
  }
  // MV(t1-1) of the event window = close on day -3 x shares.
  EXPECT_DOUBLE_EQ(a.market_cap_before, synthetic_panel().columns[1].close[k_day0 - 3] * 1000.0);
}

TEST(FirmStatus, LogReturnsAreConvertedForBharAndDollars) {
  series::SharesTable shares;
  shares.records.push_back({"A", 1000.0, std::nullopt, "test"});
  auto config = synthetic_config({"A", "B"});
  config.returns = series::ReturnType::log;
  const auto panel = synthetic_panel();
  const auto result = run_study(panel, &shares, config);
  const auto& a = firm(result, "A");
  const auto& close = panel.columns[1].close;
  // Full window -2:2 (the third CAR row): BHAR = prod(exp R) - prod(exp E[R]);
  // dollar change = sum_t (exp(AR_t) - 1) close(t-1) x shares (methods.md s.2, s.10).
  double firm_growth = 1.0;
  double normal_growth = 1.0;
  double dollars = 0.0;
  for (const auto& d : a.days) {
    firm_growth *= std::exp(d.firm_return);
    normal_growth *= std::exp(d.expected_return);
    dollars += std::expm1(d.abnormal_return) *
               close[k_day0 + static_cast<std::size_t>(d.offset + 2) - 3] * 1000.0;
  }
  EXPECT_NEAR(a.cars[2].bhar, firm_growth - normal_growth, 1e-14);
  EXPECT_NEAR(a.cars[2].abnormal_dollar_change, dollars, 1e-9);
  EXPECT_NEAR(a.cars[2].market_cap_change, (close[k_day0 + 2] - close[k_day0 - 3]) * 1000.0, 1e-9);
}

void expect_error(const StudyConfig& config, const std::string& fragment) {
  try {
    (void)run_study(synthetic_panel(), nullptr, config);
    ADD_FAILURE() << "no error, expected: " << fragment;
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    EXPECT_FALSE(e.hint().empty());
  }
}

TEST(Validation, ErrorsNameTheValueAndTheBound) {
  auto config = synthetic_config({"A"});
  config.event_date = *calendar::parse_iso_date("2030-01-02");
  expect_error(config, "event date 2030-01-02 is after the last market date 2024-02-29");
  config.event_date = *calendar::parse_iso_date("2023-12-01");
  expect_error(config, "event date 2023-12-01 is before the first market date 2024-01-01");

  config = synthetic_config({"A"});
  config.market = "NOPE";
  expect_error(config, "market \"NOPE\" is not in the data");

  config = synthetic_config({"A"});
  config.estimation = {-30, -1};
  expect_error(config, "estimation window -30:-1 overlaps the event window -2:2");

  config = synthetic_config({"A"});
  config.estimation = {-45, -6};
  expect_error(config, "estimation window -45:-6 starts before the first market date 2024-01-01");

  config = synthetic_config({"A"});
  config.event_window = {-2, 25};
  expect_error(config, "ends after the last market date 2024-02-29");

  config = synthetic_config({"A"});
  config.car_windows = {{-3, 0}};
  expect_error(config, "CAR window -3:0 is not inside the event window -2:2");

  expect_error(synthetic_config({"FLAT", "GONE"}), "no firm can be studied");
}

TEST(Validation, EventOnNonTradingDayFollowsThePolicy) {
  auto panel = synthetic_panel();
  // Drop calendar day 40 from a copy: the event date becomes a non-trading day.
  std::vector<calendar::Date> dates;
  for (std::size_t d = 0; d < k_days; ++d)
    if (d != k_day0)
      dates.push_back(day(d));
  series::Panel holiday;
  holiday.calendar = calendar::TradingCalendar(dates);
  for (const auto& c : panel.columns) {
    auto copy = c;
    copy.close.erase(copy.close.begin() + static_cast<long>(k_day0));
    copy.adj_close.erase(copy.adj_close.begin() + static_cast<long>(k_day0));
    holiday.columns.push_back(copy);
  }
  auto config = synthetic_config({"A", "B"});
  const auto next = run_study(holiday, nullptr, config);
  EXPECT_EQ(next.events[0].requested_date, day(k_day0));
  EXPECT_EQ(next.events[0].event_date, day(k_day0 + 1));
  config.policy = calendar::NonTradingPolicy::previous;
  EXPECT_EQ(run_study(holiday, nullptr, config).events[0].event_date, day(k_day0 - 1));
  config.policy = calendar::NonTradingPolicy::skip;
  try {
    (void)run_study(holiday, nullptr, config);
    ADD_FAILURE() << "skip policy on a non-trading day must throw";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("is not a trading day"), std::string::npos);
  }
}

} // namespace
} // namespace aftershock::study
