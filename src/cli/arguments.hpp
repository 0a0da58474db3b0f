#pragma once
// Shared option handling for the subcommands: Boost.Program_options parsing with our error
// type, and negative offsets given as separate words (`--window -1:1`).

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

// The value of string option `name` when it was given.
std::optional<std::string> get_string(const boost::program_options::variables_map& map,
                                      std::string_view name);

// Throws UsageError "bad value for --<option>: '<value>' (<expected>)".
[[noreturn]] void bad_value(std::string_view option, std::string_view value,
                            std::string_view expected);

} // namespace aftershock::cli
