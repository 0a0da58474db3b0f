// Events files for `study --events` (issue 5, "Batch input"): the named-column layout and the
// EventStudyTools ARC request file with its long firm / market price files.
#include <aftershock/csv/date_sniffer.hpp>
#include <aftershock/csv/dialect.hpp>
#include <aftershock/csv/table.hpp>
#include <aftershock/sources/events_file.hpp>
#include <aftershock/util/error.hpp>
#include <aftershock/util/parse.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace aftershock::sources {
namespace {

constexpr std::array<std::string_view, 9> k_columns{
    "event_id",           "ticker",           "event_date",     "market",           "group",
    "event_window_start", "event_window_end", "estimation_end", "estimation_length"};
constexpr std::size_t k_arc_columns = 9;

[[noreturn]] void fail(const csv::Table& table, std::size_t row, std::optional<std::size_t> column,
                       std::string problem, std::string hint) {
  throw csv::to_error(table.error_at(row, column, std::move(problem), std::move(hint)));
}

std::optional<int> optional_int(const csv::Table& table, std::size_t row,
                                std::optional<std::size_t> column) {
  if (!column)
    return std::nullopt;
  const auto text = table.text(row, *column);
  if (text.empty())
    return std::nullopt;
  const auto value = util::parse_int(text);
  if (!value || *value < -100000 || *value > 100000)
    fail(table, row, column,
         fmt::format("{} is not a whole number of trading days", util::quote_for_message(text)),
         "write offsets as whole numbers such as -2 or 5");
  return static_cast<int>(*value);
}

// Checks the windows of one row (those it gives; the rest are checked with the defaults by the
// study, which reports a bad combination as a firm-event status).
void check_windows(const csv::Table& table, std::size_t row, const events::FirmEvent& event,
                   std::optional<std::size_t> start_column,
                   std::optional<std::size_t> length_column) {
  if (event.event_window && event.event_window->first > event.event_window->last)
    fail(table, row, start_column,
         fmt::format("event window {} has its start after its end",
                     events::format_window(*event.event_window)),
         "write the event window start <= end, e.g. -2 and 2");
  if (event.estimation_length && *event.estimation_length < 1)
    fail(table, row, length_column,
         fmt::format("estimation length {} is not positive", *event.estimation_length),
         "give the number of trading days in the estimation window, e.g. 120");
}

calendar::DateFormat date_format_of(const csv::Table& table, std::size_t column,
                                    std::optional<calendar::DateFormat> forced) {
  // The table's date column was sniffed by the same rules (with the same `forced`: the reader
  // got it too): its layout, not a second pass over every value.
  if (table.sniff.date_column == column && table.sniff.date_format)
    return *table.sniff.date_format;
  std::vector<std::string_view> values;
  for (std::size_t row = 0; row < table.rows.size(); ++row)
    if (const auto text = table.text(row, column); !text.empty())
      values.push_back(text);
  const auto candidate = csv::sniff_date_format(values, forced);
  if (!candidate) {
    csv::RowError error = candidate.error();
    error.file = table.file;
    error.column = table.columns[column].name;
    throw csv::to_error(error);
  }
  if (candidate->fit == csv::DateFit::none && !values.empty())
    throw Error(fmt::format("{}: column \"{}\": no value is a date in a known layout (first value "
                            "{})",
                            table.file, table.columns[column].name,
                            util::quote_for_message(values.front())),
                "write event dates as YYYY-MM-DD (or DD.MM.YYYY); --date-format forces a layout");
  return candidate->sniff.format;
}

calendar::Date parse_event_date(const csv::Table& table, std::size_t row, std::size_t column,
                                calendar::DateFormat format) {
  const auto text = table.text(row, column);
  if (text.empty())
    fail(table, row, column, "empty event date", "fill in the event date or delete the row");
  const auto date = calendar::parse_date(text, format);
  if (!date)
    fail(table, row, column,
         fmt::format("{} is not a date in format {}", util::quote_for_message(text),
                     calendar::format_pattern(format)),
         fmt::format("write every event date as {}; check that the day exists",
                     calendar::format_pattern(format)));
  return *date;
}

// Row ids when the file has none: the 1-based data row, zero-padded so ids sort in file order.
std::string row_id(std::size_t row, std::size_t rows) {
  const auto width = std::to_string(rows).size();
  auto text = std::to_string(row + 1);
  return std::string(width - std::min(width, text.size()), '0') + text;
}

void check_unique_ids(const csv::Table& table, const std::vector<events::FirmEvent>& events,
                      std::optional<std::size_t> id_column) {
  std::unordered_map<std::string_view, std::size_t> seen; // id -> line
  seen.reserve(events.size());
  for (std::size_t row = 0; row < events.size(); ++row) {
    const auto [it, inserted] = seen.emplace(events[row].id, events[row].line);
    if (!inserted)
      fail(table, row, id_column,
           fmt::format("event id {} is also on line {}", util::quote_for_message(events[row].id),
                       it->second),
           "give every firm-event its own id (a firm in several events needs one id per event)");
  }
}

EventsFile read_named(const csv::Table& table, std::optional<calendar::DateFormat> forced) {
  std::map<std::string, std::size_t> columns;
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    const auto name = util::to_lower(util::trim(table.columns[c].name));
    const bool known = std::find(k_columns.begin(), k_columns.end(), name) != k_columns.end();
    if (!known)
      throw Error(fmt::format("{}:{}: unknown column {} in the events file header", table.file,
                              table.header_line, util::quote_for_message(table.columns[c].name)),
                  "columns are event_id, ticker, event_date, market, group, event_window_start, "
                  "event_window_end, estimation_end, estimation_length (ticker and event_date "
                  "required)");
    if (!columns.emplace(name, c).second)
      throw Error(fmt::format("{}:{}: column {} appears twice in the header", table.file,
                              table.header_line, util::quote_for_message(table.columns[c].name)),
                  "keep one column of each name");
  }
  const auto column = [&](std::string_view name) -> std::optional<std::size_t> {
    const auto it = columns.find(std::string(name));
    return it == columns.end() ? std::nullopt : std::optional<std::size_t>(it->second);
  };
  for (const auto required : {"ticker", "event_date"})
    if (!column(required))
      throw Error(fmt::format("{}:{}: the events file has no {} column", table.file,
                              table.header_line, required),
                  "an events file needs at least the columns ticker and event_date");
  const auto start = column("event_window_start");
  const auto end = column("event_window_end");
  if (start.has_value() != end.has_value())
    throw Error(fmt::format("{}:{}: the events file has {} without {}", table.file,
                            table.header_line, start ? "event_window_start" : "event_window_end",
                            start ? "event_window_end" : "event_window_start"),
                "give both event window columns, or neither");
  const auto date_column = *column("event_date");
  const auto format = date_format_of(table, date_column, forced);

