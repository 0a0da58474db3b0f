#include "arguments.hpp"

#include <aftershock/util/error.hpp>
#include <aftershock/util/parse.hpp>

#include <fmt/format.h>

#include "command.hpp"
#include "config_file.hpp"

namespace aftershock::cli {

namespace po = boost::program_options;

namespace {

bool looks_negative(std::string_view word) {
  return word.size() >= 2 && word[0] == '-' && word[1] >= '0' && word[1] <= '9';
}

// True when `word` ("--window", "-o") names an option of `options` that takes a value.
bool takes_value(std::string_view word, const po::options_description& options) {
  if (word.size() < 2 || word[0] != '-' || word.find('=') != std::string_view::npos)
    return false;
  for (const auto& option : options.options()) {
    const auto long_name = option->canonical_display_name(po::command_line_style::allow_long);
    const auto short_name =
        option->canonical_display_name(po::command_line_style::allow_dash_for_short);
    if ((word == long_name || word == short_name) && option->semantic()->max_tokens() > 0)
      return true;
  }
  return false;
}

} // namespace

std::vector<std::string> attach_negative_values(const std::vector<std::string>& args,
                                                const po::options_description& options) {
  std::vector<std::string> out;
  out.reserve(args.size());
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (i + 1 < args.size() && takes_value(args[i], options) && looks_negative(args[i + 1])) {
      const bool is_long = args[i].rfind("--", 0) == 0;
      out.push_back(args[i] + (is_long ? "=" : "") + args[i + 1]);
      ++i;
    } else {
      out.push_back(args[i]);
    }
  }
  return out;
}

namespace {

po::variables_map parse_with(const std::vector<std::string>& args,
                             const po::options_description& options,
                             const po::positional_options_description& positional,
                             const CommandContext* context, std::string_view command) {
  po::variables_map map;
  try {
    const auto style =
        po::command_line_style::default_style & ~po::command_line_style::allow_guessing;
    po::store(po::command_line_parser(attach_negative_values(args, options))
                  .options(options)
                  .positional(positional)
                  .style(style)
                  .run(),
              map);
    if (context != nullptr && context->config != nullptr && map.count("no-config") == 0)
      apply_config(*context->config, command, options, map);
    if (map.count("help") == 0)
      po::notify(map);
  } catch (const po::too_many_positional_options_error&) {
    for (const auto& arg : args)
      if (arg.empty() || arg[0] != '-')
        throw UsageError(fmt::format("unexpected argument {}", util::quote_for_message(arg)));
    throw UsageError("unexpected argument");
  } catch (const po::error& error) {
    throw UsageError(error.what());
  }
  return map;
}

} // namespace

po::variables_map parse_options(const std::vector<std::string>& args,
                                const po::options_description& options) {
  const po::positional_options_description no_positional;
  return parse_with(args, options, no_positional, nullptr, {});
}

po::variables_map parse_command_options(const std::vector<std::string>& args,
                                        const po::options_description& options,
                                        const po::positional_options_description& positional,
                                        const CommandContext& context, std::string_view command) {
  return parse_with(args, options, positional, &context, command);
}

po::options_description config_options() {
  po::options_description options("Configuration", 100, 50);
  options.add_options()("config", po::value<std::string>()->value_name("FILE"),
                        "option defaults and API keys from this INI file (default "
                        "$XDG_CONFIG_HOME/aftershock/config.ini or ~/.config/aftershock/"
                        "config.ini when present); the command line wins")(
      "no-config", "read no configuration file");
  return options;
}

std::vector<std::string> get_strings(const po::variables_map& map, std::string_view name) {
  const auto found = map.find(std::string(name));
  if (found == map.end() || found->second.empty())
    return {};
  return found->second.as<std::vector<std::string>>();
}

std::optional<std::string> get_string(const po::variables_map& map, std::string_view name) {
  const auto found = map.find(std::string(name));
  if (found == map.end() || found->second.empty())
    return std::nullopt;
  return found->second.as<std::string>();
}

std::size_t get_threads(const po::variables_map& map) {
  const auto text = get_string(map, "threads");
  if (!text)
    return 0;
  const auto value = util::parse_int(*text);
  if (!value || *value < 1 || *value > 256)
    bad_value("threads", *text, "expected a whole number of threads from 1 to 256");
  return static_cast<std::size_t>(*value);
}

void bad_value(std::string_view option, std::string_view value, std::string_view expected) {
  throw BadValueError(std::string(option), fmt::format("bad value for --{}: {} ({})", option,
                                                       util::quote_for_message(value), expected));
}

} // namespace aftershock::cli
