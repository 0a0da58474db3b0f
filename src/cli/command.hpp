#pragma once
// The shape every subcommand shares. A subcommand parses its own options (Boost.Program_options),
// runs, writes results to `out` and diagnostics to `err`, and returns an exit code. Errors that
// end it are thrown as aftershock::Error / aftershock::UsageError and caught in cli::run.

#include <boost/program_options/options_description.hpp>

#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace aftershock::cli {

struct ConfigFile;

struct CommandContext {
  std::ostream& out; // results (stdout)
  std::ostream& err; // diagnostics and progress (stderr)
  bool stdout_is_terminal = false;
  bool stderr_is_terminal = false;
  bool no_color = false; // NO_COLOR is set
  // Reads an environment variable; empty when unset. The only way commands see the env. In
  // cli::run it falls back to the [keys] section of the configuration file.
  std::function<std::string(std::string_view name)> getenv = nullptr;
  // The configuration file (config_file.hpp) with option defaults; null when there is none.
  const ConfigFile* config = nullptr;
};

// `args` are the words after the subcommand name.
using CommandFunction = int (*)(const std::vector<std::string>& args, CommandContext& context);

struct Command {
  std::string_view name;
  std::string_view summary; // one line for `aftershock --help`
  CommandFunction run;
  std::string_view usage; // the usage line printed with a usage error, e.g.
                          // "usage: aftershock study [options]"
  // The command's options (for completion, the man page and the configuration file); null for
  // commands without options.
  boost::program_options::options_description (*options)() = nullptr;
  // The words the command takes besides options, for completion and the man page, e.g.
  // "TICKER..."; empty when none.
  std::string_view operands = {};
};

} // namespace aftershock::cli
