// Holm (1979) and Benjamini-Hochberg (1995) adjusted p-values.
#include <aftershock/stats/multiple_testing.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace aftershock::stats {

std::vector<double> adjust_p_values(std::span<const double> p, AdjustMethod method) {
  std::vector<double> out(p.begin(), p.end());
  std::vector<std::size_t> order;
  for (std::size_t k = 0; k < p.size(); ++k)
    if (!std::isnan(p[k]))
      order.push_back(k);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return p[a] < p[b]; });
  const auto m = static_cast<double>(order.size());
  if (method == AdjustMethod::holm) {
    double running = 0.0; // cumulative max (step-down)
    for (std::size_t j = 0; j < order.size(); ++j) {
      running = std::max(running, std::min(1.0, (m - static_cast<double>(j)) * p[order[j]]));
      out[order[j]] = running;
    }
  } else {
    double running = 1.0; // cumulative min from the largest p (step-up)
    for (std::size_t j = order.size(); j-- > 0;) {
      running = std::min(running, std::min(1.0, m * p[order[j]] / static_cast<double>(j + 1)));
      out[order[j]] = running;
    }
  }
  return out;
}

void adjust_test_map(TestMap& tests, AdjustMethod method) {
  std::vector<double> p;
  for (const auto& [name, value] : tests)
    p.push_back(value.p_value);
  const auto adjusted = adjust_p_values(p, method);
  for (std::size_t k = 0; k < tests.size(); ++k)
    tests[k].second.p_adjusted = adjusted[k];
}

} // namespace aftershock::stats
