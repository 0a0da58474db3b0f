// The firm-major panel (PanelLayout::firms_by_days, issue 6) gives bit-identical results to the
// days x firms panel for every rank and sign test, the window tests, the generalized sign
// p-hat, rbar and GRANK (whose estimation ranks are then read off the panel's sorted rows).
// Random panels with missing ARs, ties (values on a coarse grid) and signed zeros, 1-3 threads.
// The reference is the days x firms implementation, itself checked against published and
// generated values in nonparametric_test.cpp, window_forms_test.cpp, grank_panel_test.cpp and
// pairwise_correlation_test.cpp.
#include <aftershock/stats/grank.hpp>
#include <aftershock/stats/panel_ranks.hpp>
#include <aftershock/stats/parametric.hpp>
#include <aftershock/stats/rank_tests.hpp>
#include <aftershock/stats/sign_tests.hpp>
#include <aftershock/stats/window_rank_tests.hpp>

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

void expect_same(double a, double b) {
  EXPECT_TRUE(test::same_bits_or_nan(a, b)) << a << " vs " << b;
}

void expect_same(const std::vector<TestValue>& a, const std::vector<TestValue>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t k = 0; k < a.size(); ++k) {
    expect_same(a[k].statistic, b[k].statistic);
    expect_same(a[k].p_value, b[k].p_value);
  }
}

// The same random ARs in both layouts.
struct Panels {
  std::vector<double> by_day;  // days x firms
  std::vector<double> by_firm; // firms x days
  std::vector<std::size_t> event_rows;
  std::size_t days = 0;
  std::size_t firms = 0;
  ArPanel day_major() const { return {by_day, days, firms, event_rows}; }
  ArPanel firm_major() const {
    return {by_firm, days, firms, event_rows, PanelLayout::firms_by_days};
  }
};

Panels random_panels(std::mt19937_64& rng, std::size_t est, std::size_t evt, std::size_t firms,
                     double grid, double missing) {
  std::normal_distribution<double> normal(0.0, 1.0);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  Panels p;
  p.days = est + evt;
  p.firms = firms;
  p.by_day.resize(p.days * firms);
  p.by_firm.resize(p.days * firms);
  for (std::size_t t = 0; t < p.days; ++t)
    for (std::size_t i = 0; i < firms; ++i) {
      const double x = normal(rng);
      double v = grid > 0.0 ? std::round(x / grid) * grid : x; // ties, and -0.0 from round
      if (uniform(rng) < missing)
        v = k_nan;
      p.by_day[t * firms + i] = v;
      p.by_firm[i * p.days + t] = v;
    }
  for (std::size_t t = est; t < p.days; ++t)
    p.event_rows.push_back(t);
  return p;
}

TEST(PanelLayout, RankAndSignTestsBitIdentical) {
  std::mt19937_64 rng(20261129);
  const std::size_t est = 40;
  const std::size_t evt = 11;
  for (const double grid : {0.0, 0.5}) {
    for (const double missing : {0.0, 0.15}) {
      for (const std::size_t firms : {std::size_t{1}, std::size_t{23}, std::size_t{90}}) {
        const Panels p = random_panels(rng, est, evt, firms, grid, missing);
        const ArPanel a = p.day_major();
        const ArPanel b = p.firm_major();
        for (std::size_t threads = 1; threads <= 3; ++threads) {
          SCOPED_TRACE(::testing::Message() << "grid " << grid << ", missing " << missing << ", "
                                            << firms << " firms, " << threads << " threads");
          const PanelRanks ra = rank_panel(a, threads);
          const PanelRanks rb = rank_panel(b, threads);
          EXPECT_EQ(ra.m, rb.m);
          EXPECT_FALSE(rb.order.empty());
          for (std::size_t t = 0; t < p.days; ++t)
            for (std::size_t i = 0; i < firms; ++i)
              expect_same(ra.at(t, i), rb.at(t, i));
          for (const auto convention : {RankConvention::textbook, RankConvention::estudy2}) {
            expect_same(corrado_rank_daily(a, ra, convention),
                        corrado_rank_daily(b, rb, convention));
            expect_same(cz_rank_daily(a, ra, convention), cz_rank_daily(b, rb, convention));
            expect_same(cz_sign_daily(a, convention, threads),
                        cz_sign_daily(b, rb, convention, threads));
            expect_same(cz_sign_daily(a, convention, threads),
                        cz_sign_daily(b, convention, threads));
            expect_same(corrado_rank_window(a, ra, convention).statistic,
                        corrado_rank_window(b, rb, convention).statistic);
            for (const auto& [first, last] :
                 {std::pair<std::size_t, std::size_t>{5, 5}, {4, 6}, {0, 10}, {2, 9}}) {
              std::vector<std::size_t> rows;
              for (std::size_t t = 0; t < est; ++t)
                rows.push_back(t);
              for (std::size_t t = est + first; t <= est + last; ++t)
                rows.push_back(t);
              const auto wa = window_rank_tests(a, ra, rows, convention, threads);
              const auto wb = window_rank_tests(b, rb, rows, convention, threads);
              expect_same(wa.rank.statistic, wb.rank.statistic);
              expect_same(wa.cz_rank.statistic, wb.cz_rank.statistic);
              expect_same(wa.cz_sign.statistic, wb.cz_sign.statistic);
            }
          }
          for (const auto kind : {SignPHat::pooled, SignPHat::per_firm_mean})
            expect_same(generalized_sign_p_hat(a, kind), generalized_sign_p_hat(b, kind));
        }
      }
    }
  }
}

