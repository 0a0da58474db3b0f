// `study --events --shard K/N` and `aftershock merge` (issue 5, "Batch input"): which
// firm-events a shard computes, and the merge's checks that the shards are the complete, disjoint
// output of one run on one events list and one set of prices, before it calls assemble_batch,
// the code a single run calls. The file format is in shard_file.cpp and shard_json.cpp.
#include <aftershock/study/shard.hpp>
#include <aftershock/util/error.hpp>
#include <aftershock/util/parallel_for.hpp>
#include <aftershock/util/parse.hpp>

#include <fmt/format.h>

#include "batch_engine.hpp"
#include "batch_plan.hpp"
#include "shard_file.hpp"
#include "shard_json.hpp"

namespace aftershock::study {

std::optional<ShardSpec> parse_shard_spec(std::string_view text) noexcept {
  const auto slash = text.find('/');
  if (slash == std::string_view::npos)
    return std::nullopt;
  const auto k = util::parse_int(text.substr(0, slash));
  const auto n = util::parse_int(text.substr(slash + 1));
  if (!k || !n || *n < 1 || *n > 100000 || *k < 1 || *k > *n)
    return std::nullopt;
  return ShardSpec{static_cast<int>(*k), static_cast<int>(*n)};
}

std::string run_batch_shard(const std::vector<events::FirmEvent>& events,
                            const std::map<std::string, MarketData>& markets,
                            const series::SharesTable* shares, const StudyConfig& config,
                            const BatchOptions& options, ShardSpec shard, const ShardRunInfo& run) {
  // The pre-pass over the whole list (overlaps may pair firm-events of different shards).
  const BatchPlan plan = plan_batch(events, markets, config, options.overlap);
  const StudyConfig& pooled = plan.pooled;
  const auto order = id_order(events);
  const auto n = static_cast<std::size_t>(shard.count);
  std::vector<std::size_t> mine; // positions in the file, in id order
  for (std::size_t p = 0; p < order.size(); ++p)
    if (p % n == static_cast<std::size_t>(shard.index - 1))
      mine.push_back(order[p]);
  std::vector<FirmComputation> computations(mine.size());
  const MarketFrames frames = market_frames(markets, shares, pooled); // once per market
  util::parallel_for(mine.size(), pooled.threads, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i)
      computations[i] =
          study_one(events[mine[i]], plan.rows[mine[i]], markets, shares, pooled, &frames);
  });
  ParsedShard out;
  out.fingerprint = events_fingerprint(events);
  out.data_fingerprint = data_fingerprint(events, markets, shares, pooled);
  out.index = shard.index;
  out.count = shard.count;
  out.n_firm_events = events.size();
  out.config = shard_json::config_json(pooled, options.overlap);
  out.plan_notes = plan.notes;
  out.run = run;
  for (std::size_t i = 0; i < mine.size(); ++i)
    out.entries.push_back(
        {mine[i], events[mine[i]], std::move(computations[i]), plan.rows[mine[i]].span});
  return write_shard_file(out);
}

