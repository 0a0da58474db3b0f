#pragma once
// Market value and dollar impact of one firm over one window (design/methods.md s.10;
// Malatesta-style dollar abnormal returns; Saha & Ferrell 2011, "Event Study Analysis:
// Correctly Measuring the Dollar Impact of an Event").

#include <cstddef>
#include <span>

namespace aftershock::impact {

struct DollarImpact {
  double market_cap_change = 0.0;      // MV(t2) - MV(t1-1)
  double abnormal_dollar_change = 0.0; // sum_t AR_t MV_{t-1}, AR in simple form
  double normal_dollar_change = 0.0;   // market_cap_change - abnormal_dollar_change
};

// MV = close x shares; close must be on the same split basis as the share count (Yahoo "Close"
// is split-adjusted and dividend-unadjusted). NaN when either is NaN.
double market_value(double close, double shares) noexcept;

// Dollar impact over the calendar days [first, first + abnormal_simple.size() - 1], `first` >= 1:
// `close` holds the calendar's closes (NaN = missing), `abnormal_simple` the window's AR in
// simple form (a log AR converted with exp(AR) - 1 by the caller; NaN = missing day, left out
// of the sum as in the CAR). A missing close at t2 or t1-1 makes the raw change NaN; a missing
// close before a day with an AR makes the abnormal change NaN.
DollarImpact dollar_impact(std::span<const double> close, std::size_t first,
                           std::span<const double> abnormal_simple, double shares) noexcept;

} // namespace aftershock::impact
