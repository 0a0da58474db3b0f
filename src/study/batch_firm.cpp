// One firm-event of a batch (batch_plan.hpp, study_one): the single-date computation on the
// firm-event's own windows, padded to the pooled event-time layout (docs/batch.md, "Per-row
// windows").
#include <aftershock/calendar/date.hpp>
#include <aftershock/util/parse.hpp>

#include <algorithm>
#include <limits>

#include "batch_plan.hpp"
#include "event_frame.hpp"
#include "firm_study.hpp"

namespace aftershock::study {
namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

FirmComputation failed(const std::string& ticker, FirmStatus status, std::string reason) {
  FirmComputation out;
  out.result.ticker = ticker;
  out.result.status = status;
  out.result.reason = std::move(reason);
  out.result.fit.sigma = k_nan;
  out.result.fit.r2 = k_nan;
  out.result.market_cap_before = k_nan;
  return out;
}

DayRow missing_day(int offset, std::optional<calendar::Date> date) {
  DayRow row;
  row.offset = offset;
  row.date = date;
  row.firm_return = row.market_return = row.expected_return = k_nan;
  row.abnormal_return = row.se = row.t = k_nan;
  return row;
}

CarRow missing_car(const events::Window& window) {
  CarRow row;
  row.window = window;
  row.car = row.se = row.t = row.p_value = row.bhar = k_nan;
  row.market_cap_change = row.abnormal_dollar_change = row.normal_dollar_change = k_nan;
  row.abnormal_dollar_se = row.abnormal_dollar_t = k_nan;
  row.abnormal_dollar_ci_low = row.abnormal_dollar_ci_high = k_nan;
  return row;
}

// Pads `c` (computed on the firm-event's own windows; `own_cars` = its CAR windows) to the
// pooled layout: a day outside its own event window is missing (like a missing AR), a pooled
// CAR window its window does not contain is missing, and the estimation series are aligned on
// the last estimation day, the missing start being missing (Brown & Warner 1985 event time).
// Equal windows leave `c` unchanged.
void pad_to_pooled(FirmComputation& c, const PlannedEvent& plan, const StudyConfig& pooled,
                   const std::vector<events::Window>& own_cars, const EventFrame& frame,
                   const calendar::TradingCalendar& cal) {
  const auto& own = plan.event_window;
  const auto& all = pooled.event_window;
  const bool same_days = own == all;
  const bool same_estimation = plan.estimation.length() == pooled.estimation.length();
  if (!same_days && c.result.days.size() == static_cast<std::size_t>(own.length())) {
    std::vector<DayRow> days;
    std::vector<double> standardized;
    for (int offset = all.first; offset <= all.last; ++offset) {
      if (own.contains(offset)) {
        const auto j = static_cast<std::size_t>(offset - own.first);
        days.push_back(c.result.days[j]);
        standardized.push_back(j < c.standardized.size() ? c.standardized[j] : k_nan);
        continue;
      }
      const long long index = static_cast<long long>(frame.day0) + offset;
      days.push_back(missing_day(offset, index >= 0 && index < static_cast<long long>(cal.size())
                                             ? cal.at(static_cast<std::size_t>(index))
                                             : std::optional<calendar::Date>{}));
      standardized.push_back(k_nan);
    }
    c.result.days = std::move(days);
    c.standardized = std::move(standardized);
  }
  if (own_cars != pooled.car_windows && c.result.cars.size() == own_cars.size()) {
    std::vector<CarRow> cars;
    std::vector<double> scar;
    std::vector<double> market_cap;
    for (const auto& w : pooled.car_windows) {
      const auto it = std::find(own_cars.begin(), own_cars.end(), w);
      const auto j = static_cast<std::size_t>(it - own_cars.begin());
      const bool present = it != own_cars.end();
      cars.push_back(present ? c.result.cars[j] : missing_car(w));
      scar.push_back(present && j < c.scar.size() ? c.scar[j] : k_nan);
      market_cap.push_back(
          present && j < c.window_market_cap_before.size() ? c.window_market_cap_before[j] : k_nan);
    }
    c.result.cars = std::move(cars);
    c.scar = std::move(scar);
    c.window_market_cap_before = std::move(market_cap);
  }
  const auto n_est = static_cast<std::size_t>(pooled.estimation.length());
  const auto own_est = static_cast<std::size_t>(plan.estimation.length());
  if (!same_estimation && own_est < n_est) {
    if (c.residuals.size() == own_est)
      c.residuals.pad_front(n_est - own_est);
    if (c.estimation_market.size() == own_est)
      c.estimation_market.pad_front(n_est - own_est);
  }
  // Lamb's market series: firm-events of one market and day 0 share a series; with other
  // windows their padded days differ, so they count as separate (equal where both have a value).
  if (!same_days || !same_estimation)
    c.market_key += "|" + events::format_window(own) + "|" + events::format_window(plan.estimation);
}

} // namespace

FirmComputation study_one(const events::FirmEvent& e, const PlannedEvent& plan,
                          const std::map<std::string, MarketData>& markets,
                          const series::SharesTable* shares, const StudyConfig& pooled,
                          const MarketFrames* frames) {
  if (plan.status != FirmStatus::ok || !plan.span)
    return failed(e.ticker, plan.status == FirmStatus::ok ? FirmStatus::event_outside : plan.status,
                  plan.reason);
  // The firm-event's configuration, in per-thread storage whose strings and vectors keep their
  // buffers from one firm-event to the next (issue 6: a fresh copy was several heap blocks).
  thread_local StudyConfig cfg;
  cfg = pooled;
  cfg.event_id = e.id;
  cfg.event_date = e.date;
  cfg.market = plan.market;
  cfg.event_window = plan.event_window;
  cfg.estimation = plan.estimation;
  cfg.tickers = {e.ticker};
  cfg.car_windows.clear();
  for (const auto& w : pooled.car_windows)
    if (plan.event_window.contains(w))
      cfg.car_windows.push_back(w);
  const auto& market = markets.at(plan.market);
  const auto& panel = market.panel;
  cfg.factors = market.factors ? &*market.factors : nullptr;
  const MarketFrame* shared = nullptr;
  if (frames != nullptr)
    if (const auto found = frames->find(cfg.market); found != frames->end())
      shared = &found->second;
  // Located by the plan: does not throw.
  const EventFrame frame =
      make_event_frame(panel, cfg, shared != nullptr ? shared->returns : nullptr);
  const models::Design design({cfg.model, cfg.dimson_lags}, cfg.factors);
  auto out = study_firm(panel, shares, cfg, frame, design, e.ticker,
                        shared != nullptr ? &shared->index : nullptr);
  pad_to_pooled(out, plan, pooled, frame.car_windows, frame, panel.calendar);
  return out;
}

} // namespace aftershock::study
