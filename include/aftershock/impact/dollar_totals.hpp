#pragma once
// Dollar aggregates over firms (design/methods.md s.10): totals, gross losses and gains, and
// the value-weighted CAAR.

#include <span>

namespace aftershock::impact {

// One firm's figures for one window (firms without shares are not passed in).
struct FirmDollar {
  double market_cap_before = 0.0; // MV(t1-1) of the aggregate's reference window
  double market_cap_change = 0.0;
  double abnormal_dollar_change = 0.0;
};

struct DollarTotals {
  double market_cap_before = 0.0;
  double market_cap_change = 0.0;
  double abnormal_dollar_change = 0.0;
  double normal_dollar_change = 0.0;  // market_cap_change - abnormal_dollar_change
  double gross_abnormal_loss = 0.0;   // sum of the negative abnormal changes (<= 0)
  double gross_abnormal_gain = 0.0;   // sum of the positive ones (>= 0)
  double gross_market_cap_loss = 0.0; // same for the raw changes
  double gross_market_cap_gain = 0.0;
  double value_weighted_caar = 0.0; // sum_i DAR_i / sum_i MV_i,t1-1; NaN without firms
};

// Sums `firms` (NaN figures propagate into the sums they enter, never silently dropped).
DollarTotals total_dollar_impact(std::span<const FirmDollar> firms) noexcept;

} // namespace aftershock::impact
