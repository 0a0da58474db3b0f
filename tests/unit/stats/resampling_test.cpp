// Multiple-testing adjustment and the day bootstrap on hand cases with closed forms.
#include <aftershock/stats/bootstrap.hpp>
#include <aftershock/stats/multiple_testing.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace aftershock::stats {
namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

TEST(MultipleTesting, HolmAndBhByHand) {
  // p = (0.01, 0.04, 0.03, 0.005, NaN), m = 4. Sorted: 0.005, 0.01, 0.03, 0.04.
  // Holm (1979): 4(0.005) = 0.02, 3(0.01) = 0.03, 2(0.03) = 0.06, max(0.06, 0.04) = 0.06.
  // BH (1995): 0.005x4/1 = 0.02, 0.01x4/2 = 0.02, 0.03x4/3 = 0.04, 0.04x4/4 = 0.04, cummin from
  // the top leaves them. (R: p.adjust(c(.01,.04,.03,.005), "holm" / "BH") gives the same.)
  const std::vector<double> p{0.01, 0.04, 0.03, 0.005, k_nan};
  const auto holm = adjust_p_values(p, AdjustMethod::holm);
  EXPECT_NEAR(holm[0], 0.03, 1e-15);
  EXPECT_NEAR(holm[1], 0.06, 1e-15);
  EXPECT_NEAR(holm[2], 0.06, 1e-15);
  EXPECT_NEAR(holm[3], 0.02, 1e-15);
  EXPECT_TRUE(std::isnan(holm[4]));
  const auto bh = adjust_p_values(p, AdjustMethod::bh);
  EXPECT_NEAR(bh[0], 0.02, 1e-15);
  EXPECT_NEAR(bh[1], 0.04, 1e-15);
  EXPECT_NEAR(bh[2], 0.04, 1e-15);
  EXPECT_NEAR(bh[3], 0.02, 1e-15);
  // Capped at 1.
  const std::vector<double> big{0.6, 0.9};
  EXPECT_EQ(adjust_p_values(big, AdjustMethod::holm)[0], 1.0);
}

TEST(Bootstrap, OneEstimationDayGivesADegenerateClosedForm) {
  // One estimation day with residuals (0.01, 0.03): every draw picks it, so for L = 2
  // CAR* = (0.02, 0.06), CAAR* = 0.04, t* = sqrt(2) 0.04 / sd(0.02, 0.06) = 2 exactly.
  const std::vector<double> residuals{0.01, 0.03};
  const auto low = bootstrap_caar(residuals, 1, 2, 2, 0.1, 1.0, 99, 7);
  EXPECT_EQ(low.replications, 99);
  EXPECT_NEAR(low.p_value, 1.0, 1e-15); // |t*| = 2 >= 1 every time: (1 + 99) / 100
  EXPECT_NEAR(low.ci_low, 0.14, 1e-15);
  EXPECT_NEAR(low.ci_high, 0.14, 1e-15);
  const auto high = bootstrap_caar(residuals, 1, 2, 2, 0.1, 3.0, 99, 7);
  EXPECT_NEAR(high.p_value, 0.01, 1e-15); // never as extreme: 1 / 100
}

TEST(Bootstrap, SeededAndReproducible) {
  std::vector<double> residuals;
  for (int d = 0; d < 50; ++d)
    for (int i = 0; i < 4; ++i)
      residuals.push_back(std::sin(1.7 * d + 0.3 * i) * 0.01);
  const auto a = bootstrap_caar(residuals, 50, 4, 3, 0.0, 0.5, 500, 42);
  const auto b = bootstrap_caar(residuals, 50, 4, 3, 0.0, 0.5, 500, 42);
  const auto c = bootstrap_caar(residuals, 50, 4, 3, 0.0, 0.5, 500, 43);
  EXPECT_EQ(a.p_value, b.p_value);
  EXPECT_EQ(a.ci_low, b.ci_low);
  EXPECT_NE(a.ci_low, c.ci_low);
  EXPECT_GT(a.p_value, 0.0);
  EXPECT_LE(a.p_value, 1.0);
  EXPECT_LT(a.ci_low, a.ci_high);
}

} // namespace
} // namespace aftershock::stats
