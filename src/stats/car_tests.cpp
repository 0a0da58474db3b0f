// Campbell, Lo & MacKinlay (1997) J1 / J2.
#include <aftershock/stats/car_tests.hpp>
#include <aftershock/stats/distributions.hpp>
#include <aftershock/stats/parametric.hpp>

#include <cmath>
#include <limits>

namespace aftershock::stats {

TestValue clm_j1(std::span<const double> cars, std::span<const double> car_variances) {
  constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();
  if (cars.empty() || cars.size() != car_variances.size())
    return normal_test_value(k_nan);
  double sum_car = 0.0;
  double sum_var = 0.0;
  for (std::size_t i = 0; i < cars.size(); ++i) {
    sum_car += cars[i];
    sum_var += car_variances[i];
  }
  if (std::isnan(sum_var) || sum_var <= 0.0)
    return normal_test_value(k_nan);
  const double n = static_cast<double>(cars.size());
  // CLM (1997) ch. 4: sigma^2(CAAR) = sum Var(CAR_i) / N^2; J1 = CAAR / sigma(CAAR).
  return normal_test_value((sum_car / n) / (std::sqrt(sum_var) / n));
}

TestValue clm_j2(std::span<const double> scars, std::span<const int> residual_df) {
  // Same algebra as the Patell statistic on standardized CARs.
  return patell_z(scars, residual_df);
}

} // namespace aftershock::stats
