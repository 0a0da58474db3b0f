#pragma once
// `aftershock download`: fetches daily prices from a quote API into CSV files the loader reads.
//
//   aftershock download --source yahoo|stooq|alphavantage TICKER... --from YYYY-MM-DD
//                       --to YYYY-MM-DD [--output DIR|FILE.csv] [--offline] [--refresh]
//                       [--cache-dir DIR] [--jobs N] [--quiet]
//
// Exit codes: 0 every ticker loaded; 1 nothing loaded; 3 some tickers failed (the others are
// written and each failure is listed on stderr with its reason); 2 usage errors.

#include <boost/program_options/options_description.hpp>

#include <string>
#include <vector>

#include "command.hpp"

namespace aftershock::cli {

// The options of `download` (for its parser, completion, the man page and the config file).
boost::program_options::options_description download_options();

// Runs the subcommand on the words after "download".
int run_download(const std::vector<std::string>& args, CommandContext& ctx);

} // namespace aftershock::cli