  EventsFile out;
  out.file = table.file;
  out.layout = EventsLayout::named_columns;
  // The columns, looked up once (not per row).
  const auto id_column = column("event_id");
  const auto ticker_column = *column("ticker");
  const auto market_column = column("market");
  const auto group_column = column("group");
  const auto estimation_end_column = column("estimation_end");
  const auto estimation_length_column = column("estimation_length");
  out.events.reserve(table.rows.size());
  for (std::size_t row = 0; row < table.rows.size(); ++row) {
    if (const auto error = table.width_error(row))
      throw csv::to_error(*error);
    events::FirmEvent event;
    event.line = table.rows[row].line;
    event.id =
        id_column ? std::string(table.text(row, *id_column)) : row_id(row, table.rows.size());
    if (event.id.empty())
      fail(table, row, id_column, "empty event id",
           "give every row an event_id, or drop the column");
    event.ticker = util::to_upper(table.text(row, ticker_column));
    if (event.ticker.empty())
      fail(table, row, ticker_column, "empty ticker", "fill in the ticker or delete the row");
    event.date = parse_event_date(table, row, date_column, format);
    if (market_column)
      event.market = util::to_upper(table.text(row, *market_column));
    if (group_column)
      event.group = std::string(table.text(row, *group_column));
    const auto first = optional_int(table, row, start);
    const auto last = optional_int(table, row, end);
    if (first.has_value() != last.has_value())
      fail(table, row, first ? end : start, "one end of the event window is empty",
           "fill in both event_window_start and event_window_end, or leave both empty");
    if (first)
      event.event_window = events::Window{*first, *last};
    event.estimation_end = optional_int(table, row, estimation_end_column);
    event.estimation_length = optional_int(table, row, estimation_length_column);
    check_windows(table, row, event, start, estimation_length_column);
    out.events.push_back(std::move(event));
  }
  check_unique_ids(table, out.events, column("event_id"));
  return out;
}

