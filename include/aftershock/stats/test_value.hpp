#pragma once
// The value of one significance test: statistic, two-sided p-value and reference distribution.

#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace aftershock::stats {

struct TestValue {
  double statistic = 0.0; // NaN when the test is undefined (e.g. N < 2)
  double p_value = 0.0;   // two-sided; NaN when the statistic is NaN
  double df = 0.0;        // degrees of freedom of the Student-t reference; NaN for N(0,1)
  // Multiple-testing adjusted p-value (holm / bh across the tests of one day or window);
  // NaN when no adjustment was requested or p_value is NaN.
  double p_adjusted = std::numeric_limits<double>::quiet_NaN();
};

// Named test values in a stable, documented key order (e.g. "t_csect", "t_cda", "patell",
// "bmp", "bmp_kp").
using TestMap = std::vector<std::pair<std::string, TestValue>>;

} // namespace aftershock::stats
