#pragma once
// Shared option handling for the subcommands: Boost.Program_options parsing with our error
// type, and negative offsets given as separate words (`--window -1:1`).

#include <aftershock/util/error.hpp>

#include <boost/program_options.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aftershock::cli {

// Returns `args` with every value that starts with '-' followed by a digit (e.g. "-1:1")
// joined to the option before it when that option takes a value ("--window" "-1:1" becomes
// "--window=-1:1", "-o" "-1.csv" becomes "-o-1.csv"), so Boost.PO does not read the value as an
// option. Other words are unchanged.
std::vector<std::string>
attach_negative_values(const std::vector<std::string>& args,
                       const boost::program_options::options_description& options);

// Parses `args` against `options` (no positional arguments). Unknown options, missing or
// repeated values and stray words throw aftershock::UsageError.
boost::program_options::variables_map
parse_options(const std::vector<std::string>& args,
              const boost::program_options::options_description& options);

struct CommandContext;

// Like parse_options, with the words that are not options stored under `positional` (e.g.
// the tickers of `download`), and then the defaults of the configuration file
// (context.config) for `command` applied, before po::notify: the command line wins.
boost::program_options::variables_map
parse_command_options(const std::vector<std::string>& args,
                      const boost::program_options::options_description& options,
                      const boost::program_options::positional_options_description& positional,
                      const CommandContext& context, std::string_view command);

// The --config FILE and --no-config options every configurable command takes.
boost::program_options::options_description config_options();

// The values of a repeatable string option (empty when not given).
std::vector<std::string> get_strings(const boost::program_options::variables_map& map,
                                     std::string_view name);

// The --threads N value (1..256), or 0 (= the number of CPUs) when not given; a bad value is a
// usage error.
std::size_t get_threads(const boost::program_options::variables_map& map);

// The value of string option `name` when it was given.
std::optional<std::string> get_string(const boost::program_options::variables_map& map,
                                      std::string_view name);

// The usage error of a bad option value; `option()` names the option (without "--"), so that
// cli::run can name the configuration file line the value came from.
class BadValueError : public UsageError {
public:
  BadValueError(std::string option, const std::string& message)
      : UsageError(message), m_option(std::move(option)) {}
  [[nodiscard]] const std::string& option() const noexcept { return m_option; }

private:
  std::string m_option;
};

// Throws BadValueError "bad value for --<option>: '<value>' (<expected>)".
[[noreturn]] void bad_value(std::string_view option, std::string_view value,
                            std::string_view expected);

} // namespace aftershock::cli
