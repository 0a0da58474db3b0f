#include <aftershock/impact/dollar_totals.hpp>

#include <cmath>
#include <limits>

namespace aftershock::impact {

namespace {
void add_signed(double value, double& loss, double& gain) {
  if (std::isnan(value)) {
    loss += value;
    gain += value;
  } else if (value < 0.0) {
    loss += value;
  } else {
    gain += value;
  }
}
} // namespace

DollarTotals total_dollar_impact(std::span<const FirmDollar> firms) noexcept {
  DollarTotals t;
  for (const auto& f : firms) {
    t.market_cap_before += f.market_cap_before;
    t.market_cap_change += f.market_cap_change;
    t.abnormal_dollar_change += f.abnormal_dollar_change;
    add_signed(f.abnormal_dollar_change, t.gross_abnormal_loss, t.gross_abnormal_gain);
    add_signed(f.market_cap_change, t.gross_market_cap_loss, t.gross_market_cap_gain);
  }
  t.normal_dollar_change = t.market_cap_change - t.abnormal_dollar_change;
  // Value-weighted CAAR = sum_i DAR_i / sum_i MV_i,t1-1 (methods.md s.10 "Aggregates").
  t.value_weighted_caar = firms.empty() ? std::numeric_limits<double>::quiet_NaN()
                                        : t.abnormal_dollar_change / t.market_cap_before;
  return t;
}

} // namespace aftershock::impact
