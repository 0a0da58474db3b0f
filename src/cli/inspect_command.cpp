#include "inspect_command.hpp"

#include <aftershock/calendar/date.hpp>
#include <aftershock/report/inspect_report.hpp>
#include <aftershock/sources/file_description.hpp>
#include <aftershock/util/error.hpp>

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include <ostream>

namespace aftershock::cli {
namespace {

namespace po = boost::program_options;

constexpr const char* k_usage =
    "usage: aftershock inspect FILE... [--date-format iso|yyyymmdd|mdy|dmy|dmy.] "
    "[-d/--delimiter ,|;|tab||] [--format text|json]";

char parse_delimiter(const std::string& text) {
  if (text == "," || text == "comma")
    return ',';
  if (text == ";" || text == "semicolon")
    return ';';
  if (text == "\t" || text == "\\t" || text == "tab")
    return '\t';
  if (text == "|" || text == "pipe")
    return '|';
  throw UsageError(fmt::format("--delimiter: unknown delimiter {}", text), "use one of , ; tab |");
}

} // namespace

po::options_description inspect_options() {
  po::options_description options("inspect options");
  options.add_options()("help,h", "show this help")(
      "date-format", po::value<std::string>(),
      "date layout: iso, yyyymmdd, mdy, dmy or dmy. (sniffed when absent)")(
      "delimiter,d", po::value<std::string>(), "field delimiter: , ; tab | (sniffed when absent)")(
      "format", po::value<std::string>()->default_value("text"), "output: text or json");
  return options;
}

int run_inspect(const std::vector<std::string>& args, CommandContext& context) {
  const auto options = inspect_options();
  po::options_description hidden;
  hidden.add_options()("file", po::value<std::vector<std::string>>());
  po::options_description all;
  all.add(options).add(hidden);
  po::positional_options_description positional;
  positional.add("file", -1);

  po::variables_map values;
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), values);
    po::notify(values);
  } catch (const po::error& error) {
    throw UsageError(error.what(), k_usage);
  }
  if (values.count("help")) {
    context.out << k_usage << "\n\n"
                << "Shows what aftershock detects in price files: encoding, delimiter, header,\n"
                   "column types, date column and format, layout, tickers, rows and bad rows.\n\n"
                << options;
    return static_cast<int>(ExitCode::ok);
  }
  if (!values.count("file"))
    throw UsageError("inspect: no FILE given", k_usage);

  sources::LoadOptions load;
  if (values.count("date-format")) {
    const auto& name = values["date-format"].as<std::string>();
    load.date_format = calendar::parse_format_name(name);
    if (!load.date_format)
      throw UsageError(fmt::format("--date-format: unknown date format {}", name),
                       "use iso, yyyymmdd, mdy, dmy or dmy. (or a pattern such as DD.MM.YYYY)");
  }
  if (values.count("delimiter"))
    load.delimiter = parse_delimiter(values["delimiter"].as<std::string>());
  const auto& format = values["format"].as<std::string>();
  if (format != "text" && format != "json")
    throw UsageError(fmt::format("--format: unknown format {}", format), "use text or json");

  std::vector<std::filesystem::path> paths;
  for (const auto& file : values["file"].as<std::vector<std::string>>())
    paths.emplace_back(file);
  const auto descriptions = sources::describe_files(paths, load);
  context.out << (format == "json" ? report::render_inspect_json(descriptions)
                                   : report::render_inspect_text(descriptions));
  return static_cast<int>(ExitCode::ok);
}

} // namespace aftershock::cli
