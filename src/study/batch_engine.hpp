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
  // The firm-event's own windows (offsets; the event window after --overlap trim).
  events::Window event_window;
  events::Window estimation;
};

// The configuration the firm-events are pooled under (docs/batch.md, "Per-row windows"): the
// union of the rows' event windows (each row's own window, else config.event_window), an
// estimation window of the longest row length ending at the latest row end (the estimation
// series are aligned on each row's own last estimation day), the validated CAR windows with the
// union window appended. Throws aftershock::Error as run_batch_study documents (empty list, a
// CAR window outside the union window, --min-estimation below 1).
StudyConfig pool_config(const std::vector<events::FirmEvent>& events, const StudyConfig& config);

// Positions of `events` in output order: by event id (numerically when both ids are whole
// numbers), then file order.
std::vector<std::size_t> id_order(const std::vector<events::FirmEvent>& events);

// Everything after the per-firm-event computations (parallel to `events`, in file order): output
// order, the pooled aggregate, groups, notes (`plan_notes`, the pre-pass's overlap notes, come
// after the engine's). Throws as run_batch_study (no ok firm-event).
StudyResult assemble_batch(const std::vector<events::FirmEvent>& events,
                           std::vector<FirmComputation> computations,
                           std::vector<std::optional<Span>> event_spans, const StudyConfig& pooled,
                           const std::vector<std::string>& plan_notes);

} // namespace aftershock::study
