#pragma once
// Internal to study: one firm's fit, abnormal returns, CARs, BHARs and dollar impact.

#include <aftershock/models/design_model.hpp>
#include <aftershock/series/panel.hpp>
#include <aftershock/series/shares.hpp>
#include <aftershock/study/config.hpp>
#include <aftershock/study/result.hpp>

#include <string>
#include <vector>

#include "event_frame.hpp"

namespace aftershock::study {

struct FirmComputation {
  FirmResult result;
  std::vector<double> residuals;    // estimation-window AR, one per estimation day, NaN = none
  std::vector<double> standardized; // SAR_t = AR_t / SE_t per event day, NaN = missing
  std::vector<double> scar;         // CAR / sqrt(Var(CAR)) per reported window, NaN = none
  std::vector<double> window_market_cap_before; // MV(t1-1) per reported window; NaN no shares
  // Event-time inputs of the aggregation, so it never needs the panel (firm-events on
  // different dates or markets pool in event time; shards can be merged):
  std::vector<double> estimation_market; // market return per estimation day, NaN = missing
  std::string market_key; // market ticker and effective day 0: equal keys share one market
                          // series (Lamb 1995 uses each distinct series once)
};

// Studies `ticker`; per-firm problems become a status and a reason (never an exception), and
// never change another firm's numbers. `index` (optional): TickerIndex(panel, shares), so the
// column and the shares record are found by hash instead of a linear scan.
FirmComputation study_firm(const series::Panel& panel, const series::SharesTable* shares,
                           const StudyConfig& config, const EventFrame& frame,
                           const models::Design& design, const std::string& ticker,
                           const TickerIndex* index = nullptr);

} // namespace aftershock::study
