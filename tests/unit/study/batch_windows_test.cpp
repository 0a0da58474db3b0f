// Per-row event and estimation windows in a batch (issue 5) and --overlap trim. Expected values
// are not copied from our own output: each firm-event is recomputed independently by the
// single-date engine (run_study, checked against reference cases elsewhere) on its own windows,
// and the pooled quantities follow from their definitions in event time (Brown & Warner 1985;
// MacKinlay 1997 eq. 13 and 15): AAR_t = mean of AR_i,t over the firm-events whose own window
// contains t; CAAR(w) = mean of CAR_i(w) over those whose window contains w; dollar totals are
// sums over the same firm-events. Precision: 1e-12 relative (identical arithmetic paths).
#include <aftershock/report/json_renderer.hpp>
#include <aftershock/study/batch.hpp>
#include <aftershock/study/run.hpp>
#include <aftershock/util/error.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <string>

#include "support/batch_study.hpp"

namespace aftershock::study {
namespace {

struct Fixture : test::BatchStudy {
  Fixture() : BatchStudy({"NVDA", "AMD", "MSFT", "SPY"}, {{0, 0}, {-1, 1}, {0, 2}}) {}
};

// The single-date study of one firm-event on the given windows (CAR windows inside its window).
FirmResult single(const Fixture& f, const events::FirmEvent& e, const events::Window& window,
                  const events::Window& estimation) {
  StudyConfig c = f.config;
  c.events_file.clear();
  c.event_date = e.date;
  c.tickers = {e.ticker};
  c.event_window = window;
  c.estimation = estimation;
  c.car_windows.clear();
  for (const auto& w : f.config.car_windows)
    if (window.contains(w))
      c.car_windows.push_back(w);
  auto result = run_study(f.markets.at("SPY").panel, &f.shares, c);
  return result.events.at(0).firms.at(0);
}

const CarRow* car_of(const FirmResult& firm, const events::Window& w) {
  for (const auto& c : firm.cars)
    if (c.window == w)
      return &c;
  return nullptr;
}

TEST(BatchWindows, RowsWithTheirOwnWindowsPoolInEventTime) {
  Fixture f;
  auto a = test::firm_event("1", "NVDA", "2024-08-05", 2); // --window -5:5, --estimation -260:-11
  auto b = test::firm_event("2", "AMD", "2025-01-27", 3);
  b.event_window = events::Window{-2, 2};
  b.estimation_length = 120; // [-130, -11]
  auto c = test::firm_event("3", "MSFT", "2025-04-03", 4);
  c.event_window = events::Window{0, 10};
  c.estimation_end = -21; // [-270, -21]
  const std::vector<events::FirmEvent> rows{a, b, c};
  const std::vector<events::Window> windows{{-5, 5}, {-2, 2}, {0, 10}};
  const std::vector<events::Window> estimations{{-260, -11}, {-130, -11}, {-270, -21}};

  const auto result = run_batch_study(rows, f.markets, &f.shares, f.config, {});
  const auto& event = result.events.at(0);
  EXPECT_EQ(event.event_window, (events::Window{-5, 10})); // the union
  ASSERT_EQ(event.firms.size(), 3U);
  std::vector<FirmResult> expected;
  for (std::size_t i = 0; i < rows.size(); ++i)
    expected.push_back(single(f, rows[i], windows[i], estimations[i]));

  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& firm = event.firms[i];
    ASSERT_EQ(firm.status, FirmStatus::ok) << firm.reason;
    ASSERT_TRUE(firm.event->event_window);
    EXPECT_EQ(*firm.event->event_window, windows[i]);
    EXPECT_EQ(*firm.event->estimation, estimations[i]);
    EXPECT_EQ(firm.fit.n_estimation, expected[i].fit.n_estimation); // its own estimation window
    ASSERT_EQ(firm.days.size(), 16U);                               // padded to [-5, 10]
    for (const auto& d : firm.days) {
      if (windows[i].contains(d.offset)) {
        const auto& e = expected[i].days.at(static_cast<std::size_t>(d.offset - windows[i].first));
        EXPECT_DOUBLE_EQ(d.abnormal_return, e.abnormal_return);
        EXPECT_EQ(d.date, e.date);
      } else {
        EXPECT_TRUE(std::isnan(d.abnormal_return)) << i << " " << d.offset;
      }
    }
  }

  const auto& agg = event.aggregate;
  ASSERT_EQ(agg.days.size(), 16U);
  for (const auto& day : agg.days) {
    double sum = 0.0;
    int n = 0;
    for (std::size_t i = 0; i < rows.size(); ++i)
      if (windows[i].contains(day.offset)) {
        sum += expected[i]
                   .days.at(static_cast<std::size_t>(day.offset - windows[i].first))
                   .abnormal_return;
        ++n;
      }
    EXPECT_EQ(day.n, n) << day.offset;
    EXPECT_NEAR(day.aar, sum / n, 1e-15) << day.offset;
  }
  // CAR windows: [0,0] and [0,2] in all three, [-1,1] in the first two, the union in none.
  ASSERT_EQ(agg.cars.size(), 4U);
  for (const auto& car : agg.cars) {
    double sum = 0.0;
    double dollars = 0.0;
    int n = 0;
    for (std::size_t i = 0; i < rows.size(); ++i)
      if (const CarRow* r = car_of(expected[i], car.window)) {
        sum += r->car;
        dollars += r->abnormal_dollar_change;
        ++n;
      } else {
        EXPECT_TRUE(std::isnan(car_of(event.firms[i], car.window)->car));
      }
    EXPECT_EQ(car.n, n) << events::format_window(car.window);
    if (n == 0) {
      EXPECT_TRUE(std::isnan(car.caar));
      continue;
    }
    EXPECT_NEAR(car.caar, sum / n, 1e-15) << events::format_window(car.window);
    EXPECT_NEAR(car.abnormal_dollar_change, dollars, 1e-6 * std::abs(dollars));
  }
  EXPECT_EQ(agg.cars[1].n, 2);
  EXPECT_EQ(agg.cars[3].window, (events::Window{-5, 10}));