int required_int(const csv::Table& table, std::size_t row, std::size_t column) {
  const auto value = optional_int(table, row, column);
  if (!value)
    fail(table, row, column, "empty cell", "every column of an ARC request file is required");
  return *value;
}

EventsFile read_arc(const csv::Table& table, std::optional<calendar::DateFormat> forced) {
  const auto format = forced.value_or(calendar::DateFormat::dmy_dot);
  EventsFile out;
  out.file = table.file;
  out.layout = EventsLayout::arc_request;
  for (std::size_t row = 0; row < table.rows.size(); ++row) {
    if (const auto error = table.width_error(row))
      throw csv::to_error(*error);
    const auto& fields = table.rows[row].fields;
    events::FirmEvent event;
    event.line = table.rows[row].line;
    event.id = std::string(table.text(row, 0));
    // Firm and market IDs verbatim: ARC matches them exactly, trailing spaces included.
    event.ticker = fields[1];
    event.market = fields[2];
    if (event.id.empty() || util::trim(event.ticker).empty() || util::trim(event.market).empty())
      fail(table, row, event.id.empty() ? 0U : (util::trim(event.ticker).empty() ? 1U : 2U),
           "empty ID", "an ARC request row needs an event ID, a firm ID and a market ID");
    event.date = parse_event_date(table, row, 3, format);
    event.group = std::string(table.text(row, 4));
    event.event_window = events::Window{required_int(table, row, 5), required_int(table, row, 6)};
    event.estimation_end = required_int(table, row, 7);
    event.estimation_length = required_int(table, row, 8);
    check_windows(table, row, event, 5, 8);
    out.events.push_back(std::move(event));
  }
  check_unique_ids(table, out.events, 0);
  return out;
}

EventsFile read_events_table(const csv::Table& table,
                             std::optional<calendar::DateFormat> date_format) {
  if (!table.sniff.has_header && table.columns.size() == k_arc_columns &&
      table.sniff.dialect.delimiter == ';')
    return read_arc(table, date_format);
  if (!table.sniff.has_header)
    throw Error(fmt::format("{}: the events file has no header ({})", table.file,
                            table.sniff.header_reason),
                "start the file with a header such as event_id,ticker,event_date, or give an "
                "EventStudyTools request file (9 columns separated by ';', no header)");
  return read_named(table, date_format);
}

csv::ReadOptions arc_price_options() {
  csv::ReadOptions options;
  options.header = csv::HeaderMode::absent;
  options.delimiter = ';';
  return options;
}

