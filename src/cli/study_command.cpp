// `aftershock study`: reads the options every study shares (the event, the method, loading and
// rendering, groups), then hands over to the batch path (--events, batch_study.cpp) or the
// single-event path (study_single_event.cpp). The option definitions are in study_options.cpp.
#include <aftershock/calendar/date.hpp>
#include <aftershock/events/named_event.hpp>
#include <aftershock/report/render.hpp>
#include <aftershock/sources/groups_file.hpp>
#include <aftershock/study/config.hpp>
#include <aftershock/util/error.hpp>
#include <aftershock/util/parse.hpp>

#include <fmt/format.h>

#include <filesystem>
#include <optional>
#include <ostream>

#include "arguments.hpp"
#include "batch_study.hpp"
#include "command_line.hpp"
#include "commands.hpp"
#include "data_files.hpp"
#include "shard_option.hpp"
#include "study_options.hpp"
#include "study_settings.hpp"
#include "study_single_event.hpp"
#include "table_options.hpp"
#include "terminal_style.hpp"

namespace aftershock::cli {

namespace po = boost::program_options;
namespace fs = std::filesystem;

int run_study(const std::vector<std::string>& args, CommandContext& context) {
  const auto options = study_options();
  const auto command_line = parse_command_line(
      args, {"study", &options, "", k_study_usage, k_study_description, ""}, context);
  if (!command_line)
    return 0; // --help
  const auto& map = *command_line;
  StudySetup setup;
  setup.switches = {get_strings(map, "data"),    get_strings(map, "car-window"),
                    get_strings(map, "factors"), map["quiet"].as<bool>(),
                    map["offline"].as<bool>(),   map["refresh"].as<bool>(),
                    map["ascii"].as<bool>()};
  auto& o = setup.switches;
  auto& config = setup.config;
  config.car_windows = study::default_car_windows();
  auto& render_options = setup.render_options;

  // The event: a date or a named event.
  const auto event_text = get_string(map, "event");
  const auto events_file = get_string(map, "events");
  if (event_text && events_file)
    throw UsageError("--event and --events exclude each other",
                     "study one date with --event, or a file of firm-events with --events");
  if (!event_text && !events_file)
    throw UsageError("missing --event", "give a date (--event 2025-01-27) or a name from "
                                        "'aftershock events' (--event deepseek)");
  const events::NamedEvent* named = event_text ? events::find_named_event(*event_text) : nullptr;
  setup.named = named;
  if (!event_text) {
    // study --events: dates come from the file.
  } else if (named != nullptr) {
    config.event_id = std::string(named->name);
    config.event_date = named->date;
    setup.default_market = std::string(named->market);
  } else if (const auto date = calendar::parse_iso_date(*event_text)) {
    config.event_id = calendar::format_iso(*date);
    config.event_date = *date;
  } else {
    bad_value("event", *event_text,
              "expected a date YYYY-MM-DD or a name listed by 'aftershock events'");
  }

  parse_study_methods(map, config);
  auto& load_options = setup.load_options;
  load_options = parse_load_options(map, render_options);
  load_options.threads = config.threads;

  // --format jsonl: the JSON result as one line per firm-event plus a summary line.
  setup.jsonl = get_string(map, "format") == std::string("jsonl");
  render_options.format =
      setup.jsonl ? report::Format::json
                  : parse_choice(map, "format", report::parse_format_name, report::Format::table,
                                 "expected table, csv, json, jsonl, markdown or latex");
  set_table_options(map, render_options);
  report::check_columns(render_options.csv_table, render_options.columns, config.inference.tests);
  setup.output = get_string(map, "output").value_or("");
  // Sparkline glyphs and colour: decided here from the terminal, locale and NO_COLOR.
  render_options.style = choose_terminal_style(
      context, o.ascii ? GlyphRequest::ascii : GlyphRequest::automatic,
      setup.output.empty() || setup.output == "-" ? Destination::standard_output
                                                  : Destination::file);

  // Groups (--group-by, --groups; the named event's bundled grouping by default).
  if (const auto text = get_string(map, "group-by")) {
    if (*text == "group")
      config.group_by = study::GroupBy::group;
    else if (*text == "date")
      config.group_by = study::GroupBy::date;
    else
      bad_value("group-by", *text, "expected group or date");
  }
  {
    std::optional<fs::path> groups_path;
    if (const auto text = get_string(map, "groups"))
      groups_path = *text;
    else if (named != nullptr && !named->groups_file.empty() && !get_string(map, "group-by"))
      groups_path = default_groups_path(o.data, named->groups_file);
    if (groups_path) {
      config.ticker_groups = sources::read_groups_file(*groups_path);
      config.groups_file = groups_path->generic_string();
      if (config.group_by == study::GroupBy::none)
        config.group_by = study::GroupBy::group;
    }
  }
  if (events_file) {
    BatchInputs batch;
    batch.events_file = *events_file;
    batch.firm_data = get_string(map, "firm-data").value_or("");
    batch.market_data = get_string(map, "market-data").value_or("");
    batch.data = resolve_data_paths(o.data.empty() ? std::vector<std::string>{"data"} : o.data);
    batch.factors = o.factors;
    batch.shares = get_string(map, "shares").value_or("");
    batch.cache_panel = get_string(map, "cache-panel").value_or("");
    batch.dropped = get_string(map, "dropped").value_or("");
    batch.output = setup.output;
    batch.chart = get_string(map, "chart").value_or("");
    batch.strict = map.count("strict") != 0;
    batch.quiet = o.quiet;
    batch.jsonl = setup.jsonl;
    batch.options.overlap = parse_named_choice<study::OverlapPolicy>(
        map, "overlap",
        {{"error", study::OverlapPolicy::error},
         {"warn", study::OverlapPolicy::warn},
         {"trim", study::OverlapPolicy::trim}},
        study::OverlapPolicy::warn, "expected error, warn or trim");
    if (get_string(map, "source") || get_string(map, "tickers"))
      throw UsageError("--events takes its firms and prices from the file (and --data)",
                       "drop --source and --tickers; list the firms in the events file");
    batch.shard = shard_from(map, context, o.quiet);
    if (batch.shard)
      for (const auto* option : {"format", "table", "columns", "chart", "dropped", "strict"})
        if (map.count(option) != 0 && !map[option].defaulted())
          throw UsageError(fmt::format("--{} does not apply to --shard (a shard writes a shard "
                                       "file)",
                                       option),
                           "give it to 'aftershock merge SHARD...' instead");
    config.market = util::to_upper(get_string(map, "market").value_or(setup.default_market));
    return run_batch(batch, config, load_options, render_options, context);
  }
  for (const auto* option : {"firm-data", "market-data", "overlap", "dropped", "shard"})
    if (get_string(map, option))
      throw UsageError(fmt::format("--{} applies to --events only", option),
                       "add --events FILE, or drop the option");
  return run_single_event(map, std::move(setup), context);
}

} // namespace aftershock::cli
