// stats::restrict_ranks (window ranks from the full panel's, issue 6) equals rank_panel of the
// sub-panel exactly, and stats::GrankPanel (the estimation ranks computed once) gives
// bit-identical GRANK
// statistics to stats::grank (which sorts every firm's GSARs on each call) on random panels
// with missing SARs, ties (values rounded to a coarse grid, so GSAR_i0 often ties an estimation
// SAR), missing SCARs and rbar values, for 1, 2 and 3 threads. The closed-form GRANK checks of
// grank() itself are in inference_test.cpp.
#include <aftershock/stats/grank.hpp>
#include <aftershock/stats/panel_ranks.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <span>
#include <vector>

#include "support/same_bits.hpp"

namespace aftershock::stats {
namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

// Equal as bit patterns, or both NaN.
void expect_same(double a, double b) {
  EXPECT_TRUE(test::same_bits_or_nan(a, b)) << a << " vs " << b;
}

void expect_same(const GrankResult& a, const GrankResult& b) {
  expect_same(a.z.statistic, b.z.statistic);
  expect_same(a.z.p_value, b.z.p_value);
  expect_same(a.t.statistic, b.t.statistic);
  expect_same(a.t.p_value, b.t.p_value);
  expect_same(a.t.df, b.t.df);
}

struct Case {
  std::size_t days;
  std::size_t firms;
  double missing; // probability that an estimation SAR or a SCAR is NaN
  double grid;    // values rounded to multiples of this (0 = no rounding): ties
};

TEST(GrankPanel, BitIdenticalToGrank) {
  const std::vector<Case> cases{{250, 40, 0.0, 0.0}, {250, 40, 0.1, 0.0}, {30, 200, 0.2, 0.25},
                                {5, 7, 0.3, 0.5},    {12, 3, 0.0, 1.0},   {60, 101, 0.05, 0.1},
                                {1, 5, 0.0, 0.0},    {8, 1, 0.0, 0.0}};
  std::uint64_t seed = 20261129;
  for (const auto& c : cases) {
    std::mt19937_64 rng(seed++);
    std::normal_distribution<double> normal(0.0, 1.0);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    const auto draw = [&] {
      const double v = normal(rng);
      const double rounded = c.grid > 0.0 ? std::round(v / c.grid) * c.grid : v;
      return uniform(rng) < c.missing ? k_nan : rounded;
    };
    std::vector<double> sar(c.days * c.firms);
    for (auto& v : sar)
      v = draw();
    for (std::size_t threads = 1; threads <= 3; ++threads) {
      const GrankPanel panel(sar, c.days, c.firms, threads);
      for (int k = 0; k < 6; ++k) {
        std::vector<double> scar(c.firms);
        for (auto& v : scar)
          v = 1.5 * draw() + (k == 5 ? 1.0 : 0.0);
        for (const double rbar : {0.0, 0.05, -0.02, 0.3}) {
          SCOPED_TRACE(::testing::Message() << c.days << " days, " << c.firms << " firms, "
                                            << threads << " threads, rbar " << rbar);
          expect_same(panel.test(scar, rbar), grank(sar, c.days, c.firms, scar, rbar));
        }
      }
    }
  }
}

// test_many (all cross-sections in one pass) and the firm-by-firm constructor give the same
// bits as grank() on each cross-section, including undefined ones (wrong size, sd 0).
TEST(GrankPanel, TestManyBitIdenticalToGrank) {
  const std::vector<Case> cases{{250, 40, 0.1, 0.0}, {30, 200, 0.2, 0.25}, {5, 7, 0.3, 0.5}};
  std::uint64_t seed = 77;
  for (const auto& c : cases) {
    std::mt19937_64 rng(seed++);
    std::normal_distribution<double> normal(0.0, 1.0);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    const auto draw = [&] {
      const double v = normal(rng);
      const double rounded = c.grid > 0.0 ? std::round(v / c.grid) * c.grid : v;
      return uniform(rng) < c.missing ? k_nan : rounded;
    };
    std::vector<double> sar(c.days * c.firms);
    for (auto& v : sar)
      v = draw();
    std::vector<std::vector<double>> scars(7, std::vector<double>(c.firms));
    for (std::size_t k = 0; k < 5; ++k)
      for (auto& v : scars[k])
        v = 1.5 * draw() + static_cast<double>(k) * 0.3;
    scars[5].assign(c.firms, 2.0);     // sd(SCAR) = 0: undefined
    scars[6].assign(c.firms + 1, 0.0); // wrong size: undefined
    const std::vector<std::span<const double>> views(scars.begin(), scars.end());
    for (std::size_t threads = 1; threads <= 3; ++threads) {
      const GrankPanel by_matrix(sar, c.days, c.firms, threads);
      const GrankPanel by_firm(
          [&](std::size_t i, std::span<double> out) {
            for (std::size_t t = 0; t < out.size(); ++t)
              out[t] = sar[t * c.firms + i];
          },
          c.days, c.firms, threads);
      for (const double rbar : {0.0, 0.05}) {
        SCOPED_TRACE(::testing::Message() << c.days << " days, " << c.firms << " firms, " << threads
                                          << " threads, rbar " << rbar);
        const auto a = by_matrix.test_many(views, rbar);
        const auto b = by_firm.test_many(views, rbar);
        ASSERT_EQ(a.size(), scars.size());
        ASSERT_EQ(b.size(), scars.size());
        for (std::size_t k = 0; k < scars.size(); ++k) {
          const auto expected = grank(sar, c.days, c.firms, scars[k], rbar);
          expect_same(a[k], expected);
          expect_same(b[k], expected);
        }
      }
    }
  }
}

TEST(GrankPanel, UndefinedCasesAsGrank) {
  const std::vector<double> sar{0.1, -0.2, 0.3, 0.4, -0.5, 0.6};
  const GrankPanel panel(sar, 3, 2, 1);
  const std::vector<double> scar{1.0, -1.0};
  EXPECT_TRUE(std::isnan(panel.test(scar, 1.0).z.statistic));   // rbar outside (-1, 1)
  EXPECT_TRUE(std::isnan(panel.test(scar, k_nan).z.statistic)); // rbar NaN
  EXPECT_TRUE(std::isnan(panel.test(std::vector<double>{1.0}, 0.0).z.statistic)); // wrong size
  EXPECT_TRUE(
      std::isnan(panel.test(std::vector<double>{1.0, 1.0}, 0.0).z.statistic));   // sd(SCAR) = 0
  EXPECT_TRUE(std::isnan(GrankPanel(sar, 4, 2, 1).test(scar, 0.0).z.statistic)); // bad shape
}

TEST(RestrictRanks, EqualsRankingTheSubPanel) {
  std::mt19937_64 rng(7);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  for (const double grid : {0.0, 0.5}) {
    const std::size_t days = 40;
    const std::size_t firms = 13;
    std::vector<double> values(days * firms);
    for (auto& v : values) {
      const double x = normal(rng);
      v = uniform(rng) < 0.1 ? k_nan : (grid > 0.0 ? std::round(x / grid) * grid : x);
    }
    const std::vector<std::size_t> event_rows{29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39};
    const ArPanel full{values, days, firms, event_rows};
    const PanelRanks full_ranks = rank_panel(full, 1);
    // Kept: the 29 estimation rows and event rows 33..35 (a CAR window inside the event window).
    std::vector<std::size_t> rows;
    for (std::size_t t = 0; t < 29; ++t)
      rows.push_back(t);
    for (std::size_t t = 33; t <= 35; ++t)
      rows.push_back(t);
    std::vector<double> sub_values;
    for (const std::size_t t : rows)
      for (std::size_t i = 0; i < firms; ++i)
        sub_values.push_back(values[t * firms + i]);
    const std::vector<std::size_t> sub_events{29, 30, 31};
    const ArPanel sub{sub_values, rows.size(), firms, sub_events};
    const PanelRanks expected = rank_panel(sub, 1);
    for (std::size_t threads = 1; threads <= 3; ++threads) {
      const PanelRanks got = restrict_ranks(full, full_ranks, rows, threads);
      ASSERT_EQ(got.n_days, expected.n_days);
      ASSERT_EQ(got.n_firms, expected.n_firms);
      EXPECT_EQ(got.m, expected.m);
      for (std::size_t k = 0; k < got.k.size(); ++k)
        expect_same(got.k[k], expected.k[k]);
    }
  }
}

} // namespace
} // namespace aftershock::stats
