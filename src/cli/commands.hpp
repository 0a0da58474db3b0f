#pragma once
// The subcommands implemented in this folder, one file each (see run.cpp for the table).

#include <boost/program_options/options_description.hpp>

#include <span>
#include <string>
#include <vector>

#include "command.hpp"

namespace aftershock::cli {

// `aftershock study`: an event study from price files (study_command.cpp).
int run_study(const std::vector<std::string>& args, CommandContext& context);

// The options of `study` (its parser, completion, the man page and the config file).
boost::program_options::options_description study_options();

// `aftershock events`: the named events the tool knows (events_command.cpp).
int run_events(const std::vector<std::string>& args, CommandContext& context);

// The options of `events`.
boost::program_options::options_description events_options();

// `aftershock report RESULT.json`: re-renders a saved JSON result (report_command.cpp).
int run_report(const std::vector<std::string>& args, CommandContext& context);

// The options of `report`.
boost::program_options::options_description report_options();

// `aftershock merge SHARD...`: merges the shard files of `study --events --shard K/N` into one
// report (merge_command.cpp).
int run_merge(const std::vector<std::string>& args, CommandContext& context);

// The options of `merge`.
boost::program_options::options_description merge_options();

// `aftershock completion bash|zsh`: a shell completion script (completion.cpp).
int run_completion(const std::vector<std::string>& args, CommandContext& context);

// The roff man page: every command with its usage line and every option (man_page.cpp).
std::string man_page();

// `aftershock man`: prints man_page().
int run_man(const std::vector<std::string>& args, CommandContext& context);

// Every subcommand, in the order of `aftershock --help` (the table in run.cpp).
std::span<const Command> command_list();

// Writes `text` to `--output` atomically when `output` is not empty, else to `context.out`.
void write_output(const std::string& text, const std::string& output, CommandContext& context);

} // namespace aftershock::cli