MergedShards merge_batch_shards(const std::vector<ShardText>& shards, std::size_t threads) {
  if (shards.empty())
    throw Error("no shard files to merge", "give the files of every shard K/N");
  std::vector<ParsedShard> parsed;
  parsed.reserve(shards.size());
  for (const auto& s : shards)
    parsed.push_back(read_shard_file(s));
  const auto& first = parsed.front();
  std::vector<const ParsedShard*> by_index(static_cast<std::size_t>(first.count), nullptr);
  for (const auto& p : parsed) {
    const auto differs = [&](std::string_view what) {
      return Error(fmt::format("shard files {} and {} differ in {}: they are not shards of one run",
                               util::quote_for_message(first.name), util::quote_for_message(p.name),
                               what),
                   "merge the shards of one 'study --events FILE --shard K/N' run (same file, "
                   "same options, same N)");
    };
    if (p.fingerprint != first.fingerprint)
      throw differs("the events list (fingerprint " + p.fingerprint + " vs " + first.fingerprint +
                    ")");
    if (p.data_fingerprint != first.data_fingerprint)
      throw differs("the price data or share counts (data fingerprint " + p.data_fingerprint +
                    " vs " + first.data_fingerprint + ")");
    if (p.count != first.count || p.n_firm_events != first.n_firm_events)
      throw differs(fmt::format("N ({} vs {})", p.count, first.count));
    const auto tests = [](const ParsedShard& s) {
      const auto found = s.config.find("tests");
      return found == s.config.end() ? std::string("all") : found->dump();
    };
    if (tests(p) != tests(first))
      throw differs("the selected tests (--tests: " + tests(p) + " vs " + tests(first) + ")");
    if (p.config != first.config || p.plan_notes != first.plan_notes)
      throw differs("the study options");
    if (!(p.run == first.run))
      throw differs("the input files or their notes");
    auto& slot = by_index[static_cast<std::size_t>(p.index - 1)];
    if (slot != nullptr)
      throw Error(fmt::format("shard {}/{} is given twice: {} and {}", p.index, p.count,
                              util::quote_for_message(slot->name), util::quote_for_message(p.name)),
                  "give each shard file once");
    slot = &p;
  }
  for (std::size_t k = 0; k < by_index.size(); ++k)
    if (by_index[k] == nullptr)
      throw Error(fmt::format("shard {}/{} is missing ({} of {} shard files given)", k + 1,
                              first.count, parsed.size(), first.count),
                  "give the files of every shard 1/N ... N/N");

  const std::size_t total = first.n_firm_events;
  std::vector<events::FirmEvent> events(total);
  std::vector<FirmComputation> computations(total);
  std::vector<std::optional<Span>> spans(total);
  std::vector<const ParsedShard*> owner(total, nullptr);
  for (auto& p : parsed)
    for (auto& entry : p.entries) {
      if (entry.position >= total)
        throw Error(fmt::format("{}: firm-event position {} is outside the {} firm-events",
                                util::quote_for_message(p.name), entry.position, total),
                    "the shard file is damaged; run its shard again");
      if (owner[entry.position] != nullptr)
        throw Error(fmt::format("firm-event {} is in both {} and {}",
                                util::quote_for_message(entry.row.id),
                                util::quote_for_message(owner[entry.position]->name),
                                util::quote_for_message(p.name)),
                    "the shard files are damaged; run their shards again");
      owner[entry.position] = &p;
      events[entry.position] = std::move(entry.row);
      computations[entry.position] = std::move(entry.computation);
      spans[entry.position] = entry.span;
    }
  for (std::size_t i = 0; i < total; ++i)
    if (owner[i] == nullptr)
      throw Error(fmt::format("firm-event at position {} of the events file is in no shard", i + 1),
                  "the shard files are damaged; run their shards again");
  if (events_fingerprint(events) != first.fingerprint)
    throw Error("the firm-events of the shard files do not match their fingerprint",
                "the shard files are damaged; run their shards again");
  // Every shard holds exactly its positions of the id order.
  const auto order = id_order(events);
  for (std::size_t p = 0; p < order.size(); ++p) {
    const auto expected = static_cast<int>(p % static_cast<std::size_t>(first.count)) + 1;
    if (owner[order[p]]->index != expected)
      throw Error(fmt::format("{} holds firm-event {}, which belongs to shard {}/{}",
                              util::quote_for_message(owner[order[p]]->name),
                              util::quote_for_message(events[order[p]].id), expected, first.count),
                  "the shard files are damaged; run their shards again");
  }

  StudyConfig pooled = shard_json::get_config(first.config);
  pooled.threads = threads;
  MergedShards merged;
  merged.result =
      assemble_batch(events, std::move(computations), std::move(spans), pooled, first.plan_notes);
  merged.run = first.run;
  return merged;
}

} // namespace aftershock::study
