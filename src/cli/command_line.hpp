#pragma once
// The preamble every configurable subcommand shares: parse the words (positional words to one
// option), apply the configuration file, print --help, and turn every parse problem into a
// UsageError (see parse_command_options in arguments.hpp).

#include <boost/program_options.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "command.hpp"

namespace aftershock::cli {

// Whether a parse error names the command ("download: unknown option ...", with a hint to run
// its --help) or stands alone.
enum class ErrorNaming { plain, command_prefix };

// What a subcommand's command line looks like and how its --help reads.
struct CommandSyntax {
  std::string_view command; // the subcommand ("study"); also its configuration-file section
  const boost::program_options::options_description* options = nullptr; // the visible options
  // The option that takes the words that are not options ("" = none). When it is not among
  // `options`, it is added as a hidden repeatable string option.
  std::string_view positional;
  std::string_view usage;       // --help: the usage line (without its newline)
  std::string_view description; // --help: after a blank line, before the options ("" = none)
  std::string_view footer;      // --help: after the options
  ErrorNaming errors = ErrorNaming::plain;
};

// Parses `args` with parse_command_options. When --help was given, prints the usage line, the
// description, the options and the footer to context.out and returns nullopt (the command then
// exits 0); otherwise returns the values. Throws UsageError as parse_command_options does.
std::optional<boost::program_options::variables_map>
parse_command_line(const std::vector<std::string>& args, const CommandSyntax& syntax,
                   CommandContext& context);

} // namespace aftershock::cli
