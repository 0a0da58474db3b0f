#pragma once
// The batch engine (study --events): many firm-events on different dates and markets, each
// studied on its own market's calendar, pooled in event time (AAR/CAAR and every test over the
// pooled cross-section), with a status per firm-event and optional group cross-sections.

#include <aftershock/events/firm_event.hpp>
#include <aftershock/models/design_model.hpp>
#include <aftershock/series/panel.hpp>
#include <aftershock/series/shares.hpp>
#include <aftershock/study/config.hpp>
#include <aftershock/study/result.hpp>

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace aftershock::study {

// What happens when two events of the same firm (ticker and market) have overlapping event
// windows (calendar dates).
enum class OverlapPolicy {
  error, // end the command naming both events
  warn,  // keep both, with a note per pair
  trim,  // keep the earlier event (by date, then id); the later gets status eventoverlap
};

// One market's data: its panel (calendar = the market's dates, every loaded series aligned to
// it) and its factor columns aligned to that calendar (may be absent).
struct MarketData {
  series::Panel panel;
  std::optional<models::FactorColumns> factors;
};

struct BatchOptions {
  OverlapPolicy overlap = OverlapPolicy::warn;
};

// Runs every firm-event of `events` with the defaults of `config` (market, windows, model,
// ...; a row's own market, windows and group win), on `markets` (keyed by market ticker).
// Per-firm-event problems become statuses (never exceptions): market or ticker not in the
// data, event or windows outside the calendar, estimation window not before the event window,
// too few estimation returns, no day-0 return, overlapping events under trim. Throws
// aftershock::Error when: the rows do not share one event window and estimation length (the
// pooled cross-section needs them; the message names the file line), a CAR window is outside
// the event window, two events overlap under OverlapPolicy::error, or no firm-event is ok.
// Firms are sorted by event id (numerically when every id is a whole number); the result has
// one EventResult (pooled = true) whose aggregate pools all ok firm-events.
StudyResult run_batch_study(const std::vector<events::FirmEvent>& events,
                            const std::map<std::string, MarketData>& markets,
                            const series::SharesTable* shares, const StudyConfig& config,
                            const BatchOptions& options);

// Receives finished firm-events in output order (run_batch_study_streaming).
using FirmSink = std::function<void(const std::vector<FirmResult>&)>;

// Receives, once before the first firm-event, what the result holds before its firms: config
// (tickers set), conventions and the one event's id, windows and market, as in the final
// result; no firms, aggregate or notes (streamed JSON writes its head from it).
using StudyStart = std::function<void(const StudyResult& head)>;

// run_batch_study for large batches: after the pre-pass (every overlap and trim decided), the
// firm-events are computed in output order (event id, then file order) in chunks of
// `chunk_size` (in parallel within a chunk), and each finished chunk goes to `sink` with its
// FirmResults exactly as run_batch_study lists them (event info and CAR paths set); afterwards
// only what the aggregation needs is kept per firm-event. Returns the result of
// run_batch_study with event.firms empty and event.streamed_firm_events = events.size().
// Throws as run_batch_study; "no ok firm-event" only at the end, after the sink has run.
// `start` (optional) runs after the pre-pass, before the first chunk.
StudyResult run_batch_study_streaming(const std::vector<events::FirmEvent>& events,
                                      const std::map<std::string, MarketData>& markets,
                                      const series::SharesTable* shares, const StudyConfig& config,
                                      const BatchOptions& options, const FirmSink& sink,
                                      std::size_t chunk_size = 1024, const StudyStart& start = {});

// The pooled layout run_batch_study reports for `events` (EventResult::event_window and
// ::estimation): the union of the rows' event windows, the longest estimation length ending at
// the latest end; the CAR windows with the union window appended. For renderers of streamed
// chunks, which show each firm-event's windows falling back to these. Throws aftershock::Error
// as run_batch_study does for an empty list, a CAR window outside the union or
// --min-estimation below 1.
StudyConfig pooled_batch_config(const std::vector<events::FirmEvent>& events,
                                const StudyConfig& config);

} // namespace aftershock::study
