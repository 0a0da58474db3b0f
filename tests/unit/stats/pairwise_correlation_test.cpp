// The two implementations of the Kolari-Pynnonen rbar (direct pair loop and matrix form) agree
// on random panels with and without missing values (pairwise-complete semantics), and both
// give the closed-form values of parametric_test.cpp.
#include <aftershock/stats/parametric.hpp>

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

namespace aftershock::stats {
namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

// days x firms residuals with a common factor (so rbar is clearly non-zero); `missing` is the
// probability that a firm-day is NaN for the firms that may miss days (every third firm).
std::vector<double> random_residuals(std::size_t days, std::size_t firms, double missing,
                                     std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  std::vector<double> out(days * firms);
  for (std::size_t t = 0; t < days; ++t) {
    const double common = normal(rng);
    for (std::size_t i = 0; i < firms; ++i) {
      const double scale = 0.01 + 0.02 * static_cast<double>(i % 7) / 6.0;
      const double v = scale * (0.3 * common + normal(rng)) + 0.001 * static_cast<double>(i % 3);
      out[t * firms + i] = (i % 3 == 0 && uniform(rng) < missing) ? k_nan : v;
    }
  }
  return out;
}

TEST(pairwise_correlation_test, closed_form_both_implementations) {
  // Columns a = 1..4, b = 2a (r_ab = 1), c = 5 - a (r_ac = r_bc = -1): mean (1 - 1 - 1)/3.
  const std::vector<double> m{1, 2, 4, 2, 4, 3, 3, 6, 2, 4, 8, 1};
  EXPECT_NEAR(mean_pairwise_correlation_direct(m, 4, 3), -1.0 / 3.0, 1e-14);
  EXPECT_NEAR(mean_pairwise_correlation_matrix(m, 4, 3), -1.0 / 3.0, 1e-14);
  // a = {1, 3, 4}, b = {2, 6, 8.5} on the common days (hand computation in parametric_test.cpp:
  // r = 10 / sqrt(42/9 x 21.5)).
  const std::vector<double> p{1, 2, 2, k_nan, 3, 6, 4, 8.5};
  EXPECT_NEAR(mean_pairwise_correlation_matrix(p, 4, 2), 10.0 / std::sqrt(42.0 / 9.0 * 21.5),
              1e-14);
  // Column c shares only 2 days with a and b: only the pair (a, b) counts, r = -1.
  const std::vector<double> q{1, 4, 5, 2, 3, k_nan, 3, 2, 7, 4, 1, k_nan};
  EXPECT_NEAR(mean_pairwise_correlation_matrix(q, 4, 3), -1.0, 1e-14);
  EXPECT_TRUE(std::isnan(mean_pairwise_correlation_matrix(std::vector<double>{1, 2}, 1, 2)));
  EXPECT_TRUE(std::isnan(mean_pairwise_correlation_matrix(m, 3, 3))); // size mismatch
}

TEST(pairwise_correlation_test, constant_column_is_left_out) {
  // Column b is constant (0): only the pair (a, c) counts, r_ac = -1.
  const std::vector<double> m{1, 0, 4, 2, 0, 3, 3, 0, 2, 4, 0, 1};
  EXPECT_NEAR(mean_pairwise_correlation_direct(m, 4, 3), -1.0, 1e-14);
  EXPECT_NEAR(mean_pairwise_correlation_matrix(m, 4, 3), -1.0, 1e-14);
  // The same with a missing day in c (incomplete path): r_ac over days 1, 2, 4 is -1.
  const std::vector<double> n{1, 0, 4, 2, 0, 3, 3, 0, k_nan, 4, 0, 1};
  EXPECT_NEAR(mean_pairwise_correlation_direct(n, 4, 3), -1.0, 1e-14);
  EXPECT_NEAR(mean_pairwise_correlation_matrix(n, 4, 3), -1.0, 1e-14);
}

TEST(pairwise_correlation_test, matrix_form_equals_loop_without_missing_values) {
  for (const std::size_t firms : {2U, 3U, 65U, 200U}) {
    const auto r = random_residuals(250, firms, 0.0, 20251129 + firms);
    const double direct = mean_pairwise_correlation_direct(r, 250, firms);
    EXPECT_NEAR(mean_pairwise_correlation_matrix(r, 250, firms), direct, 1e-12) << firms;
    EXPECT_NEAR(mean_pairwise_correlation(r, 250, firms), direct, 1e-12) << firms;
  }
}

TEST(pairwise_correlation_test, matrix_form_equals_loop_with_missing_values) {
  const std::size_t days = 120;
  const std::size_t firms = 150;
  for (const double missing : {0.05, 0.5, 0.97}) {
    auto r = random_residuals(days, firms, missing, 7);
    // Firm 1 has only 2 present days (no pair with it qualifies); firm 4 is constant where
    // present but misses days; firm 5 is constant on all days.
    for (std::size_t t = 0; t < days; ++t) {
      r[t * firms + 1] = t < 2 ? 0.5 : k_nan;
      r[t * firms + 4] = t % 2 == 0 ? 0.25 : k_nan;
      r[t * firms + 5] = -0.125;
    }
    const double direct = mean_pairwise_correlation_direct(r, days, firms);
    ASSERT_FALSE(std::isnan(direct));
    EXPECT_NEAR(mean_pairwise_correlation_matrix(r, days, firms), direct, 1e-12) << missing;
    EXPECT_NEAR(mean_pairwise_correlation(r, days, firms), direct, 1e-12) << missing;
  }
}

// More firms than one summation block (256): the standardized columns are summed block by block
// (study/aggregate.cpp's threads run the blocks), which must still be the direct pair loop's
// value, and the same bits for any thread count and for either input layout.
TEST(pairwise_correlation_test, block_sums_equal_loop_for_any_thread_count) {
  const std::size_t days = 60;
  const std::size_t firms = 700;
  for (const double missing : {0.0, 0.3}) {
    const auto r = random_residuals(days, firms, missing, 99);
    std::vector<double> by_firm(days * firms); // firm-major, row stride = days
    for (std::size_t t = 0; t < days; ++t)
      for (std::size_t i = 0; i < firms; ++i)
        by_firm[i * days + t] = r[t * firms + i];
    const double direct = mean_pairwise_correlation_direct(r, days, firms);
    const double matrix = mean_pairwise_correlation_matrix(r, days, firms);
    EXPECT_NEAR(matrix, direct, 1e-12) << missing;
    for (const std::size_t threads : {std::size_t{1}, std::size_t{2}, std::size_t{3}}) {
      const double streamed =
          mean_pairwise_correlation_firm_major(by_firm, days, firms, days, threads);
      EXPECT_EQ(std::bit_cast<std::uint64_t>(streamed), std::bit_cast<std::uint64_t>(matrix))
          << "missing " << missing << ", threads " << threads;
    }
  }
}

} // namespace
} // namespace aftershock::stats
