#pragma once
// `aftershock inspect FILE... [--date-format F] [-d D] [--format text|json]`: shows what the CSV
// sniffer and the price-layout detection found in each file, and any row that would fail.

#include <boost/program_options/options_description.hpp>

#include <string>
#include <vector>

#include "command.hpp"

namespace aftershock::cli {

// Runs `inspect` with the words after the subcommand name. Writes the description to
// context.out and returns 0; throws UsageError for bad options and Error for unreadable files.
// The options of `inspect` (for its parser, completion and the man page).
boost::program_options::options_description inspect_options();

int run_inspect(const std::vector<std::string>& args, CommandContext& context);

} // namespace aftershock::cli
