// `aftershock report RESULT.json`: renders a result saved by `study --format json` again, in
// any format, without recomputing anything (CI jobs regenerate tables from a committed JSON).
#include <aftershock/report/render.hpp>
#include <aftershock/report/result_reader.hpp>
#include <aftershock/util/error.hpp>

#include <iostream>
#include <iterator>
#include <ostream>

#include "arguments.hpp"
#include "command_line.hpp"
#include "commands.hpp"
#include "table_options.hpp"

namespace aftershock::cli {

namespace po = boost::program_options;

namespace {

constexpr std::string_view k_usage =
    "usage: aftershock report RESULT.json [--format FORMAT] [--table TABLE] [--columns A,B,...]";

constexpr std::string_view k_description =
    "Renders a result saved with 'aftershock study --format json -o RESULT.json' again, without\n"
    "recomputing it: the same text 'study' prints in that format. RESULT.json '-' reads stdin.\n"
    "Example: aftershock report deepseek.json --format markdown --table aggregate-cars \\\n"
    "           --columns window_start,window_end,n,caar,t_cda_statistic,t_cda_p_value\n"
    "Exit codes: 0 ok, 1 the file cannot be read or is not a schema 1 result, 2 usage error.\n";

} // namespace

po::options_description report_options() {
  po::options_description options("Options", 100, 50);
  // clang-format off
  options.add_options()
    ("format", po::value<std::string>()->value_name("FORMAT"), "table (default), csv, markdown, latex or json");
  add_table_options(options);
  options.add_options()
    ("help,h", "print this help");
  // clang-format on
  options.add(config_options());
  return options;
}

int run_report(const std::vector<std::string>& args, CommandContext& context) {
  const auto options = report_options();
  const auto command_line =
      parse_command_line(args, {"report", &options, "result", k_usage, k_description, ""}, context);
  if (!command_line)
    return 0; // --help
  const auto& map = *command_line;
  const auto inputs = get_strings(map, "result");
  if (inputs.size() != 1)
    throw UsageError(inputs.empty()
                         ? "missing RESULT.json"
                         : "report takes one RESULT.json, not " + std::to_string(inputs.size()),
                     "e.g. aftershock study --event deepseek --format json -o r.json; "
                     "aftershock report r.json --format markdown");

  report::RenderOptions render_options;
  const auto format = get_string(map, "format").value_or("table");
  const auto parsed = report::parse_format_name(format);
  if (!parsed)
    bad_value("format", format, "expected table, csv, markdown, latex or json");
  render_options.format = *parsed;
  set_table_options(map, render_options);

  report::SavedResult saved;
  if (inputs.front() == "-") {
    const std::string text{std::istreambuf_iterator<char>(std::cin), {}};
    saved = report::read_result_json(text, "<stdin>");
  } else {
    saved = report::read_result_file(inputs.front());
  }
  render_options.inputs = saved.inputs;
  write_output(report::render(saved.result, render_options), get_string(map, "output").value_or(""),
               context);
  return 0;
}

} // namespace aftershock::cli
