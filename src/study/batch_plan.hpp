#pragma once
// Internal to study: the pre-pass of the batch engine (issue 5). Before any return is
// computed, every firm-event gets its market, effective day 0, its own event and estimation
// windows (per-row columns, falling back to the command line), their calendar positions, and
// the statuses that need no returns; overlapping events of one firm are resolved here
// (--overlap error|warn|trim), so they are known before the first firm-event is computed
// (streaming output, run_batch_study).

#include <aftershock/events/firm_event.hpp>
#include <aftershock/study/batch.hpp>
#include <aftershock/study/config.hpp>
#include <aftershock/study/result.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "batch_engine.hpp"
#include "firm_study.hpp"

namespace aftershock::study {

// One firm-event after the pre-pass.
struct PlannedEvent {
  std::string market;                 // the row's market, else the command line's
  events::Window event_window;        // its own event window (offsets; after --overlap trim)
  events::Window estimation;          // its own estimation window (offsets)
  FirmStatus status = FirmStatus::ok; // a status that needs no returns; ok = compute it
  std::string reason;                 // empty when ok
  std::optional<Span> span;           // set when located on its market's calendar
};

struct BatchPlan {
  // The pooled layout (see pool_config): the union of the rows' event windows, the longest
  // estimation length, the CAR windows (the union window appended).
  StudyConfig pooled;
  std::vector<PlannedEvent> rows; // parallel to the events, file order
  std::vector<std::size_t> order; // the events' positions in output order (id_order)
  std::vector<std::string> notes; // one per overlap (warn) or trim, in a deterministic order
};

// The pre-pass over the whole list (needs the markets' calendars, never their returns).
// Throws aftershock::Error as pool_config, and when two events of one firm overlap under
// OverlapPolicy::error (naming both).
BatchPlan plan_batch(const std::vector<events::FirmEvent>& events,
                     const std::map<std::string, MarketData>& markets, const StudyConfig& config,
                     OverlapPolicy overlap);

// One firm-event under its plan row (a pure function of its inputs). A planned status is
// returned as a failed computation. Otherwise the firm-event is studied on its own windows (its
// CAR windows: the pooled ones inside its event window) and padded to the pooled layout: days
// and standardized ARs over the union window (missing outside its own window), one CAR per
// pooled CAR window (missing when its window does not contain it), estimation residuals and
// market returns aligned on the last estimation day (missing at the start). `frames`
// (optional): market_frames(markets, shares, pooled), built once before the loop so the market
// returns and ticker lookups are shared by every firm-event.
FirmComputation study_one(const events::FirmEvent& e, const PlannedEvent& plan,
                          const std::map<std::string, MarketData>& markets,
                          const series::SharesTable* shares, const StudyConfig& pooled,
                          const MarketFrames* frames = nullptr);

} // namespace aftershock::study
