// CAR and CAAR paths over the event window (study/caar_path.hpp). Reference: the xKDR
// eventstudies 1.2.2 unit test "functionality for inference functions"
// (tests/testthat/test_functionality_inference.R; ../shared/reference/xkdr_eventstudies_inference,
// written here as literals with their source): three events (ITC, Reliance, TCS), event time
// -1..1 with the first day's value 0, and the "classic" (t.test) 95% interval of the mean CAR per
// event time, printed to 15 significant digits.
#include <aftershock/study/caar_path.hpp>
#include <aftershock/study/run.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "support/deepseek_study.hpp"

namespace aftershock::study {
namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

FirmResult firm_with_ars(std::string ticker, const std::vector<double>& ars) {
  FirmResult firm;
  firm.ticker = std::move(ticker);
  for (std::size_t j = 0; j < ars.size(); ++j) {
    DayRow row;
    row.offset = static_cast<int>(j) - 1;
    row.abnormal_return = ars[j];
    firm.days.push_back(row);
  }
  return firm;
}

EventResult xkdr_event() {
  // expected_event_time_car.csv: CAR at event time -1, 0, 1 per firm; the ARs are its steps.
  const double itc[] = {0.0, 0.0278562751459042, 0.0644716084647099};
  const double rel[] = {0.0, 0.0170053232695686, -0.00258888649946787};
  const double tcs[] = {0.0, -0.0153232381366424, -0.0408950663236913};
  EventResult event;
  event.event_window = {-1, 1};
  for (const auto* car : {itc, rel, tcs})
    event.firms.push_back(firm_with_ars("F", {car[0], car[1] - car[0], car[2] - car[1]}));
  for (int offset = -1; offset <= 1; ++offset) {
    AggregateDay day;
    day.offset = offset;
    event.aggregate.days.push_back(day);
  }
  return event;
}

TEST(CaarPath, MatchesXkdrClassicInterval) {
  auto event = xkdr_event();
  add_caar_paths(event);
  const auto& path = event.aggregate.caar_path;
  ASSERT_EQ(path.size(), 3U);
  EXPECT_EQ(path[0].offset, -1);
  EXPECT_EQ(path[0].n, 3);
  EXPECT_EQ(path[0].caar, 0.0);
  EXPECT_TRUE(std::isnan(path[0].ci_low)) << "zero dispersion: t.test gives no interval";
  EXPECT_TRUE(std::isnan(path[0].ci_high));
  // expected_inference.csv, strategy classic (lower_2.5, centre, upper_97.5).
  EXPECT_NEAR(path[1].caar, 0.00984612009294346, 1e-12);
  EXPECT_NEAR(path[1].ci_low, -0.0459535096314264, 1e-12);
  EXPECT_NEAR(path[1].ci_high, 0.0656457498173133, 1e-12);
  EXPECT_NEAR(path[2].caar, 0.00699588521385023, 1e-12);
  EXPECT_NEAR(path[2].ci_low, -0.125491237730001, 1e-12);
  EXPECT_NEAR(path[2].ci_high, 0.139483008157702, 1e-12);
  // Each firm's path is its CAR series (expected_event_time_car.csv, TCS column).
  EXPECT_NEAR(event.firms[2].car_path[2], -0.0408950663236913, 1e-15);
}

TEST(CaarPath, MissingDaysAndExcludedFirms) {
  auto event = xkdr_event();
  event.firms[0].days[0].abnormal_return = k_nan; // no AR on the first day: path starts later
  event.firms[1].days[1].abnormal_return = k_nan; // a gap: the CAR carries the earlier sum
  event.firms.push_back(firm_with_ars("X", {0.5, 0.5, 0.5}));
  event.firms.back().status = FirmStatus::wdata_missing; // reported, never aggregated
  add_caar_paths(event);
  EXPECT_TRUE(std::isnan(event.firms[0].car_path[0]));
  EXPECT_DOUBLE_EQ(event.firms[0].car_path[1], 0.0278562751459042);
  EXPECT_DOUBLE_EQ(event.firms[1].car_path[1], 0.0);
  EXPECT_DOUBLE_EQ(event.firms[3].car_path[2], 1.5); // closed form: 3 x 0.5
  const auto& path = event.aggregate.caar_path;
  EXPECT_EQ(path[0].n, 2);
  EXPECT_EQ(path[1].n, 3);
  // Day 0: mean of 0.0278562751459042, 0 and -0.0153232381366424 (closed form).
  EXPECT_NEAR(path[1].caar, (0.0278562751459042 - 0.0153232381366424) / 3.0, 1e-15);
}

// The streamed batch's form (add_caar_path over pointers, no per-firm path kept) reads the same
// xKDR reference values, with a missing day and an excluded firm.
TEST(CaarPath, AggregateOnlyFormMatchesXkdr) {
  auto event = xkdr_event();
  std::vector<const FirmResult*> firms;
  for (const auto& firm : event.firms)
    firms.push_back(&firm);
  add_caar_path(event.aggregate, firms);
  const auto& path = event.aggregate.caar_path;
  ASSERT_EQ(path.size(), 3U);
  EXPECT_EQ(path[1].n, 3);
  EXPECT_NEAR(path[1].caar, 0.00984612009294346, 1e-12);
  EXPECT_NEAR(path[1].ci_low, -0.0459535096314264, 1e-12);
  EXPECT_NEAR(path[2].ci_high, 0.139483008157702, 1e-12);
  EXPECT_TRUE(event.firms[0].car_path.empty()) << "no per-firm path is stored";

  auto gaps = xkdr_event();
  gaps.firms[0].days[0].abnormal_return = k_nan;
  gaps.firms.push_back(firm_with_ars("X", {0.5, 0.5, 0.5}));
  gaps.firms.back().status = FirmStatus::wdata_missing;
  firms.clear();
  for (const auto& firm : gaps.firms)
    firms.push_back(&firm);
  add_caar_path(gaps.aggregate, firms);
  EXPECT_EQ(gaps.aggregate.caar_path[0].n, 2);
  EXPECT_EQ(gaps.aggregate.caar_path[2].n, 3);
}

// On the bundled DeepSeek data the last point of the CAAR path is the CAAR of the whole event
// window, with the same cross-sectional interval (two code paths, one definition).
TEST(CaarPath, LastPointIsTheEventWindowCaar) {
  const auto deepseek = test::load_deepseek_study();
  const auto result = run_study(deepseek.panel, &deepseek.shares, deepseek.config);
  const auto& event = result.events.at(0);
  const auto& path = event.aggregate.caar_path;
  ASSERT_EQ(path.size(), 11U);
  EXPECT_EQ(path.front().offset, -5);
  ASSERT_TRUE(path[5].date.has_value());
  EXPECT_EQ(calendar::format_iso(*path[5].date), "2025-01-27");
  const AggregateCar* whole = nullptr;
  for (const auto& car : event.aggregate.cars)
    if (car.window == deepseek.config.event_window)
      whole = &car;
  ASSERT_NE(whole, nullptr);
  EXPECT_NEAR(path.back().caar, whole->caar, 1e-14);
  EXPECT_NEAR(path.back().ci_low, whole->caar_ci_low, 1e-14);
  EXPECT_NEAR(path.back().ci_high, whole->caar_ci_high, 1e-14);
  for (const auto& firm : event.firms) {
    ASSERT_EQ(firm.car_path.size(), 11U);
    EXPECT_NEAR(firm.car_path.back(), firm.cars.back().car, 1e-14) << firm.ticker;
  }
  // Day 0 of NVDA: its CAR path steps by the day-0 AR (-16.97% raw return, design/methods.md s.10).
  const auto& nvda = *std::find_if(event.firms.begin(), event.firms.end(),
                                   [](const auto& f) { return f.ticker == "NVDA"; });
  EXPECT_NEAR(nvda.car_path[5] - nvda.car_path[4], nvda.days[5].abnormal_return, 1e-15);
}

} // namespace
} // namespace aftershock::study
