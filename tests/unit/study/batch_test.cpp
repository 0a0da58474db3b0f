// The batch engine (study --events) on the bundled data. Expected values are not copied from
// our own output: they come from independent runs of the single-date engine (run_study, itself
// checked against reference cases elsewhere) and from closed forms (the pooled AAR is the mean
// of the firm-events' ARs; a batch whose rows all share one date is the single-date study).
#include <aftershock/report/json_renderer.hpp>
#include <aftershock/sources/events_file.hpp>
#include <aftershock/study/batch.hpp>
#include <aftershock/study/run.hpp>
#include <aftershock/util/error.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "support/batch_study.hpp"
#include "support/paths.hpp"

namespace aftershock::study {
namespace {

calendar::Date date(const char* iso) {
  return *calendar::parse_iso_date(iso);
}

const std::vector<std::string> k_tickers{"NVDA", "AMD", "MSFT", "AVGO", "TSM", "MU", "ARM"};

struct Fixture : test::BatchStudy {
  Fixture() : BatchStudy(k_tickers, default_car_windows()) {}
};

// All rows on one date: the pooled study is the single-date study (same firms, same numbers).
TEST(Batch, OneDateEqualsSingleDateStudy) {
  Fixture f;
  std::vector<events::FirmEvent> rows;
  const std::vector<std::string> firms{"NVDA", "AMD", "MSFT", "AVGO", "TSM", "MU"};
  for (std::size_t i = 0; i < firms.size(); ++i)
    rows.push_back(test::firm_event(std::to_string(i + 1), firms[i], "2025-01-27", i + 2));
  const auto batch = run_batch_study(rows, f.markets, &f.shares, f.config, {});
  StudyConfig single = f.config;
  single.events_file.clear();
  single.event_date = date("2025-01-27");
  single.tickers = firms;
  const auto one = run_study(f.panel(), &f.shares, single);
  const auto& a = batch.events.at(0).aggregate;
  const auto& b = one.events.at(0).aggregate;
  ASSERT_EQ(a.n_firms, 6);
  ASSERT_EQ(a.days.size(), b.days.size());
  for (std::size_t j = 0; j < a.days.size(); ++j) {
    EXPECT_FALSE(a.days[j].mixed_dates);
    EXPECT_EQ(a.days[j].date, b.days[j].date);
    EXPECT_DOUBLE_EQ(a.days[j].aar, b.days[j].aar);
    ASSERT_EQ(a.days[j].tests.size(), b.days[j].tests.size());
    for (std::size_t k = 0; k < a.days[j].tests.size(); ++k) {
      const double x = a.days[j].tests[k].second.statistic;
      const double y = b.days[j].tests[k].second.statistic;
      if (std::isnan(y))
        EXPECT_TRUE(std::isnan(x)) << a.days[j].tests[k].first;
      else
        EXPECT_DOUBLE_EQ(x, y) << a.days[j].tests[k].first;
    }
  }
  for (std::size_t w = 0; w < a.cars.size(); ++w) {
    EXPECT_DOUBLE_EQ(a.cars[w].caar, b.cars[w].caar);
    EXPECT_DOUBLE_EQ(a.cars[w].abnormal_dollar_change, b.cars[w].abnormal_dollar_change);
    EXPECT_DOUBLE_EQ(a.cars[w].abnormal_dollar_se, b.cars[w].abnormal_dollar_se);
  }
}

// Different dates: each firm-event equals its own single-date study, and the pooled AAR / CAAR
// is their cross-sectional mean in event time (AAR_t = (1/N) sum_i AR_i,t; MacKinlay 1997
// eq. 13 and 15).
TEST(Batch, DifferentDatesPoolInEventTime) {
  Fixture f;
  const std::vector<events::FirmEvent> rows{test::firm_event("1", "NVDA", "2024-08-05", 2),
                                            test::firm_event("2", "AMD", "2025-01-27", 3),
                                            test::firm_event("3", "NVDA", "2025-04-03", 4)};
  const auto batch = run_batch_study(rows, f.markets, &f.shares, f.config, {});
  const auto& event = batch.events.at(0);
  EXPECT_TRUE(event.pooled);
  EXPECT_EQ(event.n_event_dates, 3);
  ASSERT_EQ(event.firms.size(), 3U);
  std::vector<double> day0;
  std::vector<double> car_event_window;
  for (const auto& r : rows) {
    StudyConfig single = f.config;
    single.events_file.clear();
    single.event_date = r.date;
    single.tickers = {r.ticker};
    const auto one = run_study(f.panel(), &f.shares, single);
    const auto& firm = one.events.at(0).firms.at(0);
    const auto it = std::find_if(event.firms.begin(), event.firms.end(),
                                 [&](const FirmResult& x) { return x.event->id == r.id; });
    ASSERT_NE(it, event.firms.end());
    EXPECT_EQ(it->status, FirmStatus::ok);
    ASSERT_EQ(it->days.size(), firm.days.size());
    for (std::size_t j = 0; j < firm.days.size(); ++j)
      EXPECT_DOUBLE_EQ(it->days[j].abnormal_return, firm.days[j].abnormal_return);
    EXPECT_EQ(it->event->event_date, one.events.at(0).event_date);
    day0.push_back(firm.days.at(5).abnormal_return);
    car_event_window.push_back(firm.cars.back().car);
  }
  const auto& agg = event.aggregate;
  EXPECT_NEAR(agg.days.at(5).aar, (day0[0] + day0[1] + day0[2]) / 3.0, 1e-15);
  EXPECT_TRUE(agg.days.at(5).mixed_dates);
  EXPECT_NEAR(agg.cars.back().caar,
              (car_event_window[0] + car_event_window[1] + car_event_window[2]) / 3.0, 1e-15);
  // The cross-sectional t of day 0 from its definition: mean / (sd / sqrt(N)).
  double mean = 0.0;
  for (const double v : day0)
    mean += v / 3.0;
  double ss = 0.0;
  for (const double v : day0)
    ss += (v - mean) * (v - mean);
  const double t = mean / std::sqrt(ss / 2.0 / 3.0);
  EXPECT_NEAR(agg.days.at(5).tests.front().second.statistic, t, 1e-12);
}

TEST(Batch, StatusesPerFirmEvent) {
  Fixture f;
  auto overlap_est = test::firm_event("5", "AMD", "2024-08-05", 6);
  overlap_est.estimation_end = 0; // estimation window must end before the event window
  const std::vector<events::FirmEvent> rows{
      test::firm_event("1", "NVDA", "2024-08-05", 2),
      test::firm_event("2", "ZZZZ", "2024-08-05", 3), // not in the data
      test::firm_event("3", "NVDA", "2031-01-02", 4), // after the data
      test::firm_event("4", "ARM", "2024-01-26",
                       5), // listed 2023-09-14: too few estimation returns
      overlap_est,
      test::firm_event("6", "MSFT", "2023-02-01",
                       7), // estimation window before the first market date
  };
  const auto batch = run_batch_study(rows, f.markets, &f.shares, f.config, {});
  std::map<std::string, FirmStatus> status;
  for (const auto& firm : batch.events.at(0).firms)
    status[firm.event->id] = firm.status;
  EXPECT_EQ(status["1"], FirmStatus::ok);
  EXPECT_EQ(status["2"], FirmStatus::unit_missing);
  EXPECT_EQ(status["3"], FirmStatus::event_outside);
  EXPECT_EQ(status["4"], FirmStatus::edata_missing);
  EXPECT_EQ(status["5"], FirmStatus::window_overlap);
  EXPECT_EQ(status["6"], FirmStatus::event_outside);
  EXPECT_EQ(batch.events.at(0).aggregate.n_firms, 1);
}

TEST(Batch, OverlappingEventsOfOneFirm) {
  Fixture f;
  // 2024-08-05 and 2024-08-07 are two trading days apart: [-5, 5] windows overlap for NVDA.
  const std::vector<events::FirmEvent> rows{test::firm_event("a", "NVDA", "2024-08-07", 2),
                                            test::firm_event("b", "NVDA", "2024-08-05", 3),
                                            test::firm_event("c", "AMD", "2024-08-07", 4)};
  EXPECT_THROW((void)run_batch_study(rows, f.markets, &f.shares, f.config, {OverlapPolicy::error}),
               Error);
  const auto warned = run_batch_study(rows, f.markets, &f.shares, f.config, {OverlapPolicy::warn});
  EXPECT_EQ(warned.events.at(0).aggregate.n_firms, 3);
  const auto trimmed = run_batch_study(rows, f.markets, &f.shares, f.config, {OverlapPolicy::trim});
  const auto& firms = trimmed.events.at(0).firms;
  ASSERT_EQ(firms.size(), 3U);
  EXPECT_EQ(firms[0].event->id, "a");                    // sorted by id
  EXPECT_EQ(firms[0].status, FirmStatus::event_overlap); // the later event of NVDA
  EXPECT_EQ(firms[1].status, FirmStatus::ok);
  EXPECT_EQ(firms[2].status, FirmStatus::ok);
}

// Rows with other windows are accepted (per-row windows; tests/unit/study/batch_windows_test.cpp
// checks the numbers); a CAR window outside the union of the rows' windows still ends the command.
TEST(Batch, RowsMayHaveTheirOwnWindows) {
  Fixture f;
  auto other = test::firm_event("2", "AMD", "2025-01-27", 3);
  other.event_window = events::Window{-2, 2};
  const std::vector<events::FirmEvent> rows{test::firm_event("1", "NVDA", "2024-08-05", 2), other};
  const auto result = run_batch_study(rows, f.markets, &f.shares, f.config, {});
  EXPECT_EQ(result.events.at(0).aggregate.n_firms, 2);
  EXPECT_EQ(result.events.at(0).event_window, (events::Window{-5, 5}));
  f.config.car_windows = {{-6, 0}};
  EXPECT_THROW((void)run_batch_study(rows, f.markets, &f.shares, f.config, {}), Error);
}

TEST(Batch, GroupsAndOrderAreDeterministic) {
  Fixture f;
  f.config.group_by = GroupBy::group;
  std::vector<events::FirmEvent> rows;
  std::size_t line = 2;
  for (const char* d : {"2024-08-05", "2025-01-27"})
    for (const auto& t : k_tickers) {
      auto e = test::firm_event(std::string(d) + "/" + t, t, d, line++);
      e.group = (t == "MSFT") ? "software" : "chips";
      rows.push_back(e);
    }
  const auto first = run_batch_study(rows, f.markets, &f.shares, f.config, {});
  std::reverse(rows.begin(), rows.end());
  const auto second = run_batch_study(rows, f.markets, &f.shares, f.config, {});
  const auto& a = first.events.at(0);
  const auto& b = second.events.at(0);
  ASSERT_EQ(a.firms.size(), b.firms.size());
  for (std::size_t i = 0; i < a.firms.size(); ++i)
    EXPECT_EQ(a.firms[i].event->id, b.firms[i].event->id);
  EXPECT_TRUE(
      std::is_sorted(a.firms.begin(), a.firms.end(), [](const FirmResult& x, const FirmResult& y) {
        return x.event->id < y.event->id;
      }));
  ASSERT_EQ(a.groups.size(), 2U);
  EXPECT_EQ(a.groups[0].name, "chips");
  EXPECT_EQ(a.groups[1].name, "software");
  // Group dollar totals add up to the overall total (sums over disjoint sets of firm-events).
  const auto& all = a.aggregate.cars.back();
  EXPECT_NEAR(a.groups[0].aggregate.cars.back().abnormal_dollar_change +
                  a.groups[1].aggregate.cars.back().abnormal_dollar_change,
              all.abnormal_dollar_change, 1e-3);
  EXPECT_NEAR(all.gross_abnormal_loss + all.gross_abnormal_gain, all.abnormal_dollar_change, 1e-3);
  EXPECT_EQ(a.groups[1].aggregate.cars.back().caar, b.groups[1].aggregate.cars.back().caar);
  // Same rows in another order: byte-identical JSON (sorted by event id, then offset).
  const report::RunInputs inputs;
  EXPECT_EQ(report::render_json(first, inputs), report::render_json(second, inputs));
  EXPECT_EQ(report::render_json(first, inputs),
            report::render_json(run_batch_study(rows, f.markets, &f.shares, f.config, {}), inputs));
}

// The EventStudyTools S&P 500 additions example (../shared/reference/arc_sp500_additions_inputs;
// its README: 16 events on different dates, windows [-2, 2], estimation [-130, -11]; Travelers
// Group's prices stop 4 trading days after its event, so its [-2, 2] window fits).
TEST(Batch, ArcSp500ExampleRunsEveryEvent) {
  AFTERSHOCK_REQUIRE_SHARED(shared);
  const auto folder = shared / "reference" / "arc_sp500_additions_inputs";
  const auto file = sources::read_events_file(folder / "01_RequestFile.csv", std::nullopt);
  auto series = sources::read_arc_prices(folder / "02_FirmData.csv").series;
  const auto market = sources::read_arc_prices(folder / "03_MarketData.csv").series.at(0);
  series.push_back(market);
  std::map<std::string, MarketData> markets;
  markets["SP500"].panel = series::align(calendar::TradingCalendar(market.dates), series);
  StudyConfig config;
  config.market = "SP500";
  config.returns = series::ReturnType::log; // ARC default (README of the fixture)
  config.car_windows = default_car_windows();
  config.events_file = "01_RequestFile.csv";
  const auto result = run_batch_study(file.events, markets, nullptr, config, {});
  const auto& event = result.events.at(0);
  ASSERT_EQ(event.firms.size(), 16U);
  for (const auto& f : event.firms)
    EXPECT_EQ(f.status, FirmStatus::ok) << f.event->id << " " << f.ticker << ": " << f.reason;
  EXPECT_EQ(event.n_event_dates, 15);                // 01.10.1998 holds two events
  EXPECT_EQ(event.firms.front().event->id, "23473"); // numeric id order
  EXPECT_EQ(event.estimation, (events::Window{-130, -11}));
  EXPECT_EQ(event.aggregate.n_firms, 16);
}

} // namespace
} // namespace aftershock::study
