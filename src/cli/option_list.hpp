#pragma once
// The options of a command as plain rows, read from its Boost.Program_options description:
// what `aftershock completion` and `aftershock man` are generated from.

#include <string>
#include <vector>

#include "command.hpp"

namespace aftershock::cli {

struct OptionRow {
  std::string long_name;   // "data" (without "--")
  std::string short_name;  // "o" or "" (without "-")
  std::string value_name;  // "PATH", or "" for a switch
  std::string description; // one paragraph
  bool repeatable = false; // may be given more than once (a vector value)
  bool takes_file = false; // the value is a path (value name PATH, FILE, DIR or DIR|FILE)
};

// The options of `command` in definition order (empty when it has none). "help" included.
std::vector<OptionRow> option_rows(const Command& command);

} // namespace aftershock::cli
