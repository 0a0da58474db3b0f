// The xKDR eventstudies inference case (../shared/reference/xkdr_eventstudies_inference, see its
// README): the "classic" t interval of the mean CAR across the 3 successful events
// (expected_event_time_car.csv -> expected_inference.csv, 15 significant digits, the package
// test's literals re-derived independently) to 1e-12; event time -1 (all zeros) has no interval.
#include <aftershock/stats/mean_interval.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "support/paths.hpp"
#include "support/ref_csv.hpp"

namespace aftershock::stats {
namespace {

TEST(XkdrInference, ClassicTIntervalOfTheMeanCar) {
  AFTERSHOCK_REQUIRE_SHARED(shared);
  const auto dir = shared / "reference" / "xkdr_eventstudies_inference";
  const test::RefCsv cars(dir / "expected_event_time_car.csv");
  const test::RefCsv expected(dir / "expected_inference.csv");
  for (std::size_t r = 0; r < cars.rows(); ++r) {
    const std::string t = cars.text(r, "event_time");
    SCOPED_TRACE(t);
    const std::vector<double> x{cars.number(r, "ITC"), cars.number(r, "Reliance"),
                                cars.number(r, "TCS")};
    const auto ci = t_mean_interval(x);
    std::size_t e = 0;
    while (expected.text(e, "strategy") != "classic" || expected.text(e, "event_time") != t)
      ++e;
    EXPECT_NEAR(ci.mean, expected.number(e, "centre"), 1e-12);
    if (std::isnan(expected.number(e, "lower_2.5"))) {
      EXPECT_TRUE(std::isnan(ci.low));
      EXPECT_TRUE(std::isnan(ci.high));
    } else {
      EXPECT_NEAR(ci.low, expected.number(e, "lower_2.5"), 1e-12);
      EXPECT_NEAR(ci.high, expected.number(e, "upper_97.5"), 1e-12);
    }
  }
}

} // namespace
} // namespace aftershock::stats
