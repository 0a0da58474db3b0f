#pragma once
// sample_result() with the chart inputs: CAR paths, a CAAR path and a third firm with shares
// whose market-cap change is positive while its normal part is negative. The numbers are
// arbitrary inputs (the chart only places them), chosen to be easy to recognise.

#include <limits>

#include "sample_result.hpp"

namespace aftershock::report::test {

inline study::StudyResult chart_result() {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  auto r = sample_result();
  auto& e = r.events.at(0);
  e.firms[0].car_path = {0.0015, -0.1467, -0.0734}; // NVDA: running sums of its ARs
  e.firms[1].car_path = {nan, -0.07, -0.04};        // ARM: no AR on day -1
  study::FirmResult avgo = e.firms[0];
  avgo.ticker = "AVGO";
  avgo.car_path = {0.01, 0.03, 0.02};
  avgo.cars = {{{0, 0}, 0.02, 0.02, 1.0, 0.3, 0.02, 0.5e11, 0.6e11, -0.1e11},
               {{-1, 1}, 0.02, 0.03, 0.7, 0.5, 0.02, 1.0e11, 1.5e11, -0.5e11}};
  e.firms.insert(e.firms.begin() + 1, avgo);
  e.aggregate.n_firms = 3;
  e.aggregate.caar_path = {{-1, day(24), 2, 0.006, nan, nan},
                           {0, day(27), 3, -0.0622, -0.15, 0.03},
                           {1, day(28), 3, -0.0313, -0.12, 0.06}};
  auto& whole = e.aggregate.cars.at(1); // window -1:1 = the event window
  whole.market_cap_change = -2.0e11;
  whole.abnormal_dollar_change = -1.0e11;
  whole.normal_dollar_change = -1.0e11;
  return r;
}

} // namespace aftershock::report::test