TEST(PanelLayout, MeanPairwiseCorrelationBitIdentical) {
  std::mt19937_64 rng(7);
  const std::size_t est = 30;
  for (const double missing : {0.0, 0.1}) {
    for (const std::size_t firms : {std::size_t{2}, std::size_t{40}, std::size_t{130}}) {
      SCOPED_TRACE(::testing::Message() << "missing " << missing << ", " << firms << " firms");
      const Panels p = random_panels(rng, est, 5, firms, 0.0, missing);
      // The days x firms estimation rows, and the firm-major panel read with its row stride.
      const std::span<const double> estimation = std::span(p.by_day).first(est * firms);
      expect_same(mean_pairwise_correlation(estimation, est, firms),
                  mean_pairwise_correlation_firm_major(p.by_firm, est, firms, p.days));
    }
  }
  const std::vector<double> short_input(10, 0.5);
  EXPECT_TRUE(std::isnan(mean_pairwise_correlation_firm_major(short_input, 4, 3, 4)));
  EXPECT_TRUE(std::isnan(mean_pairwise_correlation_firm_major(short_input, 4, 2, 3)));
}

TEST(PanelLayout, GrankFromPanelOrderBitIdentical) {
  std::mt19937_64 rng(11);
  std::normal_distribution<double> normal(0.0, 1.0);
  const std::size_t est = 50;
  const std::size_t evt = 5;
  for (const double grid : {0.0, 0.25}) {
    for (const double missing : {0.0, 0.2}) {
      const std::size_t firms = 37;
      const Panels p = random_panels(rng, est, evt, firms, grid, missing);
      // SAR = AR / s_i with s_i > 0 (a positive multiple of the panel's estimation rows); one
      // firm with s_i = 0 (SARs +-inf and NaN) falls back to sorting.
      std::vector<double> sigma(firms);
      for (std::size_t i = 0; i < firms; ++i)
        sigma[i] = i == 3 ? 0.0 : 0.5 + std::abs(normal(rng));
      const GrankPanel::FirmColumn column = [&](std::size_t i, std::span<double> out) {
        for (std::size_t t = 0; t < out.size(); ++t)
          out[t] = p.by_firm[i * p.days + t] / sigma[i];
      };
      std::vector<std::vector<double>> scars(3, std::vector<double>(firms));
      for (auto& s : scars)
        for (auto& v : s)
          v = normal(rng);
      scars[1][4] = k_nan;
      const std::vector<std::span<const double>> views(scars.begin(), scars.end());
      for (std::size_t threads = 1; threads <= 3; ++threads) {
        const PanelRanks ranks = rank_panel(p.firm_major(), threads);
        const GrankPanel sorted(column, est, firms, threads);
        const GrankPanel from_order(column, ranks, est, threads);
        for (const double rbar : {0.0, 0.05}) {
          const auto x = sorted.test_many(views, rbar);
          const auto y = from_order.test_many(views, rbar);
          ASSERT_EQ(x.size(), y.size());
          for (std::size_t k = 0; k < x.size(); ++k) {
            expect_same(x[k].z.statistic, y[k].z.statistic);
            expect_same(x[k].t.statistic, y[k].t.statistic);
            expect_same(x[k].t.p_value, y[k].t.p_value);
          }
        }
      }
    }
  }
}

// An estimation window too long for 16-bit doubled ranks (2 L1 + 2 > 65535): GrankPanel keeps
// 32-bit ranks and still equals grank() bit for bit.
TEST(PanelLayout, GrankLongEstimationWindow) {
  std::mt19937_64 rng(13);
  std::normal_distribution<double> normal(0.0, 1.0);
  const std::size_t days = 33000;
  const std::size_t firms = 3;
  std::vector<double> sar(days * firms);
  for (auto& v : sar)
    v = std::round(normal(rng) * 100.0) / 100.0; // many ties
  sar[5] = k_nan;
  const std::vector<double> scar{0.3, -1.2, 0.7};
  const GrankPanel panel(sar, days, firms, 2);
  const GrankResult expected = grank(sar, days, firms, scar, 0.0);
  const GrankResult got = panel.test(scar, 0.0);
  expect_same(got.z.statistic, expected.z.statistic);
  expect_same(got.t.statistic, expected.t.statistic);
}

} // namespace
} // namespace aftershock::stats