ArcPriceFile read_arc_price_table(const csv::Table& table) {
  const auto format = table.sniff.date_column == 1 && table.sniff.date_format
                          ? *table.sniff.date_format
                          : calendar::DateFormat::dmy_dot;
  struct Row {
    calendar::Date date;
    double price;
    std::size_t line;
  };
  std::map<std::string, std::vector<Row>> by_id;
  ArcPriceFile out;
  for (std::size_t row = 0; row < table.rows.size(); ++row) {
    if (table.rows[row].fields.size() != 3)
      fail(table, row, std::nullopt,
           fmt::format("the row has {} fields, an ARC price file has 3 (ID;date;price)",
                       table.rows[row].fields.size()),
           "write rows as ID;DD.MM.YYYY;price");
    const auto& id = table.rows[row].fields[0];
    if (util::trim(id).empty())
      fail(table, row, 0, "empty ID", "every row needs the firm or market ID");
    const auto text = table.text(row, 1);
    const auto date = calendar::parse_date(text, format);
    if (!date)
      fail(table, row, 1,
           fmt::format("{} is not a date in format {}", util::quote_for_message(text),
                       calendar::format_pattern(format)),
           "write dates as DD.MM.YYYY");
    const auto price = table.number(row, 2);
    if (!price)
      throw csv::to_error(price.error());
    if (*price == 0.0)
      fail(table, row, 2,
           fmt::format("price {} is zero", util::quote_for_message(table.text(row, 2))),
           "prices must be non-zero; delete the row if the price is unknown");
    out.bid_ask_prices += *price < 0.0 ? 1U : 0U;
    by_id[id].push_back({*date, std::abs(*price), table.rows[row].line});
  }
  for (auto& [id, rows] : by_id) {
    std::stable_sort(rows.begin(), rows.end(),
                     [](const Row& a, const Row& b) { return a.date < b.date; });
    series::PriceSeries s;
    s.ticker = id;
    s.origin = fmt::format("{}:{}", table.file, rows.front().line);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (i > 0 && rows[i].date == rows[i - 1].date)
        throw Error(fmt::format("{}:{}: ID {} has the date {} also on line {}", table.file,
                                rows[i].line, util::quote_for_message(id),
                                calendar::format_iso(rows[i].date), rows[i - 1].line),
                    "keep one price per ID and date");
      s.dates.push_back(rows[i].date);
      s.close.push_back(rows[i].price);
    }
    out.series.push_back(std::move(s));
  }
  return out;
}

} // namespace

std::string_view events_layout_name(EventsLayout layout) noexcept {
  return layout == EventsLayout::arc_request ? "EventStudyTools request file" : "named columns";
}

EventsFile read_events_file(const std::filesystem::path& path,
                            std::optional<calendar::DateFormat> date_format) {
  csv::ReadOptions options;
  options.date_format = date_format;
  return read_events_table(csv::read_table(path, options), date_format);
}

EventsFile read_events_text(std::string_view bytes, std::string file,
                            std::optional<calendar::DateFormat> date_format) {
  csv::ReadOptions options;
  options.date_format = date_format;
  return read_events_table(csv::parse_table(bytes, std::move(file), options), date_format);
}

ArcPriceFile read_arc_prices(const std::filesystem::path& path) {
  return read_arc_price_table(csv::read_table(path, arc_price_options()));
}

ArcPriceFile read_arc_prices_text(std::string_view bytes, std::string file) {
  return read_arc_price_table(csv::parse_table(bytes, std::move(file), arc_price_options()));
}

ArcSiblings find_arc_siblings(const std::filesystem::path& request_file) {
  ArcSiblings out;
  auto folder = request_file.parent_path();
  if (folder.empty())
    folder = ".";
  std::error_code error;
  std::vector<std::filesystem::path> firm;
  std::vector<std::filesystem::path> market;
  for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
    if (!entry.is_regular_file(error))
      continue;
    const auto name = util::to_lower(entry.path().filename().string());
    if (name.find("firmdata") != std::string::npos)
      firm.push_back(entry.path());
    if (name.find("marketdata") != std::string::npos)
      market.push_back(entry.path());
  }
  if (firm.size() == 1)
    out.firm_data = firm.front();
  if (market.size() == 1)
    out.market_data = market.front();
  return out;
}

} // namespace aftershock::sources
