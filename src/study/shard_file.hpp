#pragma once
// Internal to study: the shard file (shard.hpp) as a whole: its format tag and version, the
// fingerprints of the events list and of the price data a run studied, writing the file and
// reading it back. The merge validation is in shard.cpp.

#include <aftershock/events/firm_event.hpp>
#include <aftershock/series/shares.hpp>
#include <aftershock/study/batch.hpp>
#include <aftershock/study/config.hpp>
#include <aftershock/study/shard.hpp>

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "batch_engine.hpp"
#include "shard_json.hpp"

namespace aftershock::study {

// The "format" tag and the version of the shard files this build writes and reads. Version 2:
// enums by name, dates as ISO text, and the data fingerprint (version 1 stored numeric codes).
inline constexpr std::string_view k_shard_format = "aftershock-shard";
inline constexpr int k_shard_version = 2;

// FNV-1a (64 bit) of the rows of the whole events list in file order ("fnv1a64:<16 hex>"):
// shards of different events files (or of one file edited between the runs) are refused.
std::string events_fingerprint(const std::vector<events::FirmEvent>& events);

// FNV-1a (64 bit) of the price data the run studies: per market (in key order) its calendar,
// and the close and adj_close columns of the market and of every ticker the events list studies
// on it (bit patterns, so NaN gaps count), its factor columns, and the share counts of those
// tickers. Every shard of one run hashes the same data, whichever firm-events it computes, so
// a merge refuses shards computed on prices (or share counts) that changed between the runs.
std::string data_fingerprint(const std::vector<events::FirmEvent>& events,
                             const std::map<std::string, MarketData>& markets,
                             const series::SharesTable* shares, const StudyConfig& pooled);

// One computed firm-event of a shard.
struct ShardEntry {
  std::size_t position = 0; // in the events file
  events::FirmEvent row;
  FirmComputation computation;
  std::optional<Span> span;
};

// A shard file's content.
struct ParsedShard {
  std::string name; // for messages
  std::string fingerprint;
  std::string data_fingerprint;
  int index = 0;
  int count = 0;
  std::size_t n_firm_events = 0;
  shard_json::Json config;             // pooled configuration and overlap policy (compared as JSON)
  std::vector<std::string> plan_notes; // the overlap notes of the pre-pass over the whole list
  ShardRunInfo run;
  std::vector<ShardEntry> entries;
};

// The shard file text of `shard` (one JSON object and a newline).
std::string write_shard_file(const ParsedShard& shard);

// Reads a shard file; throws aftershock::Error naming the file when it is not a shard file,
// is of another version (naming both versions), or has a malformed or out-of-range value.
ParsedShard read_shard_file(const ShardText& shard);

} // namespace aftershock::study
