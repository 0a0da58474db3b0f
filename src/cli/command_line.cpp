#include "command_line.hpp"

#include <aftershock/util/error.hpp>

#include <cassert>
#include <ostream>

#include "arguments.hpp"

namespace aftershock::cli {

namespace po = boost::program_options;

std::optional<po::variables_map> parse_command_line(const std::vector<std::string>& args,
                                                    const CommandSyntax& syntax,
                                                    CommandContext& context) {
  assert(syntax.options != nullptr);
  po::options_description all;
  all.add(*syntax.options);
  po::positional_options_description positional;
  if (!syntax.positional.empty()) {
    const std::string name(syntax.positional);
    if (syntax.options->find_nothrow(name, false) == nullptr)
      all.add_options()(name.c_str(), po::value<std::vector<std::string>>());
    positional.add(name.c_str(), -1);
  }
  po::variables_map map;
  try {
    map = parse_command_options(args, all, positional, context, syntax.command);
  } catch (const BadValueError&) {
    throw;
  } catch (const UsageError& error) {
    if (syntax.errors == ErrorNaming::plain)
      throw;
    throw UsageError(std::string(syntax.command) + ": " + error.what(),
                     "run `aftershock " + std::string(syntax.command) + " --help`");
  }
  if (map.count("help") != 0) {
    context.out << syntax.usage << "\n";
    if (!syntax.description.empty())
      context.out << "\n" << syntax.description << "\n";
    context.out << *syntax.options << syntax.footer;
    return std::nullopt;
  }
  return map;
}

} // namespace aftershock::cli
