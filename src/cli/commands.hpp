#pragma once
// The subcommands implemented in this folder, one file each (see run.cpp for the table).

#include <string>
#include <vector>

#include "command.hpp"

namespace aftershock::cli {

// `aftershock study`: an event study from price files (study_command.cpp).
int run_study(const std::vector<std::string>& args, CommandContext& context);

// `aftershock events`: the named events the tool knows (events_command.cpp).
int run_events(const std::vector<std::string>& args, CommandContext& context);

// Writes `text` to `--output` atomically when `output` is not empty, else to `context.out`.
void write_output(const std::string& text, const std::string& output, CommandContext& context);

} // namespace aftershock::cli
