// T5 Boehmer, Musumeci & Poulsen (1991) standardized cross-sectional test
// (Kolari & Pynnonen 2010, eqs. 6-7; design/methods.md T5).
#include <aftershock/stats/distributions.hpp>
#include <aftershock/stats/parametric.hpp>

#include "sample_moments.hpp"

namespace aftershock::stats {

TestValue bmp_t(std::span<const double> standardized) {
  // t = sqrt(N) mean(SAR) / sd(SAR), sd with divisor N - 1; t(N - 1) (BMP 1991).
  if (standardized.size() < 2)
    return t_test_value(detail::k_nan, detail::k_nan);
  const double df = static_cast<double>(standardized.size() - 1);
  return t_test_value(detail::one_sample_t(standardized), df);
}

} // namespace aftershock::stats
