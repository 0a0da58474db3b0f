// `study --events --shard K/N`, or the shard from an array job's environment (Slurm, SGE).
#include "shard_option.hpp"

#include <aftershock/util/error.hpp>
#include <aftershock/util/parse.hpp>

#include <fmt/format.h>

#include <ostream>

#include "arguments.hpp"

namespace aftershock::cli {

namespace po = boost::program_options;

namespace {

// A whole number from the environment; nullopt when unset, empty or "undefined" (SGE sets
// SGE_TASK_ID=undefined outside array jobs).
std::optional<long long> env_number(const CommandContext& context, std::string_view name) {
  if (!context.getenv)
    return std::nullopt;
  const auto text = context.getenv(name);
  if (text.empty() || text == "undefined")
    return std::nullopt;
  const auto value = util::parse_int(text);
  if (!value)
    throw UsageError(fmt::format("environment variable {}={} is not a whole number", name,
                                 util::quote_for_message(text)),
                     "unset it, or pass --shard K/N");
  return value;
}

} // namespace

std::optional<study::ShardSpec> shard_from(const po::variables_map& map, CommandContext& context,
                                           bool quiet) {
  if (const auto text = get_string(map, "shard")) {
    const auto spec = study::parse_shard_spec(*text);
    if (!spec)
      bad_value("shard", *text, "expected K/N with whole numbers 1 <= K <= N, e.g. 2/4");
    return spec;
  }
  std::optional<long long> k;
  std::optional<long long> n;
  std::string_view origin;
  if (const auto id = env_number(context, "SLURM_ARRAY_TASK_ID")) {
    const auto count = env_number(context, "SLURM_ARRAY_TASK_COUNT");
    if (!count)
      return std::nullopt; // not an array job
    k = *id - env_number(context, "SLURM_ARRAY_TASK_MIN").value_or(1) + 1;
    n = count;
    origin = "SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT";
  } else if (const auto sge = env_number(context, "SGE_TASK_ID")) {
    const auto last = env_number(context, "SGE_TASK_LAST");
    if (!last)
      throw UsageError("SGE_TASK_ID is set but SGE_TASK_LAST is not",
                       "pass --shard K/N, or submit an array job (qsub -t 1-N)");
    const auto first = env_number(context, "SGE_TASK_FIRST").value_or(1);
    k = *sge - first + 1;
    n = *last - first + 1;
    origin = "SGE_TASK_ID/SGE_TASK_LAST";
  } else {
    return std::nullopt;
  }
  const auto text = fmt::format("{}/{}", *k, *n);
  const auto spec = study::parse_shard_spec(text);
  if (!spec)
    throw UsageError(fmt::format("shard {} from {} is not valid", text, origin),
                     "number the array tasks consecutively (e.g. --array=1-4), or pass --shard "
                     "K/N");
  if (!quiet)
    context.err << "aftershock: note: shard " << text << " (from " << origin << ")\n";
  return spec;
}

} // namespace aftershock::cli
