#pragma once
// Internal to study: the phases of the batch engine (batch.cpp), shared by run_batch_study and
// the shard / merge path (shard.cpp), so that a merge of shards runs the same code as one run.

#include <aftershock/calendar/date.hpp>
#include <aftershock/events/firm_event.hpp>
#include <aftershock/series/shares.hpp>
#include <aftershock/study/batch.hpp>
#include <aftershock/study/config.hpp>
#include <aftershock/study/result.hpp>

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "event_frame.hpp"
#include "firm_study.hpp"

namespace aftershock::study {

// Where a located firm-event's event window lies on its market's calendar.
struct Span {
  std::size_t index = 0; // into the computations
  std::size_t first = 0; // calendar indices of the event window
  std::size_t last = 0;
  calendar::Date day0{}; // effective day 0
};

// The configuration the firm-events are pooled under: the common event window and estimation
// window (from the first row), the validated CAR windows with the event window appended.
// Throws aftershock::Error as run_batch_study documents (empty list, differing windows, CAR
// window outside the event window).
StudyConfig pool_config(const std::vector<events::FirmEvent>& events, const StudyConfig& config);

// One firm-event under `pooled` (a pure function of its inputs); `span` is set when the event
// was located on its market's calendar. `frames` (optional): market_frames(markets, shares,
// pooled),
// built once before the loop so the market returns are not recomputed per firm-event.
FirmComputation study_one(const events::FirmEvent& e,
                          const std::map<std::string, MarketData>& markets,
                          const series::SharesTable* shares, StudyConfig pooled,
                          std::optional<Span>& span, const MarketFrames* frames = nullptr);

// Positions of `events` in output order: by event id (numerically when both ids are whole
// numbers), then file order.
std::vector<std::size_t> id_order(const std::vector<events::FirmEvent>& events);

// Everything after the per-firm-event computations (parallel to `events`, in file order):
// overlaps, output order, the pooled aggregate, groups, notes. Throws as run_batch_study.
StudyResult assemble_batch(const std::vector<events::FirmEvent>& events,
                           std::vector<FirmComputation> computations,
                           std::vector<std::optional<Span>> event_spans, const StudyConfig& pooled,
                           const BatchOptions& options);

} // namespace aftershock::study
