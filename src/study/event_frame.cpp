#include "event_frame.hpp"

#include <aftershock/calendar/date.hpp>
#include <aftershock/series/returns.hpp>
#include <aftershock/util/error.hpp>
#include <aftershock/util/parse.hpp>

#include <algorithm>
#include <string>

namespace aftershock::study {

namespace {

std::string iso(calendar::Date date) {
  return calendar::format_iso(date);
}

std::string window_text(const events::Window& w) {
  return events::format_window(w);
}

std::size_t locate_day0(const series::Panel& panel, const StudyConfig& config) {
  const auto& cal = panel.calendar;
  if (cal.empty())
    throw Error("the market " + util::quote_for_message(config.market) + " has no dates",
                "check the market price file");
  if (config.event_date < cal.front())
    throw Error("event date " + iso(config.event_date) + " is before the first market date " +
                    iso(cal.front()),
                "choose an event inside the data or load a longer price history");
  if (config.event_date > cal.back())
    throw Error("event date " + iso(config.event_date) + " is after the last market date " +
                    iso(cal.back()),
                "choose an event inside the data or load a longer price history");
  const auto day0 = cal.locate(config.event_date, config.policy);
  if (!day0)
    throw Error("event date " + iso(config.event_date) +
                    " is not a trading day of the market calendar and the non-trading-day "
                    "policy is " +
                    std::string(calendar::policy_name(config.policy)),
                "use the policy next or previous, or give a trading day");
  return *day0;
}

// Throws when `window` does not fit the calendar around day 0.
void check_inside(const series::Panel& panel, std::size_t day0, const events::Window& window,
                  const char* what) {
  const auto& cal = panel.calendar;
  const long long first = static_cast<long long>(day0) + window.first;
  const long long last = static_cast<long long>(day0) + window.last;
  if (first < 0)
    throw Error(std::string(what) + " " + window_text(window) +
                    " starts before the first market date " + iso(cal.front()) + ": day " +
                    std::to_string(window.first) + " would be " + std::to_string(-first) +
                    " trading day(s) before it (day 0 is " + iso(cal.at(day0)) + ")",
                "shorten the window or load a longer price history");
  if (last >= static_cast<long long>(cal.size()))
    throw Error(std::string(what) + " " + window_text(window) +
                    " ends after the last market date " + iso(cal.back()) + ": day " +
                    std::to_string(window.last) + " would be " +
                    std::to_string(last - static_cast<long long>(cal.size()) + 1) +
                    " trading day(s) after it (day 0 is " + iso(cal.at(day0)) + ")",
                "shorten the window or load a longer price history");
}

} // namespace

MarketReturns market_returns_of(const series::Panel& panel, const StudyConfig& config) {
  const series::PanelColumn* market = panel.find(config.market);
  if (market == nullptr)
    return nullptr;
  const auto prices = series::select_prices(*market, config.basis).prices;
  return std::make_shared<const std::vector<double>>(
      series::compute_returns(prices, config.returns, config.gaps));
}

TickerIndex::TickerIndex(const series::Panel& panel, const series::SharesTable* shares) {
  m_columns.reserve(panel.columns.size());
  for (const auto& column : panel.columns)
    m_columns.emplace(column.ticker, &column); // emplace keeps the first, as Panel::find
  if (shares != nullptr) {
    m_shares.reserve(shares->records.size());
    for (const auto& record : shares->records)
      m_shares.emplace(record.ticker, &record);
  }
}

const series::PanelColumn* TickerIndex::column(std::string_view ticker) const {
  const auto found = m_columns.find(ticker);
  return found == m_columns.end() ? nullptr : found->second;
}

const series::SharesRecord* TickerIndex::shares(std::string_view ticker) const {
  const auto found = m_shares.find(ticker);
  return found == m_shares.end() ? nullptr : found->second;
}

MarketFrames market_frames(const std::map<std::string, MarketData>& markets,
                           const series::SharesTable* shares, const StudyConfig& config) {
  MarketFrames frames;
  StudyConfig cfg = config;
  for (const auto& [name, data] : markets) {
    cfg.market = name;
    frames.emplace(
        name, MarketFrame{market_returns_of(data.panel, cfg), TickerIndex(data.panel, shares)});
  }
  return frames;
}

EventFrame locate_event_frame(const series::Panel& panel, const StudyConfig& config,
                              const series::PanelColumn* market) {
  if (market == nullptr)
    market = panel.find(config.market);
  if (market == nullptr)
    throw Error("market " + util::quote_for_message(config.market) + " is not in the data",
                "pass --market with a ticker of the loaded data, e.g. SPY");
  if (config.estimation.first > config.estimation.last ||
      config.event_window.first > config.event_window.last)
    throw Error("window ends are reversed: estimation " + window_text(config.estimation) +
                    ", event " + window_text(config.event_window),
                "write windows as A:B with A <= B");
  if (config.estimation.overlaps(config.event_window))
    throw Error("estimation window " + window_text(config.estimation) +
                    " overlaps the event window " + window_text(config.event_window),
                "end the estimation window before the event window, e.g. --estimation=-260:-11");
  if (config.min_estimation < 1)
    throw Error("minimum estimation returns " + std::to_string(config.min_estimation) +
                    " is below 1",
                "use --min-estimation with a positive count");

  EventFrame frame;
  frame.day0 = locate_day0(panel, config);
  check_inside(panel, frame.day0, config.estimation, "estimation window");
  // The event window needs day t1-1 for its first return and for MV(t1-1).
  check_inside(panel, frame.day0, {config.event_window.first - 1, config.event_window.last},
               "event window (with the day before it)");
  frame.est_first = frame.index(config.estimation.first);
  frame.est_last = frame.index(config.estimation.last);
  frame.evt_first = frame.index(config.event_window.first);
  frame.evt_last = frame.index(config.event_window.last);

  frame.car_windows = config.car_windows;
  for (const auto& w : frame.car_windows)
    if (w.first > w.last || !config.event_window.contains(w))
      throw Error("CAR window " + window_text(w) + " is not inside the event window " +
                      window_text(config.event_window),
                  "give --car-window inside --window");
  if (std::find(frame.car_windows.begin(), frame.car_windows.end(), config.event_window) ==
      frame.car_windows.end())
    frame.car_windows.push_back(config.event_window);
  return frame;
}

EventFrame make_event_frame(const series::Panel& panel, const StudyConfig& config,
                            const MarketReturns& shared) {
  EventFrame frame = locate_event_frame(panel, config);
  frame.market_storage = shared ? shared : market_returns_of(panel, config);
  frame.market_returns = *frame.market_storage;
  return frame;
}

} // namespace aftershock::study
