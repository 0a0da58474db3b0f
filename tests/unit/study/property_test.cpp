// Invariants of the study engine on seeded random panels (issue 7). Each property is checked on
// several seeds; the expected values are the engine's own results on a transformed input, so the
// comparisons are identities (relative tolerance 1e-9 where floating-point sums are reordered or
// prices rescaled, exact where the computation is the same):
// - scaling every price of one firm by a constant leaves its returns, ARs, CARs, tests and every
//   aggregate test unchanged;
// - reordering the firms, or the rows of the input file, leaves every aggregate unchanged;
// - duplicating a firm under another ticker raises N by one and changes no per-firm number;
// - CAR = sum of the ARs of its window (MacKinlay 1997 eq. 11), AAR and CAAR are the means;
// - the aggregate market-cap and abnormal dollar changes are the sums of the per-firm ones.
#include <aftershock/series/panel.hpp>
#include <aftershock/sources/price_loader.hpp>
#include <aftershock/study/run.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <map>
#include <random>

#include "support/random_study.hpp"
#include "support/temp_dir.hpp"

namespace aftershock::study {
namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();
constexpr std::size_t k_days = 340;
constexpr std::size_t k_day0 = 300;
constexpr std::size_t k_firms = 8;
const std::vector<std::uint64_t> k_seeds = {1, 2, 3, 20261129};

using test::RandomStudy;

// A market random walk and k_firms firms r_i = a_i + b_i r_m + e_i (Gaussian); the rest as
// tests/support/random_study.hpp describes.
RandomStudy random_study(std::uint64_t seed) {
  test::RandomStudySpec spec;
  spec.seed = seed;
  spec.days = k_days;
  spec.day0 = k_day0;
  spec.firms = k_firms;
  return test::random_study(spec);
}

EventResult run(const RandomStudy& study) {
  const auto result = run_study(study.panel, &study.shares, study.config);
  EXPECT_EQ(result.events.size(), 1U);
  return result.events.front();
}

void expect_close(double a, double b, const std::string& what) {
  if (std::isnan(a) || std::isnan(b)) {
    EXPECT_EQ(std::isnan(a), std::isnan(b)) << what << ": " << a << " vs " << b;
    return;
  }
  EXPECT_NEAR(a, b, 1e-9 * std::max({1.0, std::abs(a), std::abs(b)})) << what;
}

void expect_tests_close(const TestMap& a, const TestMap& b, const std::string& what) {
  ASSERT_EQ(a.size(), b.size()) << what;
  for (auto ia = a.begin(), ib = b.begin(); ia != a.end(); ++ia, ++ib) {
    ASSERT_EQ(ia->first, ib->first) << what;
    expect_close(ia->second.statistic, ib->second.statistic, what + " " + ia->first + " stat");
    expect_close(ia->second.p_value, ib->second.p_value, what + " " + ia->first + " p");
  }
}

// Per-firm returns, ARs, CARs and their tests (not the dollar figures, which scale with price).
void expect_firm_close(const FirmResult& a, const FirmResult& b) {
  ASSERT_EQ(a.status, b.status) << a.ticker;
  ASSERT_EQ(a.days.size(), b.days.size());
  for (std::size_t d = 0; d < a.days.size(); ++d) {
    const auto what = a.ticker + " day " + std::to_string(a.days[d].offset);
    expect_close(a.days[d].firm_return, b.days[d].firm_return, what + " R");
    expect_close(a.days[d].abnormal_return, b.days[d].abnormal_return, what + " AR");
    expect_close(a.days[d].se, b.days[d].se, what + " se");
    expect_close(a.days[d].t, b.days[d].t, what + " t");
  }
  ASSERT_EQ(a.cars.size(), b.cars.size());
  for (std::size_t w = 0; w < a.cars.size(); ++w) {
    const auto what = a.ticker + " CAR " + std::to_string(w);
    expect_close(a.cars[w].car, b.cars[w].car, what);
    expect_close(a.cars[w].se, b.cars[w].se, what + " se");
    expect_close(a.cars[w].t, b.cars[w].t, what + " t");
    expect_close(a.cars[w].p_value, b.cars[w].p_value, what + " p");
    expect_close(a.cars[w].bhar, b.cars[w].bhar, what + " BHAR");
  }
}

void expect_aggregate_close(const Aggregate& a, const Aggregate& b) {
  ASSERT_EQ(a.n_firms, b.n_firms);
  ASSERT_EQ(a.days.size(), b.days.size());
  for (std::size_t d = 0; d < a.days.size(); ++d) {
    const auto what = "day " + std::to_string(a.days[d].offset);
    EXPECT_EQ(a.days[d].n, b.days[d].n);
    expect_close(a.days[d].aar, b.days[d].aar, what + " AAR");
    expect_tests_close(a.days[d].tests, b.days[d].tests, what);
  }
  ASSERT_EQ(a.cars.size(), b.cars.size());
  for (std::size_t w = 0; w < a.cars.size(); ++w) {
    const auto what = "CAAR " + std::to_string(w);
    EXPECT_EQ(a.cars[w].n, b.cars[w].n);
    expect_close(a.cars[w].caar, b.cars[w].caar, what);
    expect_tests_close(a.cars[w].tests, b.cars[w].tests, what);
  }
}

const FirmResult& firm(const EventResult& event, const std::string& ticker) {
  const auto found = std::find_if(event.firms.begin(), event.firms.end(),
                                  [&](const FirmResult& f) { return f.ticker == ticker; });
  EXPECT_NE(found, event.firms.end()) << ticker;
  return *found;
}

TEST(StudyProperties, ScalingOneFirmsPricesChangesNoReturnOrTest) {
  for (const auto seed : k_seeds) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    auto study = random_study(seed);
    const auto base = run(study);
    for (auto& value : study.panel.columns[3].close) // firm F2
      value *= 37.25;
    const auto scaled = run(study);
    for (std::size_t i = 0; i < base.firms.size(); ++i)
      expect_firm_close(base.firms[i], scaled.firms[i]);
    expect_aggregate_close(base.aggregate, scaled.aggregate);
    // Market value scales with the price (close x shares).
    expect_close(firm(scaled, "F2").market_cap_before, 37.25 * firm(base, "F2").market_cap_before,
                 "F2 market cap");
  }
}

