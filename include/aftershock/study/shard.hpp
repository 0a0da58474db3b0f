#pragma once
// Sharded batch studies (issue 5): `study --events FILE --shard K/N` computes a deterministic
// 1/N of the firm-events and writes them, with every per-firm-event quantity the aggregation
// needs, to a shard file (JSON); `aftershock merge` reads the N shard files and runs the same
// aggregation and group code as one run, so it renders exactly what one run would have
// produced. File format: README.md ("Sharded runs").

#include <aftershock/events/firm_event.hpp>
#include <aftershock/series/shares.hpp>
#include <aftershock/study/batch.hpp>
#include <aftershock/study/config.hpp>
#include <aftershock/study/result.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aftershock::study {

// Shard K of N (1 <= K <= N): the firm-events at positions p of the id-sorted list with
// p % N == K - 1.
struct ShardSpec {
  int index = 1; // K
  int count = 1; // N
};

// "K/N" with whole numbers 1 <= K <= N <= 100000; nullopt otherwise.
std::optional<ShardSpec> parse_shard_spec(std::string_view text) noexcept;

// What the caller (the command line) records in a shard besides the engine's quantities, and
// gets back from the merge: the run's inputs echoed in reports and its notes (appended after
// the engine's notes, as a single run appends them).
struct ShardRunInfo {
  std::vector<std::string> data_paths;
  std::string shares_path;
  std::string date_format;
  std::string on_bad_row;
  std::vector<std::string> notes;
  friend bool operator==(const ShardRunInfo&, const ShardRunInfo&) = default;
};

// Computes the firm-events of shard `shard` of `events` (same arguments as run_batch_study)
// and returns the shard file text: format tag and version, the pooled configuration and
// overlap policy (enums by name), a fingerprint of the whole events list and one of the price
// data it studies (calendars, the studied columns, factors, share counts), K, N, and per
// firm-event its row, its position in the file and in the id order, and its full computation
// (doubles written with round-trip precision; NaN and infinities as "nan", "inf", "-inf").
// Throws aftershock::Error as run_batch_study does for the whole list (windows, CAR windows);
// per-firm-event problems are statuses. Never throws for a shard without an ok firm-event (the
// merge decides).
std::string run_batch_shard(const std::vector<events::FirmEvent>& events,
                            const std::map<std::string, MarketData>& markets,
                            const series::SharesTable* shares, const StudyConfig& config,
                            const BatchOptions& options, ShardSpec shard, const ShardRunInfo& run);

// One shard file: its name (for messages) and its text.
struct ShardText {
  std::string name;
  std::string text;
};

struct MergedShards {
  StudyResult result; // exactly what run_batch_study would return for the whole list
  ShardRunInfo run;
};

// Merges shard files. Throws aftershock::Error naming the file when a text is not a shard
// file of this version, when shards differ in either fingerprint (events list, price data),
// configuration, overlap policy, run
// inputs or N, when a shard K appears twice (naming both files) or is missing, or when the
// firm-events are not covered exactly once; and as run_batch_study (overlaps under error, no
// ok firm-event).
MergedShards merge_batch_shards(const std::vector<ShardText>& shards, std::size_t threads);

} // namespace aftershock::study
