#include <aftershock/impact/dollar_impact.hpp>

#include <cmath>

namespace aftershock::impact {

double market_value(double close, double shares) noexcept {
  return close * shares; // methods.md s.10: MV_it = P_it x S_it
}

DollarImpact dollar_impact(std::span<const double> close, std::size_t first,
                           std::span<const double> abnormal_simple, double shares) noexcept {
  DollarImpact out;
  const std::size_t last = first + abnormal_simple.size() - 1;
  // Raw change MV(t2) - MV(t1-1): the figure the press quotes (methods.md s.10).
  out.market_cap_change =
      market_value(close[last], shares) - market_value(close[first - 1], shares);
  // Dollar abnormal return DAR_t = AR_t x MV_{t-1} (Malatesta-style; Saha & Ferrell 2011;
  // methods.md s.10), cumulated over the window.
  double abnormal = 0.0;
  for (std::size_t j = 0; j < abnormal_simple.size(); ++j) {
    if (std::isnan(abnormal_simple[j]))
      continue;
    abnormal += abnormal_simple[j] * market_value(close[first + j - 1], shares);
  }
  out.abnormal_dollar_change = abnormal;
  out.normal_dollar_change = out.market_cap_change - out.abnormal_dollar_change;
  return out;
}

} // namespace aftershock::impact