TEST(StudyProperties, ReorderingFirmsLeavesAggregatesUnchanged) {
  for (const auto seed : k_seeds) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    auto study = random_study(seed);
    const auto base = run(study);
    std::mt19937_64 random(seed + 100);
    std::shuffle(study.config.tickers.begin(), study.config.tickers.end(), random);
    std::shuffle(study.panel.columns.begin(), study.panel.columns.end(), random);
    std::shuffle(study.shares.records.begin(), study.shares.records.end(), random);
    const auto reordered = run(study);
    expect_aggregate_close(base.aggregate, reordered.aggregate);
    for (const auto& f : base.firms)
      expect_firm_close(f, firm(reordered, f.ticker));
    for (std::size_t w = 0; w < base.aggregate.cars.size(); ++w)
      expect_close(base.aggregate.cars[w].market_cap_change,
                   reordered.aggregate.cars[w].market_cap_change, "market cap change");
  }
}

// `panel` as a long date,ticker,close file `name` in `dir` (rows shuffled with `shuffle`).
std::filesystem::path write_long_file(const test::TempDir& dir, const series::Panel& panel,
                                      std::mt19937_64* shuffle, const std::string& name) {
  std::vector<std::string> rows;
  char number[64];
  for (const auto& column : panel.columns)
    for (std::size_t d = 0; d < column.close.size(); ++d) {
      std::snprintf(number, sizeof number, "%.17g", column.close[d]);
      rows.push_back(calendar::format_iso(panel.calendar.dates()[d]) + "," + column.ticker + "," +
                     number);
    }
  if (shuffle != nullptr)
    std::shuffle(rows.begin(), rows.end(), *shuffle);
  std::string text = "date,ticker,close\n";
  for (const auto& row : rows)
    text += row + "\n";
  return dir.write(name + ".csv", text);
}