  // JSON: each firm-event reports its own windows (keys absent when they equal the study's).
  const auto json = nlohmann::json::parse(report::render_json(result, report::RunInputs{}));
  const auto& third = json.at("events").at(0).at("firms").at(2);
  EXPECT_EQ(third.at("event_window"), nlohmann::json::array({0, 10}));
  EXPECT_EQ(third.at("estimation_window"), nlohmann::json::array({-270, -21}));
  EXPECT_EQ(json.at("events").at(0).at("event_window"), nlohmann::json::array({-5, 10}));
}

// Rows that all share the windows: no per-row keys, the layout of a one-window batch.
TEST(BatchWindows, EqualWindowsAddNoKeys) {
  Fixture f;
  const std::vector<events::FirmEvent> rows{test::firm_event("1", "NVDA", "2024-08-05", 2),
                                            test::firm_event("2", "AMD", "2025-01-27", 3)};
  const auto result = run_batch_study(rows, f.markets, &f.shares, f.config, {});
  for (const auto& firm : result.events.at(0).firms) {
    EXPECT_FALSE(firm.event->event_window);
    EXPECT_FALSE(firm.event->estimation);
    EXPECT_EQ(firm.days.size(), 11U);
  }
}

// --overlap trim: NVDA on 2024-08-05 ([-5, 5] ends on 2024-08-12) and on 2024-08-13 ([-5, 5]
// starts on 2024-08-06): the later window is trimmed to start on 2024-08-13, i.e. [0, 5].
TEST(BatchWindows, TrimShortensTheLaterWindow) {
  Fixture f;
  const std::vector<events::FirmEvent> rows{test::firm_event("1", "NVDA", "2024-08-05", 2),
                                            test::firm_event("2", "NVDA", "2024-08-13", 3),
                                            test::firm_event("3", "AMD", "2024-08-13", 4)};
  const auto result = run_batch_study(rows, f.markets, &f.shares, f.config, {OverlapPolicy::trim});
  const auto& event = result.events.at(0);
  ASSERT_EQ(event.firms.size(), 3U);
  const auto& earlier = event.firms[0];
  const auto& later = event.firms[1];
  ASSERT_EQ(later.status, FirmStatus::ok) << later.reason;
  EXPECT_FALSE(earlier.event->event_window); // kept whole
  ASSERT_TRUE(later.event->event_window);
  EXPECT_EQ(*later.event->event_window, (events::Window{0, 5}));
  const auto expected = single(f, rows[1], {0, 5}, {-260, -11});
  for (const auto& d : later.days)
    if (d.offset >= 0)
      EXPECT_DOUBLE_EQ(d.abnormal_return,
                       expected.days.at(static_cast<std::size_t>(d.offset)).abnormal_return);
    else
      EXPECT_TRUE(std::isnan(d.abnormal_return));
  EXPECT_TRUE(std::isnan(car_of(later, {-1, 1})->car)); // not inside the trimmed window
  EXPECT_DOUBLE_EQ(car_of(later, {0, 2})->car, car_of(expected, {0, 2})->car);
  EXPECT_EQ(event.aggregate.n_firms, 3);
  EXPECT_EQ(event.aggregate.cars[1].n, 2); // [-1, 1]: the trimmed event is missing
  bool noted = false;
  for (const auto& note : result.notes)
    noted = noted || note.find("the event window of 2 is 0:5 instead of -5:5") != std::string::npos;
  EXPECT_TRUE(noted) << "no trim note";
  // warn keeps both windows whole; error ends the command.
  const auto warned = run_batch_study(rows, f.markets, &f.shares, f.config, {OverlapPolicy::warn});
  EXPECT_FALSE(warned.events.at(0).firms[1].event->event_window);
  EXPECT_THROW((void)run_batch_study(rows, f.markets, &f.shares, f.config, {OverlapPolicy::error}),
               Error);
}

// A trimmed window that no longer contains day 0: status eventoverlap with that reason.
TEST(BatchWindows, TrimPastDayZeroIsEventOverlap) {
  Fixture f;
  const std::vector<events::FirmEvent> rows{test::firm_event("1", "NVDA", "2024-08-05", 2),
                                            test::firm_event("2", "NVDA", "2024-08-07", 3)};
  const auto result = run_batch_study(rows, f.markets, &f.shares, f.config, {OverlapPolicy::trim});
  const auto& later = result.events.at(0).firms[1];
  EXPECT_EQ(later.status, FirmStatus::event_overlap);
  EXPECT_NE(later.reason.find("would no longer contain day 0"), std::string::npos) << later.reason;
  EXPECT_EQ(result.events.at(0).aggregate.n_firms, 1);
}

} // namespace
} // namespace aftershock::study
