#pragma once
// Internal to study: one firm's fit, abnormal returns, CARs, BHARs and dollar impact.

#include <aftershock/models/design_model.hpp>
#include <aftershock/series/panel.hpp>
#include <aftershock/series/shares.hpp>
#include <aftershock/study/config.hpp>
#include <aftershock/study/result.hpp>

#include <cstddef>
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "event_frame.hpp"
#include "residual_store.hpp"

namespace aftershock::study {

// The market returns of a firm-event's estimation days (NaN = missing), shared by every
// firm-event of one market (issue 6: a 250-day copy per firm-event was ~2 KB of heap each): a
// view of `size` values from `offset` of the market's calendar-long return series, which
// `storage` keeps alive, after `pad` leading missing days (pad_to_pooled's event-time
// alignment). Reads like the std::vector<double> it replaces.
class EstimationMarket {
public:
  EstimationMarket() = default;
  EstimationMarket(std::shared_ptr<const std::vector<double>> storage, std::size_t offset,
                   std::size_t size)
      : m_storage(std::move(storage)), m_offset(offset), m_size(size) {}
  // Owns `values` (shard files).
  explicit EstimationMarket(std::vector<double> values)
      : m_storage(std::make_shared<const std::vector<double>>(std::move(values))),
        m_size(m_storage->size()) {}

  [[nodiscard]] std::size_t size() const noexcept { return m_pad + m_size; }
  [[nodiscard]] bool empty() const noexcept { return size() == 0; }
  [[nodiscard]] double operator[](std::size_t d) const noexcept {
    return d < m_pad ? std::numeric_limits<double>::quiet_NaN()
                     : (*m_storage)[m_offset + d - m_pad];
  }
  // Prepends `n` missing days.
  void pad_front(std::size_t n) noexcept { m_pad += n; }
  // The values as a vector (shard files, tests).
  [[nodiscard]] std::vector<double> values() const {
    std::vector<double> out(size());
    for (std::size_t d = 0; d < out.size(); ++d)
      out[d] = (*this)[d];
    return out;
  }

private:
  std::shared_ptr<const std::vector<double>> m_storage;
  std::size_t m_offset = 0;
  std::size_t m_size = 0;
  std::size_t m_pad = 0;
};

struct FirmComputation {
  FirmResult result;
  ResidualSeries residuals;         // estimation-window AR, one per estimation day, NaN = none
  std::vector<double> standardized; // SAR_t = AR_t / SE_t per event day, NaN = missing
  std::vector<double> scar;         // CAR / sqrt(Var(CAR)) per reported window, NaN = none
  std::vector<double> window_market_cap_before; // MV(t1-1) per reported window; NaN no shares
  // Event-time inputs of the aggregation, so it never needs the panel (firm-events on
  // different dates or markets pool in event time; shards can be merged):
  EstimationMarket estimation_market; // market return per estimation day, NaN = missing
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