series::Panel load_panel(const std::filesystem::path& path) {
  const auto loaded = sources::load_prices({path}, {});
  const auto market = std::find_if(loaded.series.begin(), loaded.series.end(),
                                   [](const series::PriceSeries& s) { return s.ticker == "MKT"; });
  EXPECT_NE(market, loaded.series.end());
  return series::align(calendar::TradingCalendar(market->dates), loaded.series);
}

TEST(StudyProperties, ReorderingInputRowsLeavesTheStudyUnchanged) {
  for (const auto seed : k_seeds) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    auto study = random_study(seed);
    std::mt19937_64 random(seed + 200);
    const test::TempDir dir;
    const auto sorted_path = write_long_file(dir, study.panel, nullptr, "sorted");
    const auto shuffled_path = write_long_file(dir, study.panel, &random, "shuffled");
    study.panel = load_panel(sorted_path);
    const auto base = run(study);
    study.panel = load_panel(shuffled_path);
    const auto shuffled = run(study);
    expect_aggregate_close(base.aggregate, shuffled.aggregate);
    for (std::size_t i = 0; i < base.firms.size(); ++i)
      expect_firm_close(base.firms[i], shuffled.firms[i]);
  }
}

TEST(StudyProperties, DuplicatedFirmRaisesNAndChangesNoFirmNumber) {
  for (const auto seed : k_seeds) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    auto study = random_study(seed);
    const auto base = run(study);
    auto copy = study.panel.columns[1]; // F0
    copy.ticker = "F0COPY";
    study.panel.columns.push_back(copy);
    study.config.tickers.push_back("F0COPY");
    auto shares = *study.shares.find("F0");
    shares.ticker = "F0COPY";
    study.shares.records.push_back(shares);
    const auto duplicated = run(study);
    EXPECT_EQ(duplicated.aggregate.n_firms, base.aggregate.n_firms + 1);
    for (const auto& day : duplicated.aggregate.days)
      EXPECT_EQ(day.n, base.aggregate.n_firms + 1);
    for (const auto& f : base.firms)
      expect_firm_close(f, firm(duplicated, f.ticker));
    auto renamed = firm(duplicated, "F0COPY");
    renamed.ticker = "F0";
    expect_firm_close(firm(base, "F0"), renamed);
  }
}

TEST(StudyProperties, CarIsTheSumOfArsAndAggregatesAreMeansAndSums) {
  for (const auto seed : k_seeds) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const auto study = random_study(seed);
    const auto event = run(study);
    ASSERT_EQ(event.aggregate.n_firms, static_cast<int>(k_firms));
    for (std::size_t w = 0; w < event.aggregate.cars.size(); ++w) {
      const auto& window = event.aggregate.cars[w].window;
      double car_sum = 0.0;
      double cap_sum = 0.0;
      double dollar_sum = 0.0;
      for (const auto& f : event.firms) {
        double ar_sum = 0.0;
        for (const auto& day : f.days)
          if (day.offset >= window.first && day.offset <= window.last)
            ar_sum += day.abnormal_return;
        ASSERT_EQ(f.cars[w].window.first, window.first);
        expect_close(f.cars[w].car, ar_sum, f.ticker + " CAR = sum AR");
        car_sum += f.cars[w].car;
        cap_sum += f.cars[w].market_cap_change;
        dollar_sum += f.cars[w].abnormal_dollar_change;
      }
      const auto n = static_cast<double>(event.firms.size());
      expect_close(event.aggregate.cars[w].caar, car_sum / n, "CAAR = mean CAR");
      expect_close(event.aggregate.cars[w].market_cap_change, cap_sum, "market cap total");
      expect_close(event.aggregate.cars[w].abnormal_dollar_change, dollar_sum, "dollar total");
      expect_close(event.aggregate.cars[w].normal_dollar_change,
                   event.aggregate.cars[w].market_cap_change -
                       event.aggregate.cars[w].abnormal_dollar_change,
                   "normal = total - abnormal");
    }
    for (std::size_t d = 0; d < event.aggregate.days.size(); ++d) {
      double sum = 0.0;
      for (const auto& f : event.firms)
        sum += f.days[d].abnormal_return;
      expect_close(event.aggregate.days[d].aar, sum / static_cast<double>(event.firms.size()),
                   "AAR = mean AR");
    }
  }
}

} // namespace
} // namespace aftershock::study
