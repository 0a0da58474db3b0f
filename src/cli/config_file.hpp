#pragma once
// The INI configuration file: defaults for command options, and API keys for the quote sources.
//
//   # ~/.config/aftershock/config.ini (or $XDG_CONFIG_HOME/aftershock/config.ini, or --config)
//   market = SPY                 # before any section: for every command that has the option
//   [study]
//   window = -3:3
//   car-window = 0:0             # repeatable options take the key once per value
//   car-window = -1:1
//   [download]
//   source = yahoo
//   [keys]
//   alphavantage_api_key = ...   # AFTERSHOCK_ALPHAVANTAGE_API_KEY; the environment wins
//
// Keys are the long option names without "--"; a switch takes true/false (or yes/no, 1/0).
// Lines are `key = value`, `[section]`, blank, or comments starting with # or ;; a # or ; after
// a blank ends a value (a comment). Values may be wrapped in double quotes (then kept as is).
// Options given on the command line win over the file.

#include <boost/program_options.hpp>

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace aftershock::cli {

struct ConfigEntry {
  std::string section; // "" for keys before the first section
  std::string key;
  std::string value;
  int line = 0; // 1-based
};

struct ConfigFile {
  std::string path;
  std::vector<ConfigEntry> entries;
};

// The configuration file a command line names: the FILE of its last --config FILE (or
// --config=FILE), else $XDG_CONFIG_HOME/aftershock/config.ini (else
// $HOME/.config/aftershock/config.ini) when that file exists; nullopt with --no-config or when
// there is none. `getenv` reads the environment. The file is not opened.
std::optional<std::string>
config_file_path(std::span<const std::string> args,
                 const std::function<std::string(std::string_view)>& getenv);

// Reads and parses the file at `path` (parse_config). Throws aftershock::Error when it cannot be
// read, or as parse_config.
ConfigFile read_config_file(const std::string& path);

// The key names the [keys] section accepts, e.g. "alphavantage_api_key"; each stands for the
// environment variable AFTERSHOCK_<NAME in upper case>, which may also be written out.
const std::vector<std::string_view>& config_key_names();

// Parses `text` (the file's content). Throws aftershock::Error naming `path`, the line and the
// key for a line that is not `key = value`, `[section]` or a comment, or for an unknown key in
// [keys]. Option keys are checked when a command applies them (apply_config).
ConfigFile parse_config(std::string_view text, const std::string& path);

// The value of environment variable `name` (e.g. "AFTERSHOCK_STOOQ_API_KEY") from the [keys]
// section, or "" when the file does not set it.
std::string config_key_value(const ConfigFile& config, std::string_view name);

// True when the file has a [keys] section entry (secrets that must not be readable by others).
bool holds_keys(const ConfigFile& config);

// A command's name and its options, for validate_config.
struct CommandOptions {
  std::string_view command;
  const boost::program_options::options_description* options = nullptr;
};

// Checks every entry against the commands: a section must be a command name in `commands` or
// "keys"; a key in a command's section must be one of its long options; a key before the first
// section must be an option of at least one command; a switch takes true/false, yes/no or 1/0;
// only repeatable options may be given twice. Throws aftershock::Error (exit 2) naming the
// file, line and key.
void validate_config(const ConfigFile& config, const std::vector<CommandOptions>& commands);

// Stores the entries of `config` that apply to `command` (its section, and the keys before the
// first section that name one of its options) into `map`, after the command line was stored:
// values already given on the command line are kept. Throws aftershock::Error (exit 2) naming
// the file, line and key for a value the option does not accept.
void apply_config(const ConfigFile& config, std::string_view command,
                  const boost::program_options::options_description& options,
                  boost::program_options::variables_map& map);

// The entry that set option `option` of `command` (its section first, then the keys before any
// section), or nullptr.
const ConfigEntry* find_config_entry(const ConfigFile& config, std::string_view command,
                                     std::string_view option);

} // namespace aftershock::cli
