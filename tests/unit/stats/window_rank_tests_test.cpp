// stats::window_rank_tests (the window rank / sign tests of a sub-panel in one pass, issue 6)
// equals building the sub-panel and calling corrado_rank_window, cz_rank_window and
// cz_sign_window on it, bit for bit, on random panels with missing ARs and ties (values rounded
// to a coarse grid), for both conventions and 1-3 threads. The closed-form and reference checks
// of those three functions are in nonparametric_test.cpp and window_forms_test.cpp.
#include <aftershock/stats/panel_ranks.hpp>
#include <aftershock/stats/rank_tests.hpp>
#include <aftershock/stats/sign_tests.hpp>
#include <aftershock/stats/window_rank_tests.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "support/same_bits.hpp"

namespace aftershock::stats {
namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

void expect_same(double a, double b) {
  EXPECT_TRUE(test::same_bits_or_nan(a, b)) << a << " vs " << b;
}

struct Window {
  std::size_t first; // event rows first..last of the panel are kept
  std::size_t last;
};

TEST(WindowRankTests, EqualsTheSubPanelTests) {
  std::mt19937_64 rng(20261129);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  const std::size_t est = 30;
  const std::size_t evt = 11;
  const std::size_t days = est + evt;
  for (const double grid : {0.0, 0.5}) {
    for (const double missing : {0.0, 0.15}) {
      for (const std::size_t firms : {std::size_t{1}, std::size_t{17}, std::size_t{60}}) {
        std::vector<double> values(days * firms);
        for (auto& v : values) {
          const double x = normal(rng);
          v = uniform(rng) < missing ? k_nan : (grid > 0.0 ? std::round(x / grid) * grid : x);
        }
        std::vector<std::size_t> event_rows;
        for (std::size_t t = est; t < days; ++t)
          event_rows.push_back(t);
        const ArPanel full{values, days, firms, event_rows};
        const PanelRanks full_ranks = rank_panel(full, 1);
        for (const Window w : {Window{est + 5, est + 5}, Window{est + 4, est + 6},
                               Window{est, est + 10}, Window{est + 2, est + 9}}) {
          std::vector<std::size_t> rows;
          for (std::size_t t = 0; t < est; ++t)
            rows.push_back(t);
          for (std::size_t t = w.first; t <= w.last; ++t)
            rows.push_back(t);
          std::vector<double> sub_values;
          for (const std::size_t t : rows)
            for (std::size_t i = 0; i < firms; ++i)
              sub_values.push_back(values[t * firms + i]);
          std::vector<std::size_t> sub_events;
          for (std::size_t r = est; r < rows.size(); ++r)
            sub_events.push_back(r);
          const ArPanel sub{sub_values, rows.size(), firms, sub_events};
          const PanelRanks sub_ranks = rank_panel(sub, 1);
          for (const auto convention : {RankConvention::textbook, RankConvention::estudy2}) {
            for (std::size_t threads = 1; threads <= 3; ++threads) {
              SCOPED_TRACE(::testing::Message()
                           << "grid " << grid << ", missing " << missing << ", " << firms
                           << " firms, window " << w.first << ".." << w.last << ", "
                           << (convention == RankConvention::textbook ? "textbook" : "estudy2")
                           << ", " << threads << " threads");
              const auto got = window_rank_tests(full, full_ranks, rows, convention, threads);
              expect_same(got.rank.statistic,
                          corrado_rank_window(sub, sub_ranks, convention).statistic);
              expect_same(got.cz_rank.statistic,
                          cz_rank_window(sub, sub_ranks, convention).statistic);
              expect_same(got.cz_sign.statistic, cz_sign_window(sub, convention).statistic);
              expect_same(got.rank.p_value,
                          corrado_rank_window(sub, sub_ranks, convention).p_value);
            }
          }
        }
      }
    }
  }
}

TEST(WindowRankTests, InvalidInputsGiveNan) {
  const std::vector<double> values{0.1, -0.2, 0.3, 0.4, -0.5, 0.6};
  const std::vector<std::size_t> event_rows{2};
  const ArPanel panel{values, 3, 2, event_rows};
  const PanelRanks ranks = rank_panel(panel, 1);
  const std::vector<std::size_t> out_of_range{0, 1, 3};
  EXPECT_TRUE(std::isnan(
      window_rank_tests(panel, ranks, out_of_range, RankConvention::textbook, 1).rank.statistic));
  const std::vector<std::size_t> no_event{0, 1};
  const auto none = window_rank_tests(panel, ranks, no_event, RankConvention::textbook, 1);
  EXPECT_TRUE(std::isnan(none.rank.statistic));
  EXPECT_TRUE(std::isnan(none.cz_rank.statistic));
  EXPECT_TRUE(std::isnan(none.cz_sign.statistic));
  const PanelRanks wrong = rank_panel(ArPanel{values, 2, 3, {}}, 1);
  const std::vector<std::size_t> all{0, 1, 2};
  EXPECT_TRUE(std::isnan(
      window_rank_tests(panel, wrong, all, RankConvention::textbook, 1).cz_sign.statistic));
}

} // namespace
} // namespace aftershock::stats
