// Multi-day (window) forms of the nonparametric tests and their daily forms on one panel with
// missing ARs and ties, against tests/reference/nonparametric_windows_expected.csv, written by
// the independent NumPy/SciPy generator tests/reference/generate_nonparametric_windows.py
// (formulas from Corrado 1989, Corrado & Zivney 1992, Cowan 1992; full double precision).
// Tolerance 1e-12 absolute (ranks and counts are exact; only sums and square roots round).
#include <aftershock/stats/rank_tests.hpp>
#include <aftershock/stats/sign_tests.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "support/paths.hpp"
#include "support/ref_csv.hpp"

namespace aftershock::stats {
namespace {

constexpr std::size_t k_firms = 6;
constexpr std::size_t k_estimation = 60;

class WindowForms : public ::testing::Test {
protected:
  void SetUp() override {
    const test::RefCsv panel(test::source_dir() / "tests" / "fixtures" / "stats" /
                             "window_panel.csv");
    m_days = panel.rows();
    for (std::size_t t = 0; t < m_days; ++t)
      for (std::size_t i = 0; i < k_firms; ++i)
        m_values.push_back(panel.number(t, "F" + std::to_string(i)));
    for (std::size_t t = k_estimation; t < m_days; ++t)
      m_event_rows.push_back(t);
  }

  ArPanel view() const { return {m_values, m_days, k_firms, m_event_rows}; }

  static double expected(const std::string& name) {
    static const test::RefCsv csv(test::source_dir() / "tests" / "reference" /
                                  "nonparametric_windows_expected.csv");
    return csv.number(csv.row_of(name), "value");
  }

  std::vector<double> m_values;
  std::vector<std::size_t> m_event_rows;
  std::size_t m_days = 0;
};

TEST_F(WindowForms, PanelShape) {
  EXPECT_EQ(m_days, 63U);
  EXPECT_TRUE(view().valid());
}

TEST_F(WindowForms, CorradoRankDailyAndCowanWindow) {
  const auto daily = corrado_rank_daily(view(), RankConvention::textbook);
  ASSERT_EQ(daily.size(), 3U);
  for (std::size_t k = 0; k < 3; ++k)
    EXPECT_NEAR(daily[k].statistic, expected("rank_daily_" + std::to_string(k)), 1e-12) << k;
  EXPECT_NEAR(corrado_rank_window(view(), RankConvention::textbook).statistic,
              expected("rank_window"), 1e-12);
}

TEST_F(WindowForms, CorradoZivneyRankDailyAndWindow) {
  const auto daily = cz_rank_daily(view(), RankConvention::textbook);
  ASSERT_EQ(daily.size(), 3U);
  for (std::size_t k = 0; k < 3; ++k)
    EXPECT_NEAR(daily[k].statistic, expected("cz_rank_daily_" + std::to_string(k)), 1e-12) << k;
  const TestValue window = cz_rank_window(view(), RankConvention::textbook);
  EXPECT_NEAR(window.statistic, expected("cz_rank_window"), 1e-12);
  EXPECT_TRUE(std::isnan(window.df)); // N(0,1)
}

TEST_F(WindowForms, CorradoZivneySignDailyAndWindow) {
  const auto daily = cz_sign_daily(view(), RankConvention::textbook);
  ASSERT_EQ(daily.size(), 3U);
  for (std::size_t k = 0; k < 3; ++k)
    EXPECT_NEAR(daily[k].statistic, expected("cz_sign_daily_" + std::to_string(k)), 1e-12) << k;
  EXPECT_NEAR(cz_sign_window(view(), RankConvention::textbook).statistic,
              expected("cz_sign_window"), 1e-12);
}

TEST_F(WindowForms, CowanGeneralizedSignOnCars) {
  const double p = generalized_sign_p_hat(view(), SignPHat::per_firm_mean);
  EXPECT_NEAR(p, expected("gen_sign_p_hat"), 1e-15);
  std::vector<double> cars(k_firms, 0.0); // CAR_i over the window days the firm has
  for (const std::size_t t : m_event_rows)
    for (std::size_t i = 0; i < k_firms; ++i)
      if (const double v = m_values[t * k_firms + i]; !std::isnan(v))
        cars[i] += v;
  EXPECT_NEAR(generalized_sign_test(cars, p).statistic, expected("gen_sign_window"), 1e-12);
}

TEST_F(WindowForms, WindowOfNoEventRowsIsNaN) {
  const ArPanel none{m_values, m_days, k_firms, {}};
  EXPECT_TRUE(std::isnan(cz_rank_window(none, RankConvention::textbook).statistic));
  EXPECT_TRUE(std::isnan(cz_sign_window(none, RankConvention::textbook).statistic));
}

} // namespace
} // namespace aftershock::stats
