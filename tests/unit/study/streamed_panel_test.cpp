// A streamed batch (run_batch_study_streaming) builds the pooled AR panel from the rows its fits
// wrote (study/residual_store.hpp, PanelRows: packed in output order, holes of firm-events
// without residuals closed, per-row windows padded in place); the collected batch
// (run_batch_study) copies every firm-event's residuals and ARs into a fresh panel. Both must
// give the same aggregate bit for bit, for any chunk size and thread count. The collected
// batch's numbers are checked against independent values in batch_test.cpp and
// batch_windows_test.cpp; this test only checks that the two paths agree exactly.
#include <aftershock/calendar/date.hpp>
#include <aftershock/study/batch.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "support/batch_study.hpp"
#include "support/same_bits.hpp"

namespace aftershock::study {
namespace {

struct Fixture : test::BatchStudy {
  Fixture() : BatchStudy({"NVDA", "AMD", "MSFT", "AVGO", "ARM"}, {{0, 0}, {-1, 1}, {0, 2}}) {}
};

void expect_same_tests(const TestMap& a, const TestMap& b, const std::string& where) {
  ASSERT_EQ(a.size(), b.size()) << where;
  for (std::size_t k = 0; k < a.size(); ++k) {
    EXPECT_EQ(a[k].first, b[k].first) << where;
    EXPECT_TRUE(test::same_bits_or_nan(a[k].second.statistic, b[k].second.statistic))
        << where << " " << a[k].first;
    EXPECT_TRUE(test::same_bits_or_nan(a[k].second.p_value, b[k].second.p_value))
        << where << " " << a[k].first;
  }
}

void expect_same_aggregate(const Aggregate& a, const Aggregate& b, const std::string& where) {
  EXPECT_EQ(a.n_firms, b.n_firms) << where;
  EXPECT_EQ(a.n_estimation_days, b.n_estimation_days) << where;
  EXPECT_TRUE(test::same_bits_or_nan(a.mean_residual_correlation, b.mean_residual_correlation))
      << where;
  ASSERT_EQ(a.days.size(), b.days.size()) << where;
  for (std::size_t j = 0; j < a.days.size(); ++j) {
    EXPECT_TRUE(test::same_bits_or_nan(a.days[j].aar, b.days[j].aar)) << where << " day " << j;
    expect_same_tests(a.days[j].tests, b.days[j].tests, where + " day " + std::to_string(j));
  }
  ASSERT_EQ(a.cars.size(), b.cars.size()) << where;
  for (std::size_t w = 0; w < a.cars.size(); ++w) {
    EXPECT_TRUE(test::same_bits_or_nan(a.cars[w].caar, b.cars[w].caar)) << where;
    expect_same_tests(a.cars[w].tests, b.cars[w].tests, where + " car " + std::to_string(w));
  }
}

// Ok firm-events with a firm-event without residuals between them (unknown ticker, too few
// estimation returns), and rows with their own windows (padded to the pooled layout).
TEST(StreamedPanel, EqualsTheCollectedBatchForAnyChunkAndThreads) {
  Fixture f;
  auto own_windows = test::firm_event("3", "AMD", "2025-01-27", 4);
  own_windows.event_window = events::Window{-2, 2};
  own_windows.estimation_length = 120;
  auto later_estimation = test::firm_event("6", "MSFT", "2025-04-03", 7);
  later_estimation.estimation_end = -21;
  const std::vector<events::FirmEvent> rows{
      test::firm_event("1", "NVDA", "2024-08-05", 2),
      test::firm_event("2", "ZZZZ", "2024-08-05", 3), // not in the data: no residuals
      own_windows,
      test::firm_event("4", "ARM", "2024-01-26", 5), // too few estimation returns
      test::firm_event("5", "AVGO", "2025-01-27", 6),
      later_estimation,
      test::firm_event("7", "NVDA", "2025-04-03", 8),
  };
  for (const std::size_t threads : {std::size_t{1}, std::size_t{2}}) {
    StudyConfig config = f.config;
    config.threads = threads;
    const auto collected = run_batch_study(rows, f.markets, &f.shares, config, {});
    const auto& expected = collected.events.at(0);
    ASSERT_EQ(expected.aggregate.n_firms, 5);
    for (const std::size_t chunk :
         {std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{64}}) {
      std::vector<FirmResult> firms;
      const auto streamed = run_batch_study_streaming(
          rows, f.markets, &f.shares, config, {},
          [&](const std::vector<FirmResult>& part) {
            firms.insert(firms.end(), part.begin(), part.end());
          },
          chunk);
      const std::string where =
          "threads " + std::to_string(threads) + " chunk " + std::to_string(chunk);
      ASSERT_EQ(firms.size(), expected.firms.size()) << where;
      for (std::size_t i = 0; i < firms.size(); ++i) {
        EXPECT_EQ(firms[i].event->id, expected.firms[i].event->id) << where;
        EXPECT_EQ(firms[i].status, expected.firms[i].status) << where;
      }
      expect_same_aggregate(streamed.events.at(0).aggregate, expected.aggregate, where);
    }
  }
}

// More ok firm-events than one summation block of the aggregate (256: the CDA's estimation-day
// sums and the rbar of the KP tests are summed block by block, the blocks on the threads): the
// aggregate is the same bits for 1, 2 and 3 threads, streamed or collected.
TEST(StreamedPanel, ManyFirmEventsGiveTheSameAggregateForAnyThreads) {
  const std::vector<std::string> tickers{"AAPL",  "AMD",  "AMZN", "ASML", "AVGO", "CEG", "DELL",
                                         "GOOGL", "INTC", "META", "MRVL", "MSFT", "MU",  "NVDA",
                                         "ORCL",  "QCOM", "SMCI", "TSLA", "TSM",  "VST", "QQQ",
                                         "SMH",   "SOXX", "IXIC", "ARM"};
  test::BatchStudy f(tickers, {{0, 0}, {-1, 1}});
  const auto& calendar = f.panel().calendar;
  ASSERT_GT(calendar.size(), std::size_t{620});
  std::vector<events::FirmEvent> rows;
  for (std::size_t d = 0; d < 24; ++d) { // event days 14 trading days apart: no overlaps
    const std::string iso = calendar::format_iso(calendar.at(280 + 14 * d));
    for (const auto& ticker : tickers)
      rows.push_back(
          test::firm_event(std::to_string(rows.size() + 1), ticker, iso.c_str(), rows.size() + 2));
  }
  std::optional<Aggregate> first;
  for (const std::size_t threads : {std::size_t{1}, std::size_t{2}, std::size_t{3}}) {
    StudyConfig config = f.config;
    config.threads = threads;
    const auto collected = run_batch_study(rows, f.markets, &f.shares, config, {});
    const Aggregate& aggregate = collected.events.at(0).aggregate;
    ASSERT_GT(aggregate.n_firms, 2 * 256); // three blocks
    ASSERT_FALSE(std::isnan(aggregate.mean_residual_correlation));
    const auto streamed = run_batch_study_streaming(
        rows, f.markets, &f.shares, config, {}, [](const std::vector<FirmResult>&) {}, 100);
    const std::string where = "threads " + std::to_string(threads);
    expect_same_aggregate(streamed.events.at(0).aggregate, aggregate, where + " streamed");
    if (first)
      expect_same_aggregate(aggregate, *first, where);
    else
      first = aggregate;
  }
}

} // namespace
} // namespace aftershock::study
