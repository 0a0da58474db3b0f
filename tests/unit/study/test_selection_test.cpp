// `--tests LIST` (study/test_selection.hpp) and the engine's skipping of unselected tests
// (test_battery.hpp's needs table, aggregate.cpp). The reference of the bit-identity checks is
// the engine's own run of all 19 tests on the same input: a selected test must not depend on
// which other tests were selected, so the comparison is exact (bits; NaN with NaN). The parse
// and needs-table expectations are the documented groups and dependencies (README, issue 3:
// KP rbar for patell_kp / bmp_kp / GRANK kp, the rank panel for the rank-type tests).
#include <aftershock/series/panel.hpp>
#include <aftershock/study/batch.hpp>
#include <aftershock/study/run.hpp>
#include <aftershock/study/test_selection.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <limits>
#include <random>
#include <string>

#include "support/batch_study.hpp"
#include "support/random_study.hpp"
#include "support/same_bits.hpp"
#include "test_battery.hpp"

namespace aftershock::study {
namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

std::vector<std::string> names(const TestSelection& s) {
  std::vector<std::string> out;
  for (const auto name : s.names())
    out.emplace_back(name);
  return out;
}

TestSelection parsed(std::string_view list) {
  const auto result = parse_test_list(list);
  EXPECT_TRUE(result.has_value()) << list;
  return result ? *result : TestSelection::none();
}

TEST(TestSelection, GroupsAndBatteryOrder) {
  EXPECT_EQ(parsed("all").size(), 19U);
  EXPECT_TRUE(parsed("all").is_all());
  EXPECT_EQ(names(parsed("standard")),
            (std::vector<std::string>{"t_csect", "t_cda", "patell", "bmp", "bmp_kp"}));
  EXPECT_EQ(names(parsed("parametric")),
            (std::vector<std::string>{"t_csect", "t_bw1980", "t_cda", "patell", "patell_kp", "bmp",
                                      "bmp_kp", "lamb", "skew_adj_t", "j1", "j2"}));
  EXPECT_EQ(names(parsed("nonparametric")),
            (std::vector<std::string>{"sign", "gen_sign", "cz_sign", "rank", "cz_rank", "grank_t",
                                      "grank_z", "wilcoxon"}));
  TestSelection both = parsed("parametric");
  both.add(parsed("nonparametric"));
  EXPECT_TRUE(both.is_all());
  // Any order, duplicates and spaces: the battery order, each test once.
  EXPECT_EQ(names(parsed("wilcoxon, bmp_kp,t_csect,wilcoxon")),
            (std::vector<std::string>{"t_csect", "bmp_kp", "wilcoxon"}));
  EXPECT_EQ(names(parsed("rank,standard")),
            (std::vector<std::string>{"t_csect", "t_cda", "patell", "bmp", "bmp_kp", "rank"}));
  EXPECT_EQ(parsed("grank_z").size(), 1U);
  EXPECT_TRUE(parsed("grank_z").contains(TestId::grank_z));
  EXPECT_TRUE(parsed("grank_z").contains("grank_z"));
  EXPECT_FALSE(parsed("grank_z").contains("grank"));
}

TEST(TestSelection, ParseErrors) {
  for (const char* bad : {"", " ", "t_csect,", ",t_csect", "t_csect,,bmp"}) {
    const auto result = parse_test_list(bad);
    ASSERT_FALSE(result.has_value()) << bad;
    EXPECT_EQ(result.error().kind, TestListError::Kind::empty) << bad;
  }
  for (const auto& [list, item] : std::vector<std::pair<std::string, std::string>>{
           {"grank", "grank"}, {"t_csect,Patell", "Patell"}, {"standard, nope ,rank", "nope"}}) {
    const auto result = parse_test_list(list);
    ASSERT_FALSE(result.has_value()) << list;
    EXPECT_EQ(result.error().kind, TestListError::Kind::unknown);
    EXPECT_EQ(result.error().item, item);
  }
  const auto valid = valid_test_list_values();
  EXPECT_NE(valid.find("standard"), std::string::npos);
  EXPECT_NE(valid.find("wilcoxon"), std::string::npos);
}

TEST(TestNeeds, Table) {
  const auto kp = GrankAdjustment::kp;
  // The standard set: rbar for bmp_kp, so the panel; no ranks, no GRANK, no p-hat.
  const Needs standard = needs_of(parsed("standard"), kp);
  EXPECT_TRUE(standard.has(Intermediate::rbar));
  EXPECT_TRUE(standard.has(Intermediate::panel));
  for (const auto item : {Intermediate::rank_panel, Intermediate::grank, Intermediate::lamb,
                          Intermediate::gen_sign_p_hat, Intermediate::window_ranks})
    EXPECT_FALSE(standard.has(item));
  // Cross-sectional tests only: no panel at all.
  const Needs plain = needs_of(parsed("t_csect,t_bw1980,t_cda,patell,bmp,skew_adj_t,j1,j2,sign,"
                                      "wilcoxon"),
                               kp);
  for (const auto item : {Intermediate::panel, Intermediate::rbar, Intermediate::rank_panel})
    EXPECT_FALSE(plain.has(item));
  // GRANK: the ranks; rbar only under the KP adjustment.
  EXPECT_TRUE(needs_of(parsed("grank_t"), kp).has(Intermediate::rbar));
  EXPECT_FALSE(needs_of(parsed("grank_t"), GrankAdjustment::none).has(Intermediate::rbar));
  EXPECT_TRUE(needs_of(parsed("grank_z"), GrankAdjustment::none).has(Intermediate::rank_panel));
  EXPECT_FALSE(needs_of(parsed("grank_z"), kp).has(Intermediate::rank_daily));
  // gen_sign: the p-hat over the panel, no ranks.
  const Needs gen = needs_of(parsed("gen_sign"), kp);
  EXPECT_TRUE(gen.has(Intermediate::gen_sign_p_hat));
  EXPECT_TRUE(gen.has(Intermediate::panel));
  EXPECT_FALSE(gen.has(Intermediate::rank_panel));
  // cz_sign: ranks, its daily series and the window pass.
  const Needs cz = needs_of(parsed("cz_sign"), kp);
  EXPECT_TRUE(cz.has(Intermediate::cz_sign_daily));
  EXPECT_TRUE(cz.has(Intermediate::window_ranks));
  EXPECT_FALSE(cz.has(Intermediate::cz_rank_daily));
  // lamb: its daily series only.
  const Needs lamb = needs_of(parsed("lamb"), kp);
  EXPECT_TRUE(lamb.has(Intermediate::lamb));
  EXPECT_FALSE(lamb.has(Intermediate::panel));
}

// A seeded market-model panel with missing prices (some firms miss estimation and event days),
// one event, two groups.
using Fixture = test::RandomStudy;

Fixture random_fixture() {
  test::RandomStudySpec spec;
  spec.seed = 20261129;
  spec.days = 330;
  spec.firms = 12;
  spec.alpha_mean = 0.0002;
  spec.alpha_sd = 0.0;
  spec.shock_mean = 0.02;
  spec.shock_sd = 0.02;
  spec.missing_every_third = 0.05; // every third firm misses ~5% of its days
  Fixture f = test::random_study(spec);
  for (std::size_t i = 0; i < f.config.tickers.size(); ++i)
    f.config.ticker_groups.emplace_back(f.config.tickers[i], i % 2 == 0 ? "even" : "odd");
  std::sort(f.config.ticker_groups.begin(), f.config.ticker_groups.end());
  f.config.group_by = GroupBy::group;
  f.config.min_estimation = 150;
  return f;
}

// `subset` holds exactly the tests of `selection`, in the battery order, each bit-identical to the
// same test of `full`.
void expect_subset(const TestMap& full, const TestMap& subset, const TestSelection& selection,
                   const std::string& what) {
  const auto selected = selection.names();
  ASSERT_EQ(subset.size(), selected.size()) << what;
  for (std::size_t k = 0; k < subset.size(); ++k) {
    ASSERT_EQ(subset[k].first, selected[k]) << what;
    const auto found = std::find_if(full.begin(), full.end(),
                                    [&](const auto& entry) { return entry.first == selected[k]; });
    ASSERT_NE(found, full.end()) << what;
    const auto& a = found->second;
    const auto& b = subset[k].second;
    const auto label = what + " " + subset[k].first;
    EXPECT_TRUE(test::same_bits_or_nan(a.statistic, b.statistic))
        << label << ": " << a.statistic << " vs " << b.statistic;
    EXPECT_TRUE(test::same_bits_or_nan(a.p_value, b.p_value)) << label;
    EXPECT_TRUE(test::same_bits_or_nan(a.df, b.df)) << label;
    EXPECT_TRUE(test::same_bits_or_nan(a.p_adjusted, b.p_adjusted)) << label;
  }
}

void expect_aggregate_subset(const Aggregate& full, const Aggregate& subset,
                             const TestSelection& selection, const std::string& what) {
  ASSERT_EQ(full.days.size(), subset.days.size());
  ASSERT_EQ(full.cars.size(), subset.cars.size());
  EXPECT_EQ(full.n_firms, subset.n_firms);
  EXPECT_EQ(full.n_estimation_days, subset.n_estimation_days);
  for (std::size_t d = 0; d < full.days.size(); ++d) {
    EXPECT_TRUE(test::same_bits_or_nan(full.days[d].aar, subset.days[d].aar));
    expect_subset(full.days[d].tests, subset.days[d].tests, selection,
                  what + " day " + std::to_string(full.days[d].offset));
  }
  for (std::size_t w = 0; w < full.cars.size(); ++w) {
    const auto& a = full.cars[w];
    const auto& b = subset.cars[w];
    const auto label = what + " window " + std::to_string(w);
    expect_subset(a.tests, b.tests, selection, label);
    // Unaffected by the selection: CAAR, the dollar figures and their inference.
    for (const auto& [x, y] : {std::pair{a.caar, b.caar},
                               {a.caar_ci_low, b.caar_ci_low},
                               {a.abnormal_dollar_change, b.abnormal_dollar_change},
                               {a.abnormal_dollar_se, b.abnormal_dollar_se},
                               {a.value_weighted_caar, b.value_weighted_caar}})
      EXPECT_TRUE(test::same_bits_or_nan(x, y)) << label;
    EXPECT_EQ(a.bootstrap.replications, b.bootstrap.replications) << label;
    EXPECT_TRUE(test::same_bits_or_nan(a.bootstrap.p_value, b.bootstrap.p_value)) << label;
    EXPECT_TRUE(test::same_bits_or_nan(a.bootstrap.ci_low, b.bootstrap.ci_low)) << label;
    EXPECT_TRUE(test::same_bits_or_nan(a.bootstrap.ci_high, b.bootstrap.ci_high)) << label;
  }
}

const std::vector<std::string> k_selections = {"standard",
                                               "t_csect",
                                               "t_cda",
                                               "bmp_kp",
                                               "patell_kp",
                                               "lamb",
                                               "gen_sign",
                                               "cz_sign",
                                               "rank",
                                               "cz_rank",
                                               "grank_z",
                                               "grank_t,wilcoxon",
                                               "skew_adj_t,j1,j2,sign",
                                               "parametric",
                                               "nonparametric",
                                               "rank,t_bw1980"};

TEST(TestSelection, SelectedTestsAreBitIdenticalToTheFullRun) {
  Fixture f = random_fixture();
  f.config.inference.bootstrap = 50;
  f.config.inference.seed = 7;
  for (const std::size_t threads : {1U, 2U, 3U}) {
    f.config.threads = threads;
    f.config.inference.tests = TestSelection::all();
    const auto full = run_study(f.panel, &f.shares, f.config);
    ASSERT_EQ(full.events.size(), 1U);
    const auto& all = full.events.front();
    ASSERT_GE(all.aggregate.n_firms, 10);
    ASSERT_EQ(all.groups.size(), 2U);
    for (const auto& list : k_selections) {
      f.config.inference.tests = parsed(list);
      const auto part = run_study(f.panel, &f.shares, f.config);
      const auto what = list + " threads " + std::to_string(threads);
      const auto& event = part.events.front();
      expect_aggregate_subset(all.aggregate, event.aggregate, f.config.inference.tests, what);
      ASSERT_EQ(event.groups.size(), 2U);
      for (std::size_t g = 0; g < 2; ++g)
        expect_aggregate_subset(all.groups[g].aggregate, event.groups[g].aggregate,
                                f.config.inference.tests, what + " group " + event.groups[g].name);
      // Per-firm results are unaffected.
      ASSERT_EQ(event.firms.size(), all.firms.size());
      for (std::size_t i = 0; i < event.firms.size(); ++i)
        for (std::size_t w = 0; w < event.firms[i].cars.size(); ++w)
          EXPECT_TRUE(test::same_bits_or_nan(event.firms[i].cars[w].t, all.firms[i].cars[w].t));
    }
  }
}

TEST(TestSelection, RbarOnlyWhenAKpTestNeedsIt) {
  Fixture f = random_fixture();
  f.config.inference.tests = parsed("standard");
  const auto with = run_study(f.panel, &f.shares, f.config).events.front().aggregate;
  EXPECT_TRUE(std::isfinite(with.mean_residual_correlation));
  f.config.inference.tests = parsed("t_csect,t_cda");
  const auto without = run_study(f.panel, &f.shares, f.config).events.front().aggregate;
  EXPECT_TRUE(std::isnan(without.mean_residual_correlation)); // not computed (not rendered)
  EXPECT_EQ(without.n_estimation_days, with.n_estimation_days);
}

// Holm / BH adjust across the selected tests only: the adjusted p-values of a subset are the
// adjustment of the subset's raw p-values (Holm 1979: p_(k) (m - k + 1), running max, capped at
// 1; here recomputed by hand for m = the subset's size).
TEST(TestSelection, AdjustAcrossTheSelectedTests) {
  Fixture f = random_fixture();
  f.config.inference.adjust = PAdjust::holm;
  f.config.inference.tests = parsed("t_csect,patell,bmp,sign");
  const auto result = run_study(f.panel, &f.shares, f.config).events.front().aggregate;
  for (const auto& car : result.cars) {
    ASSERT_EQ(car.tests.size(), 4U);
    std::vector<std::pair<double, std::size_t>> order;
    for (std::size_t k = 0; k < 4; ++k)
      order.emplace_back(car.tests[k].second.p_value, k);
    std::sort(order.begin(), order.end());
    double running = 0.0;
    for (std::size_t r = 0; r < 4; ++r) {
      running = std::max(running, std::min(1.0, order[r].first * static_cast<double>(4 - r)));
      EXPECT_NEAR(car.tests[order[r].second].second.p_adjusted, running, 1e-15);
    }
  }
}

// The batch engine (firm-events on several dates, pooled in event time) skips the same way.
TEST(TestSelection, BatchSelectedTestsAreBitIdentical) {
  test::BatchStudy f({"NVDA", "AMD", "AVGO", "MU", "INTC"}, {{0, 0}, {-1, 1}});
  std::vector<events::FirmEvent> rows;
  std::size_t line = 2;
  for (const char* date : {"2024-08-05", "2025-01-27"})
    for (const char* ticker : {"NVDA", "AMD", "AVGO", "MU", "INTC"}) {
      rows.push_back(test::firm_event(std::to_string(line - 1), ticker, date, line));
      ++line;
    }
  const auto full = run_batch_study(rows, f.markets, &f.shares, f.config, {});
  for (const auto& list : {"standard", "rank,grank_t", "gen_sign,lamb", "cz_sign"}) {
    f.config.inference.tests = parsed(list);
    const auto part = run_batch_study(rows, f.markets, &f.shares, f.config, {});
    expect_aggregate_subset(full.events.front().aggregate, part.events.front().aggregate,
                            f.config.inference.tests, std::string("batch ") + list);
  }
}

} // namespace
} // namespace aftershock::study
