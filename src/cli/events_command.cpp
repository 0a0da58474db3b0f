// `aftershock events`: lists the named events that `study --event NAME` accepts.
#include <aftershock/calendar/date.hpp>
#include <aftershock/events/named_event.hpp>
#include <aftershock/report/render.hpp>
#include <aftershock/report/text_table.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <ostream>

#include "arguments.hpp"
#include "commands.hpp"

namespace aftershock::cli {

namespace po = boost::program_options;

namespace {

constexpr std::string_view k_usage =
    "usage: aftershock events [--format table|json|markdown] [-o FILE]";

std::string render_events_json() {
  auto list = nlohmann::ordered_json::array();
  for (const auto& event : events::named_events()) {
    auto tickers = nlohmann::ordered_json::array();
    for (const auto ticker : event.tickers)
      tickers.push_back(ticker);
    list.push_back({{"name", event.name},
                    {"date", calendar::format_iso(event.date)},
                    {"market", event.market},
                    {"tickers", tickers},
                    {"groups_file", event.groups_file},
                    {"title", event.title},
                    {"description", event.description}});
  }
  return nlohmann::ordered_json{{"schema_version", 1}, {"events", list}}.dump(2) + "\n";
}

report::TextTable events_table() {
  report::TextTable table;
  table.headers = {"Name", "Date", "Market", "Firms", "Title"};
  table.align = {report::Align::left, report::Align::left, report::Align::left,
                 report::Align::right, report::Align::left};
  for (const auto& event : events::named_events())
    table.rows.push_back({std::string(event.name), calendar::format_iso(event.date),
                          std::string(event.market), fmt::format("{}", event.tickers.size()),
                          std::string(event.title)});
  return table;
}

} // namespace

po::options_description events_options() {
  po::options_description options("Options", 100, 50);
  options.add_options()("format", po::value<std::string>()->value_name("FORMAT"),
                        "table (default), json or markdown")(
      "output,o", po::value<std::string>()->value_name("FILE"),
      "write to FILE (atomically) instead of stdout")("help,h", "print this help");
  return options;
}

int run_events(const std::vector<std::string>& args, CommandContext& context) {
  const auto options = events_options();
  const auto map = parse_options(args, options);
  const std::string format = get_string(map, "format").value_or("table");
  const std::string output = get_string(map, "output").value_or("");
  if (map.count("help") != 0) {
    context.out << k_usage << "\n\n"
                << "Lists the events `aftershock study --event NAME` knows: their date, market "
                   "and\ndefault firms. Reads no data and uses no network.\n\n"
                << options;
    return 0;
  }
  const auto parsed = report::parse_format_name(format);
  if (!parsed || *parsed == report::Format::csv || *parsed == report::Format::latex)
    bad_value("format", format, "expected table, json or markdown");

  std::string text;
  if (*parsed == report::Format::json) {
    text = render_events_json();
  } else if (*parsed == report::Format::markdown) {
    text = report::render_markdown(events_table());
  } else {
    text = report::render_aligned(events_table(), 0) +
           "\nUse: aftershock study --event NAME (the date, market and firms above are the "
           "defaults).\n";
  }
  write_output(text, output, context);
  return 0;
}

} // namespace aftershock::cli
