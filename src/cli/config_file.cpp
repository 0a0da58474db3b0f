#include "config_file.hpp"

#include <aftershock/util/error.hpp>
#include <aftershock/util/parse.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace aftershock::cli {

namespace po = boost::program_options;

namespace {

constexpr std::string_view k_hint =
    "fix the line, or run with --no-config; keys are long option names without '--' (see "
    "'aftershock help COMMAND'), under [COMMAND] or before the first section";

[[noreturn]] void fail(const std::string& path, int line, std::string_view key,
                       std::string_view problem) {
  throw Error(fmt::format("{} line {}: {} {}", path, line,
                          key.empty() ? std::string("line") : "key " + util::quote_for_message(key),
                          problem),
              std::string(k_hint), ExitCode::usage);
}

std::string canonical_key_variable(std::string_view key) {
  auto upper = util::to_upper(key);
  return upper.rfind("AFTERSHOCK_", 0) == 0 ? upper : "AFTERSHOCK_" + upper;
}

const po::option_description* find_long(const po::options_description& options,
                                        std::string_view key) {
  const auto* found = options.find_nothrow(std::string(key), false, true, true);
  if (found == nullptr || found->long_name() != key)
    return nullptr;
  return found;
}

std::optional<bool> parse_switch(std::string_view value) {
  const auto lower = util::to_lower(value);
  if (lower == "true" || lower == "yes" || lower == "1" || lower == "on")
    return true;
  if (lower == "false" || lower == "no" || lower == "0" || lower == "off")
    return false;
  return std::nullopt;
}

// Where a comment after a value starts: a # or ; that follows a blank (npos when none).
std::size_t inline_comment(std::string_view value) {
  for (std::size_t i = 1; i < value.size(); ++i)
    if ((value[i] == '#' || value[i] == ';') && (value[i - 1] == ' ' || value[i - 1] == '\t'))
      return i;
  return std::string_view::npos;
}

bool is_switch(const po::option_description& option) {
  return option.semantic()->max_tokens() == 0;
}

// A list option (--data, --car-window): its value is a vector, filled by repeated words.
bool is_repeatable(const po::option_description& option) {
  return dynamic_cast<const po::typed_value<std::vector<std::string>>*>(option.semantic().get()) !=
         nullptr;
}

} // namespace

const std::vector<std::string_view>& config_key_names() {
  static const std::vector<std::string_view> k_names{"alphavantage_api_key", "stooq_api_key",
                                                     "sec_user_agent", "contact"};
  return k_names;
}

ConfigFile parse_config(std::string_view text, const std::string& path) {
  ConfigFile config{path, {}};
  std::string section;
  int number = 0;
  for (const auto& raw : util::split(text, '\n')) {
    ++number;
    auto line = util::trim(raw);
    if (line.empty() || line.front() == '#' || line.front() == ';')
      continue;
    if (line.front() == '[') {
      if (line.back() != ']')
        fail(path, number, "", fmt::format("{} is not a [section]", util::quote_for_message(line)));
      section = util::to_lower(util::trim(line.substr(1, line.size() - 2)));
      continue;
    }
    const auto equals = line.find('=');
    if (equals == std::string_view::npos)
      fail(path, number, "", fmt::format("{} is not 'key = value'", util::quote_for_message(line)));
    const std::string key{util::trim(line.substr(0, equals))};
    std::string value{util::trim(line.substr(equals + 1))};
    if (!value.empty() && value.front() == '"') {
      const auto close = value.find('"', 1);
      if (close == std::string::npos)
        fail(path, number, key, "has a value with an opening \" but no closing one");
      value = value.substr(1, close - 1); // anything after the closing quote is a comment
    } else {
      value = std::string(util::trim(value.substr(0, inline_comment(value))));
    }
    if (key.empty())
      fail(path, number, "", "has no key before '='");
    if (section == "keys") {
      const auto variable = canonical_key_variable(key);
      const auto& names = config_key_names();
      if (std::none_of(names.begin(), names.end(), [&](std::string_view name) {
            return canonical_key_variable(name) == variable;
          })) {
        std::string valid;
        for (const auto name : names)
          valid += (valid.empty() ? "" : ", ") + std::string(name);
        fail(path, number, key, fmt::format("is not a key name in [keys] (valid: {})", valid));
      }
    }
    config.entries.push_back({section, key, value, number});
  }
  return config;
}

std::string config_key_value(const ConfigFile& config, std::string_view name) {
  for (const auto& entry : config.entries)
    if (entry.section == "keys" && canonical_key_variable(entry.key) == name)
      return entry.value;
  return {};
}

