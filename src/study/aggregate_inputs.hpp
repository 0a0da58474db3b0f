#pragma once
// Internal to study: the inputs the pooled aggregate builds from the firm-events before its
// tests (aggregate.cpp): the firm-major AR panel of the rank / sign tests, the days x firms
// residual matrix, and the market series in event time.

#include <aftershock/calendar/date.hpp>
#include <aftershock/events/window.hpp>
#include <aftershock/stats/ar_panel.hpp>

#include <cstddef>
#include <memory>
#include <span>
#include <vector>

#include "firm_study.hpp"

namespace aftershock::study::detail {

// The AR panel of the rank / sign tests (design/methods.md T8-T13): the estimation rows (the
// firms' estimation residuals) followed by `event_offsets` event days, firms in `ok` order,
// firm-major (stats::PanelLayout::firms_by_days: each firm's days are adjacent, so the per-firm
// sorts and medians read contiguous memory; issue 6).
// Missing ARs stay NaN: each firm is ranked over its own non-missing ARs (never shifting
// another firm's ranks).
// When the ok firm-events' rows already form this panel in a PanelRows block (a streamed
// batch, residual_store.hpp) the panel is that block, shared, not a copy. Otherwise the values
// are allocated without initialisation and every entry is written by the parallel fill, so the
// pages are first touched by the threads (not once more serially).
struct OwnedPanel {
  std::shared_ptr<const double> values;
  std::vector<std::size_t> event_rows;
  std::size_t n_days = 0;
  std::size_t n_firms = 0;
  [[nodiscard]] std::span<const double> span() const { return {values.get(), n_days * n_firms}; }
  [[nodiscard]] stats::ArPanel view() const {
    return {span(), n_days, n_firms, event_rows, stats::PanelLayout::firms_by_days};
  }
};

// The panel of the ok firm-events: n_est estimation rows (their residuals) then the event
// window's days (their ARs); filled in parallel over firms on `threads`.
OwnedPanel make_panel(const std::vector<const FirmComputation*>& ok, std::size_t n_est,
                      const events::Window& event_window, std::size_t threads);

// The estimation residuals of the firms ok[firms[k]] as a days x firms row-major matrix (the
std::vector<double> day_major_residuals(const std::vector<const FirmComputation*>& ok,
                                        std::span<const std::size_t> firms, std::size_t n_est);

// The market inputs of the aggregation in event time. Firm-events sharing a market key (same
// market, same day 0) share one series; distinct series are averaged day by day over those
// with a value (each counted once). With one key (a single-date study) the series is taken
// as is, so single-date numbers do not change.
struct EventTimeMarket {
  std::vector<double> estimation;    // per estimation day
  std::vector<double> event;         // per event-window day
  std::vector<calendar::Date> dates; // per event-window day (the first firm-event's)
  std::vector<bool> mixed_dates;     // per event-window day: firm-events on other dates too
};

// The EventTimeMarket of the ok firm-events over n_est estimation days and n_days event days.
EventTimeMarket event_time_market(const std::vector<const FirmComputation*>& ok, std::size_t n_est,
                                  int n_days);

} // namespace aftershock::study::detail
