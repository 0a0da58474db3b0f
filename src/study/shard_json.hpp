#pragma once
// Internal to study: the JSON form of the structs a shard file holds (shard.hpp), one
// to_json / from_json pair per struct. Doubles are written with round-trip precision (NaN and
// infinities as "nan", "inf", "-inf"), dates as ISO text, enums by their names (the names of
// the command line and the reports, e.g. "market", "log", "span", "holm", "wdatamissing").
// Readers throw aftershock::Error or nlohmann::json::exception on a malformed value; the file
// reader (shard_file.cpp) adds the file name.

#include <aftershock/events/firm_event.hpp>
#include <aftershock/study/batch.hpp>
#include <aftershock/study/config.hpp>
#include <aftershock/study/shard.hpp>

#include <nlohmann/json.hpp>

#include "batch_engine.hpp"

namespace aftershock::study::shard_json {

using Json = nlohmann::ordered_json;

// The pooled configuration and the overlap policy of a batch run.
Json config_json(const StudyConfig& config, OverlapPolicy overlap);
StudyConfig get_config(const Json& j);
OverlapPolicy get_overlap(const Json& config);

// One row of the events file.
Json row_json(const events::FirmEvent& event);
events::FirmEvent get_row(const Json& j);

// The per-firm-event quantities the aggregation reads.
Json computation_json(const FirmComputation& computation);
FirmComputation get_computation(const Json& j);

// The run's inputs and notes.
Json run_json(const ShardRunInfo& run);
ShardRunInfo get_run(const Json& j);

// A located firm-event's event window ([first, last] calendar indices and day 0); `index` is
// set by the caller.
Json span_json(const Span& span);
Span get_span(const Json& j, std::size_t index);

} // namespace aftershock::study::shard_json
