#pragma once
// The shape every subcommand shares. A subcommand parses its own options (Boost.Program_options),
// runs, writes results to `out` and diagnostics to `err`, and returns an exit code. Errors that
// end it are thrown as aftershock::Error / aftershock::UsageError and caught in cli::run.

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace aftershock::cli {

struct CommandContext {
  std::ostream& out; // results (stdout)
  std::ostream& err; // diagnostics and progress (stderr)
  bool stdout_is_terminal = false;
  bool stderr_is_terminal = false;
  bool no_color = false; // NO_COLOR is set
  // Reads an environment variable; empty when unset. The only way commands see the env.
  std::string (*getenv)(std::string_view name) = nullptr;
};

// `args` are the words after the subcommand name.
using CommandFunction = int (*)(const std::vector<std::string>& args, CommandContext& context);

struct Command {
  std::string_view name;
  std::string_view summary; // one line for `aftershock --help`
  CommandFunction run;
  std::string_view usage; // the usage line printed with a usage error, e.g.
                          // "usage: aftershock study [options]"
};

} // namespace aftershock::cli
