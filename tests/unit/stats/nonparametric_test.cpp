// Hand-built cases for the rank, sign and Wilcoxon tests; every expected number is derived in a
// comment (or, for the Wilcoxon null distribution, by brute-force enumeration).
#include <aftershock/stats/rank_tests.hpp>
#include <aftershock/stats/sign_tests.hpp>
#include <aftershock/stats/wilcoxon.hpp>

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <limits>
#include <numbers>
#include <random>
#include <vector>

namespace aftershock::stats {
namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

TEST(nonparametric_test, sign_test_closed_form) {
  // N = 4, N+ = 3: Z = (3 - 2) / sqrt(1) = 1.
  const std::array x{1.0, 2.0, -1.0, 3.0};
  EXPECT_NEAR(sign_test(x).statistic, 1.0, 1e-15);
  EXPECT_NEAR(sign_test(x).p_value, std::erfc(1.0 / std::numbers::sqrt2), 1e-15);
  // A zero is not positive: N = 2, N+ = 1 -> 0.
  const std::array with_zero{0.0, 1.0};
  EXPECT_NEAR(sign_test(with_zero).statistic, 0.0, 1e-15);
  EXPECT_TRUE(std::isnan(sign_test(std::vector<double>{}).statistic));
}

TEST(nonparametric_test, generalized_sign_closed_form) {
  const std::array x{1.0, 2.0, -1.0, 3.0};
  // p = 1/2 gives the sign test; p = 1/4: (3 - 1) / sqrt(4 * 1/4 * 3/4) = 2 / sqrt(0.75).
  EXPECT_NEAR(generalized_sign_test(x, 0.5).statistic, 1.0, 1e-15);
  EXPECT_NEAR(generalized_sign_test(x, 0.25).statistic, 2.0 / std::sqrt(0.75), 1e-14);
  EXPECT_TRUE(std::isnan(generalized_sign_test(x, 0.0).statistic));
  EXPECT_TRUE(std::isnan(generalized_sign_test(x, 1.0).statistic));
  EXPECT_TRUE(std::isnan(generalized_sign_test(x, k_nan).statistic));
}

TEST(nonparametric_test, generalized_sign_p_hat_conventions) {
  // Rows 0-3 estimation, row 4 event. Firm A: 1 positive of 4 (1/4); firm B: 1 of 2 (1/2).
  // Pooled: 2 / 6 = 1/3; per-firm mean (Cowan 1992): (1/4 + 1/2) / 2 = 3/8. Event row ignored.
  const std::vector<double> v{1, k_nan, -1, k_nan, -1, 1, -1, -1, 5, 5};
  const std::vector<std::size_t> event{4};
  const ArPanel panel{v, 5, 2, event};
  EXPECT_NEAR(generalized_sign_p_hat(panel, SignPHat::pooled), 1.0 / 3.0, 1e-15);
  EXPECT_NEAR(generalized_sign_p_hat(panel, SignPHat::per_firm_mean), 0.375, 1e-15);
}

// Two firms, four rows, event row 3 (or rows 2-3 for the window form).
// A = {0.1, 0.3, 0.2, 0.4}: ranks 1 3 2 4, Kbar 2.5, K - Kbar = -1.5 0.5 -0.5 1.5
// B = {0.5, 0.1, 0.4, 0.6}: ranks 3 1 2 4,           K - Kbar =  0.5 -1.5 -0.5 1.5
// A_t = mean = -0.5 -0.5 -0.5 1.5; S_K^2 = (3 * 0.25 + 2.25) / 4 = 0.75; T_3 = 1.5 / sqrt(0.75).
const std::vector<double> k_two_firms{0.1, 0.5, 0.3, 0.1, 0.2, 0.4, 0.4, 0.6};

TEST(nonparametric_test, corrado_rank_closed_form) {
  const std::vector<std::size_t> event{3};
  const ArPanel panel{k_two_firms, 4, 2, event};
  for (const auto convention : {RankConvention::textbook, RankConvention::estudy2}) {
    // Complete data: both conventions agree (Q1/Q2 only matter with missing values).
    const auto t = corrado_rank_daily(panel, convention);
    ASSERT_EQ(t.size(), 1U);
    EXPECT_NEAR(t[0].statistic, std::sqrt(3.0), 1e-14);
    EXPECT_TRUE(std::isnan(t[0].df));
  }
}

TEST(nonparametric_test, corrado_rank_missing_data_conventions) {
  // B's row 0 missing: B = {-, 0.1, 0.4, 0.6}, ranks - 1 2 3, Kbar 2, K - Kbar = - -1 0 1.
  // A_t (textbook, mean over present) = -1.5, -0.25, -0.25, 1.25; L = 4 rows;
  // S^2 = (2.25 + 0.0625 + 0.0625 + 1.5625) / 4; T_3 = 1.25 / S.
  // estudy2: row 0 sum = mean * 2 firms = -3, divided by N_0 = 1 -> A_0 = -3; the variance
  // divisor is the mean count per firm (4 + 3) / 2 = 3.5: S^2 = (9 + 0.0625 * 2 + 1.5625) / 3.5.
  const std::vector<double> v{0.1, k_nan, 0.3, 0.1, 0.2, 0.4, 0.4, 0.6};
  const std::vector<std::size_t> event{3};
  const ArPanel panel{v, 4, 2, event};
  EXPECT_NEAR(corrado_rank_daily(panel, RankConvention::textbook)[0].statistic,
              1.25 / std::sqrt(3.9375 / 4.0), 1e-14);
  EXPECT_NEAR(corrado_rank_daily(panel, RankConvention::estudy2)[0].statistic,
              1.25 / std::sqrt(10.6875 / 3.5), 1e-14);
}

TEST(nonparametric_test, corrado_rank_window_closed_form) {
  // Event rows 2-3: textbook (Cowan 1992) sqrt(2) * mean(-0.5, 1.5) / sqrt(0.75) = sqrt(2/3).
  // estudy2: common Kbar 2.5, row means of K = 2 2 2 4 -> deviations as above; event mean of K
  // (2 + 2 + 4 + 4) / 4 = 3 -> 0.5; divisor mean count 4: the same sqrt(2/3).
  const std::vector<std::size_t> event{2, 3};
  const ArPanel panel{k_two_firms, 4, 2, event};
  EXPECT_NEAR(corrado_rank_window(panel, RankConvention::textbook).statistic, std::sqrt(2.0 / 3.0),
              1e-14);
  EXPECT_NEAR(corrado_rank_window(panel, RankConvention::estudy2).statistic, std::sqrt(2.0 / 3.0),
              1e-14);
}

TEST(nonparametric_test, cz_rank_closed_form) {
  // U = K / 5 - 1/2: A = -0.3 0.1 -0.1 0.3, B = 0.1 -0.3 -0.1 0.3; A_t = sum / sqrt(2) =
  // (-0.2, -0.2, -0.2, 0.6) / sqrt(2); S_U^2 = (3 * 0.04 + 0.36) / 2 / 4 = 0.06;
  // T_3 = 0.6 / sqrt(2) / sqrt(0.06) = sqrt(3).
  const std::vector<std::size_t> event{3};
  const ArPanel panel{k_two_firms, 4, 2, event};
  EXPECT_NEAR(cz_rank_daily(panel, RankConvention::textbook)[0].statistic, std::sqrt(3.0), 1e-14);
}

TEST(nonparametric_test, cz_sign_closed_form) {
  // Medians: A 0.25, B 0.45. G: A = - + - +, B = + - - +; A_t = sum / sqrt(2) = 0, 0, -sqrt(2),
  // sqrt(2); S_G^2 = (2 + 2) / 4 = 1; T_2 = -sqrt(2), T_3 = sqrt(2).
  const std::vector<std::size_t> event{2, 3};
  const ArPanel panel{k_two_firms, 4, 2, event};
  const auto t = cz_sign_daily(panel, RankConvention::textbook);
  ASSERT_EQ(t.size(), 2U);
  EXPECT_NEAR(t[0].statistic, -std::numbers::sqrt2, 1e-14);
  EXPECT_NEAR(t[1].statistic, std::numbers::sqrt2, 1e-14);
}

TEST(nonparametric_test, invalid_panels_give_nan) {
  const std::vector<std::size_t> out_of_range{4};
  const std::vector<std::size_t> unsorted{3, 2};
  for (const auto& rows : {out_of_range, unsorted}) {
    const ArPanel panel{k_two_firms, 4, 2, rows};
    EXPECT_FALSE(panel.valid());
    for (const auto& v : corrado_rank_daily(panel, RankConvention::textbook))
      EXPECT_TRUE(std::isnan(v.statistic));
    for (const auto& v : cz_sign_daily(panel, RankConvention::estudy2))
      EXPECT_TRUE(std::isnan(v.statistic));
    EXPECT_TRUE(std::isnan(corrado_rank_window(panel, RankConvention::textbook).statistic));
  }
  const std::vector<std::size_t> event{3};
  const ArPanel wrong_size{k_two_firms, 3, 2, event};
  EXPECT_FALSE(wrong_size.valid());
  // All-equal ARs: every rank is the tied average, K - Kbar = 0, zero variance -> NaN.
  const std::vector<double> flat(8, 0.01);
  const ArPanel flat_panel{flat, 4, 2, event};
  EXPECT_TRUE(std::isnan(corrado_rank_daily(flat_panel, RankConvention::textbook)[0].statistic));
}

TEST(nonparametric_test, wilcoxon_small_exact_cases) {
  // {1, -2, 3}: W = 1 + 3 = 4. Subset sums of {1,2,3}: 0 1 2 3 3 4 5 6; P(W >= 4) = 3/8 -> 0.75.
  const std::array a{1.0, -2.0, 3.0};
  EXPECT_EQ(wilcoxon_signed_rank(a).statistic, 4.0);
  EXPECT_NEAR(wilcoxon_signed_rank(a).p_value, 0.75, 1e-15);
  // All five positive: W = 15, P(W >= 15) = 1/32 -> p = 1/16.
  const std::array b{0.1, 0.2, 0.3, 0.4, 0.5};
  EXPECT_NEAR(wilcoxon_signed_rank(b).p_value, 0.0625, 1e-15);
  // Ties {1, -1, 2}: ranks 1.5 1.5 3, W = 4.5; sums 0 1.5 1.5 3 3 4.5 4.5 6 -> p = 2 * 3/8.
  const std::array c{1.0, -1.0, 2.0};
  EXPECT_EQ(wilcoxon_signed_rank(c).statistic, 4.5);
  EXPECT_NEAR(wilcoxon_signed_rank(c).p_value, 0.75, 1e-15);
  // Zeros dropped: {0, 1, 2} -> n = 2, W = 3, P(W >= 3) = 1/4 -> 0.5.
  const std::array d{0.0, 1.0, 2.0};
  EXPECT_EQ(wilcoxon_signed_rank(d).statistic, 3.0);
  EXPECT_NEAR(wilcoxon_signed_rank(d).p_value, 0.5, 1e-15);
  // n = 7, W = 23 (estudy2's 2020-03-16 value): P(W >= 23) = P(W <= 5) = 10/128 (subsets of
  // 1..7 with sum <= 5: {}, 1, 2, 3, 12, 4, 13, 5, 14, 23) -> p = 20/128.
  const std::array e{-0.1, -0.4, 0.2, 0.3, 0.5, 0.6, 0.7}; // negative ranks 1 and 4
  EXPECT_EQ(wilcoxon_signed_rank(e).statistic, 23.0);
  EXPECT_NEAR(wilcoxon_signed_rank(e).p_value, 20.0 / 128.0, 1e-15);
  EXPECT_TRUE(std::isnan(wilcoxon_signed_rank(std::vector<double>{0.0}).statistic));
  EXPECT_TRUE(std::isnan(wilcoxon_signed_rank(std::vector<double>{1.0, k_nan}).statistic));
}

TEST(nonparametric_test, wilcoxon_dp_matches_brute_force) {
  std::mt19937 rng(20261128); // fixed seed
  std::uniform_int_distribution<int> rank2(1, 12);
  for (int trial = 0; trial < 20; ++trial) {
    const std::size_t n = 1 + static_cast<std::size_t>(trial % 12);
    std::vector<int> r(n);
    for (auto& v : r)
      v = rank2(rng);
    const std::vector<double> dp = signed_rank_null_counts(r);
    std::vector<double> brute(dp.size(), 0.0);
    for (std::size_t mask = 0; mask < (std::size_t{1} << n); ++mask) {
      std::size_t s = 0;
      for (std::size_t k = 0; k < n; ++k)
        if ((mask >> k) & 1U)
          s += static_cast<std::size_t>(r[k]);
      brute[s] += 1.0;
    }
    EXPECT_EQ(dp, brute) << "trial " << trial;
  }
}

TEST(nonparametric_test, wilcoxon_normal_approximation_above_50) {
  // x_k = k for k = 21..60 and -k for k = 1..20: W = 1830 - 210 = 1620; E(W) = 60*61/4 = 915,
  // Var(W) = 60*61*121/24 = 18452.5.
  std::vector<double> x;
  for (int k = 1; k <= 60; ++k)
    x.push_back(k <= 20 ? -k : k);
  const TestValue w = wilcoxon_signed_rank(x);
  EXPECT_EQ(w.statistic, 1620.0);
  const double z = (1620.0 - 915.0) / std::sqrt(18452.5);
  EXPECT_NEAR(w.p_value, std::erfc(z / std::numbers::sqrt2), 1e-14);
}

} // namespace
} // namespace aftershock::stats