bool holds_keys(const ConfigFile& config) {
  return std::any_of(config.entries.begin(), config.entries.end(),
                     [](const ConfigEntry& e) { return e.section == "keys"; });
}

void validate_config(const ConfigFile& config, const std::vector<CommandOptions>& commands) {
  std::map<std::pair<std::string, std::string>, int> seen;
  for (const auto& entry : config.entries) {
    if (entry.section == "keys")
      continue;
    if (entry.key == "help" || entry.key == "config" || entry.key == "no-config")
      fail(config.path, entry.line, entry.key, "cannot be set in the configuration file");
    const po::option_description* option = nullptr;
    bool section_known = entry.section.empty();
    for (const auto& command : commands) {
      if (!entry.section.empty() && command.command != entry.section)
        continue;
      section_known = true;
      if (command.options != nullptr && option == nullptr)
        option = find_long(*command.options, entry.key);
    }
    if (!section_known)
      fail(config.path, entry.line, "",
           fmt::format("section [{}] is not a command with options or [keys]", entry.section));
    if (option == nullptr)
      fail(config.path, entry.line, entry.key,
           entry.section.empty() ? std::string("is not an option of any command")
                                 : fmt::format("is not an option of '{}'", entry.section));
    if (is_switch(*option) && !parse_switch(entry.value))
      fail(config.path, entry.line, entry.key,
           fmt::format("has the value {}; a switch takes true or false",
                       util::quote_for_message(entry.value)));
    const auto [it, fresh] = seen.emplace(std::pair{entry.section, entry.key}, entry.line);
    if (!fresh && !is_repeatable(*option))
      fail(config.path, entry.line, entry.key,
           fmt::format("is given twice (also on line {}) but takes one value", it->second));
  }
}

void apply_config(const ConfigFile& config, std::string_view command,
                  const po::options_description& options, po::variables_map& map) {
  // The command's own section wins over the keys before the first section.
  for (const std::string_view section : {command, std::string_view()}) {
    std::map<std::string, std::vector<const ConfigEntry*>> by_key;
    for (const auto& entry : config.entries)
      if (entry.section == section && find_long(options, entry.key) != nullptr)
        by_key[entry.key].push_back(&entry);
    for (const auto& [key, entries] : by_key) {
      const auto* option = find_long(options, key);
      const auto given = map.find(key);
      if (given != map.end() && !given->second.defaulted())
        continue; // the command line, or the command's section, set it
      po::parsed_options parsed(&options);
      for (const auto* entry : entries) {
        if (is_switch(*option) && parse_switch(entry->value) != true)
          continue;
        po::option item;
        item.string_key = key;
        if (!is_switch(*option))
          item.value.push_back(entry->value);
        item.original_tokens = {"--" + key, entry->value};
        parsed.options.push_back(std::move(item));
      }
      try {
        po::store(parsed, map);
      } catch (const po::error& error) {
        fail(config.path, entries.front()->line, key,
             fmt::format("has a bad value {}: {}", util::quote_for_message(entries.front()->value),
                         error.what()));
      }
    }
  }
}

const ConfigEntry* find_config_entry(const ConfigFile& config, std::string_view command,
                                     std::string_view option) {
  for (const std::string_view section : {command, std::string_view()})
    for (const auto& entry : config.entries)
      if (entry.section == section && entry.key == option)
        return &entry;
  return nullptr;
}

std::optional<std::string>
config_file_path(std::span<const std::string> args,
                 const std::function<std::string(std::string_view)>& getenv) {
  std::optional<std::string> given;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--no-config")
      return std::nullopt;
    if (args[i] == "--config" && i + 1 < args.size())
      given = args[i + 1];
    else if (args[i].rfind("--config=", 0) == 0)
      given = args[i].substr(9);
  }
  if (given)
    return given;
  const auto xdg = getenv ? getenv("XDG_CONFIG_HOME") : std::string();
  const auto home = getenv ? getenv("HOME") : std::string();
  std::string path;
  if (!xdg.empty())
    path = xdg + "/aftershock/config.ini";
  else if (!home.empty())
    path = home + "/.config/aftershock/config.ini";
  std::error_code ignored;
  if (path.empty() || !std::filesystem::is_regular_file(path, ignored))
    return std::nullopt;
  return path;
}

ConfigFile read_config_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw Error(fmt::format("cannot read the configuration file {}", util::quote_for_message(path)),
                "check the path given to --config");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_config(text.str(), path);
}

} // namespace aftershock::cli
