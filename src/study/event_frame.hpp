#pragma once
// Internal to study: the validated calendar positions of one event and the market returns.

#include <aftershock/events/window.hpp>
#include <aftershock/series/panel.hpp>
#include <aftershock/series/shares.hpp>
#include <aftershock/study/batch.hpp>
#include <aftershock/study/config.hpp>

#include <cstddef>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace aftershock::study {

struct EventFrame {
  std::size_t day0 = 0;      // calendar index of the effective day 0
  std::size_t est_first = 0; // calendar indices of the estimation window ends
  std::size_t est_last = 0;
  std::size_t evt_first = 0; // calendar indices of the event window ends (evt_first >= 1)
  std::size_t evt_last = 0;
  std::span<const double> market_returns;                    // one per calendar date, NaN = missing
  std::shared_ptr<const std::vector<double>> market_storage; // owns market_returns (shared)
  std::vector<events::Window> car_windows; // reported windows, the full event window last

  [[nodiscard]] std::size_t index(int offset) const noexcept {
    return static_cast<std::size_t>(static_cast<long long>(day0) + offset);
  }
};

// The full-calendar market return series of one market (config.basis, config.returns,
// config.gaps), computed once and shared by every firm-event on that market (issue 6: the batch
// engine used to rebuild it, O(T), per firm-event).
using MarketReturns = std::shared_ptr<const std::vector<double>>;

// Market returns of `config.market` on `panel`; nullptr when the market is not in the panel.
MarketReturns market_returns_of(const series::Panel& panel, const StudyConfig& config);

// Ticker -> the panel column and the shares record that Panel::find and SharesTable::find
// return (the first with that name), by hash instead of their linear scans (a batch looks up
// one ticker per firm-event: O(firm-events x tickers) before).
class TickerIndex {
public:
  TickerIndex() = default;
  // Indexes `panel` and `shares` (may be nullptr); both must outlive the index.
  TickerIndex(const series::Panel& panel, const series::SharesTable* shares);
  [[nodiscard]] const series::PanelColumn* column(std::string_view ticker) const;
  [[nodiscard]] const series::SharesRecord* shares(std::string_view ticker) const;

private:
  std::unordered_map<std::string_view, const series::PanelColumn*> m_columns;
  std::unordered_map<std::string_view, const series::SharesRecord*> m_shares;
};

// What every firm-event on one market shares: its return series and its ticker index.
struct MarketFrame {
  MarketReturns returns;
  TickerIndex index;
};

// Market name -> its shared frame, built once before a batch loop.
using MarketFrames = std::map<std::string, MarketFrame, std::less<>>;

// One entry per market of `markets`, each under `config` with config.market set to its name;
// `shares` (may be nullptr) as passed to the firm-events.
MarketFrames market_frames(const std::map<std::string, MarketData>& markets,
                           const series::SharesTable* shares, const StudyConfig& config);

// Validates `config` against `panel` and locates the event; throws aftershock::Error naming the
// offending value and the bound (market absent, event outside the data, windows overlapping or
// outside the calendar, a CAR window outside the event window). `shared` (optional) is the
// market's return series from market_returns_of under the same config; without it the series
// is computed here.
EventFrame make_event_frame(const series::Panel& panel, const StudyConfig& config,
                            const MarketReturns& shared = nullptr);

// make_event_frame without the market returns (market_returns stays empty): the calendar
// checks only, cheap enough for the batch pre-pass (batch_plan.hpp). Throws as make_event_frame.
// `market` (optional): panel.find(config.market), already looked up by the caller.
EventFrame locate_event_frame(const series::Panel& panel, const StudyConfig& config,
                              const series::PanelColumn* market = nullptr);

} // namespace aftershock::study
