// `aftershock merge SHARD...` (issue 5): combines the shard files of `study --events FILE
// --shard K/N` into exactly the report one run would have produced (study/shard.hpp).
#include <aftershock/report/json_stream.hpp>
#include <aftershock/report/render.hpp>
#include <aftershock/report/svg_chart.hpp>
#include <aftershock/study/shard.hpp>
#include <aftershock/util/atomic_file.hpp>
#include <aftershock/util/error.hpp>
#include <aftershock/util/parse.hpp>

#include <fstream>
#include <sstream>

#include "arguments.hpp"
#include "batch_study.hpp"
#include "command_line.hpp"
#include "commands.hpp"
#include "table_options.hpp"
#include "terminal_style.hpp"

namespace aftershock::cli {

namespace po = boost::program_options;

namespace {

constexpr std::string_view k_usage = "usage: aftershock merge SHARD... [--format FORMAT] [-o FILE]";

constexpr std::string_view k_description =
    "Merges the shard files written by 'aftershock study --events FILE --shard K/N -o FILE' into\n"
    "the report one run over the whole events file would have produced (aggregate tests and\n"
    "groups included). Every shard 1/N ... N/N must be given once, from one run (same events\n"
    "file, options and N). Example:\n"
    "  parallel aftershock study --events f.csv --shard {}/4 -o shard{}.json ::: 1 2 3 4\n"
    "  aftershock merge shard*.json --format markdown\n"
    "Exit codes: 0 ok, 1 a shard is missing, duplicated, damaged or from another run,\n"
    "2 usage error, 3 with --strict when some firm-events were dropped.\n";

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw Error("cannot read the shard file " + util::quote_for_message(path),
                "check the path; shard files are written by study --events FILE --shard K/N");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

} // namespace

po::options_description merge_options() {
  po::options_description options("Options", 100, 50);
  // clang-format off
  options.add_options()
    ("format", po::value<std::string>()->value_name("FORMAT"), "table (default), csv, json, jsonl, markdown or latex");
  add_table_options(options);
  options.add_options()
    ("dropped", po::value<std::string>()->value_name("FILE"), "write the firm-events that are not ok "
     "(status, reason) as CSV")
    ("chart", po::value<std::string>()->value_name("FILE.svg"), "also write the SVG chart to FILE, atomically")
    ("strict", "exit 3 when any firm-event was dropped")
    ("ascii", po::bool_switch(), "plain ASCII sparklines in the table")
    ("threads", po::value<std::string>()->value_name("N"), "worker threads (default: the number of CPUs; "
     "results are identical for any N)")
    ("help,h", "print this help");
  // clang-format on
  options.add(config_options());
  return options;
}

int run_merge(const std::vector<std::string>& args, CommandContext& context) {
  const auto options = merge_options();
  const auto command_line =
      parse_command_line(args, {"merge", &options, "shard", k_usage, k_description, ""}, context);
  if (!command_line)
    return 0; // --help
  const auto& map = *command_line;
  const auto paths = get_strings(map, "shard");
  if (paths.empty())
    throw UsageError("missing SHARD files",
                     "e.g. aftershock merge shard1.json shard2.json shard3.json");
  const std::size_t threads = get_threads(map);
  report::RenderOptions render_options;
  const auto format = get_string(map, "format").value_or("table");
  const bool jsonl = format == "jsonl";
  const auto parsed = jsonl ? report::Format::json : report::parse_format_name(format);
  if (!parsed)
    bad_value("format", format, "expected table, csv, json, jsonl, markdown or latex");
  render_options.format = *parsed;
  set_table_options(map, render_options);
  const std::string output = get_string(map, "output").value_or("");
  render_options.style = choose_terminal_style(
      context, map["ascii"].as<bool>() ? GlyphRequest::ascii : GlyphRequest::automatic,
      output.empty() || output == "-" ? Destination::standard_output : Destination::file);

  std::vector<study::ShardText> shards;
  shards.reserve(paths.size());
  for (const auto& path : paths)
    shards.push_back({path, read_text(path)});
  auto merged = study::merge_batch_shards(shards, threads);
  auto& result = merged.result;
  for (const auto& note : merged.run.notes)
    result.notes.push_back(note);
  render_options.inputs.data_paths = merged.run.data_paths;
  render_options.inputs.shares_path = merged.run.shares_path;
  render_options.inputs.date_format = merged.run.date_format;
  render_options.inputs.on_bad_row = merged.run.on_bad_row;

  bool dropped_any = false;
  for (const auto& event : result.events)
    for (const auto& f : event.firms)
      dropped_any = dropped_any || f.status != study::FirmStatus::ok;
  // Everything is computed before anything is written: no partial outputs after an error.
  const auto text = jsonl ? report::render_jsonl(result, render_options.inputs)
                          : report::render(result, render_options);
  if (const auto dropped = get_string(map, "dropped"))
    util::write_file_atomically(*dropped, dropped_csv(result));
  if (const auto chart = get_string(map, "chart"))
    util::write_file_atomically(*chart, report::render_svg_chart(result));
  write_output(text, output, context);
  return map.count("strict") != 0 && dropped_any ? static_cast<int>(ExitCode::partial)
                                                 : static_cast<int>(ExitCode::ok);
}

} // namespace aftershock::cli
