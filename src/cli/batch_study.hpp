#pragma once
// `study --events FILE` (issue 5): the batch path of `aftershock study`, called by
// study_command.cpp once the shared options are parsed.

#include <aftershock/report/render.hpp>
#include <aftershock/sources/price_loader.hpp>
#include <aftershock/study/batch.hpp>
#include <aftershock/study/config.hpp>
#include <aftershock/study/shard.hpp>

#include <optional>
#include <string>
#include <vector>

#include "command.hpp"

namespace aftershock::cli {

struct BatchInputs {
  std::string events_file;
  std::string firm_data;            // --firm-data (ARC firm price file); "" = the sibling file
  std::string market_data;          // --market-data (ARC market price file); "" = the sibling file
  std::vector<std::string> data;    // --data paths (named-column layout), already resolved
  std::vector<std::string> factors; // --factors files
  std::string shares;               // --shares ("" = default next to --data, if present)
  std::string cache_panel;          // --cache-panel FILE ("" = none; one market only)
  std::string dropped;              // --dropped FILE ("" = none)
  std::string output;               // --output
  std::string chart;                // --chart FILE.svg ("" = none)
  bool strict = false;              // --strict: exit 3 when a firm-event was dropped
  bool quiet = false;
  bool jsonl = false; // --format jsonl (render_options.format is json then)
  study::BatchOptions options;
  // --shard K/N (or the array job's task): write a shard file instead of the report.
  std::optional<study::ShardSpec> shard;
};

// Reads the events file and its prices, runs the batch study, writes the report (and the
// --dropped CSV); returns the exit code (0, or 3 under --strict when a firm-event is not ok).
// With `inputs.shard`, computes that shard and writes its shard file (to --output or stdout).
int run_batch(const BatchInputs& inputs, study::StudyConfig config,
              const sources::LoadOptions& load_options, report::RenderOptions render_options,
              CommandContext& context);

// The --dropped CSV: one row per firm-event that is not ok (event_id, ticker, market,
// requested_date, event_date, group, line, status, reason), in result order.
std::string dropped_csv(const study::StudyResult& result);

} // namespace aftershock::cli
