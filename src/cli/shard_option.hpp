#pragma once
// Which shard `study --events` computes: --shard K/N, or the task of a Slurm or SGE array job.

#include <aftershock/study/shard.hpp>

#include <boost/program_options/variables_map.hpp>

#include <optional>

#include "command.hpp"

namespace aftershock::cli {

// --shard K/N, else the array job's task: Slurm (SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_COUNT,
// SLURM_ARRAY_TASK_MIN: K = ID - MIN + 1) or SGE (SGE_TASK_ID, SGE_TASK_FIRST, SGE_TASK_LAST:
// K = ID - FIRST + 1, N = LAST - FIRST + 1); nullopt when neither. A bad value or environment is
// a UsageError; unless `quiet`, a shard taken from the environment is noted on context.err.
std::optional<study::ShardSpec> shard_from(const boost::program_options::variables_map& map,
                                           CommandContext& context, bool quiet);

} // namespace aftershock::cli
