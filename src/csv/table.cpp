// The reader: the sniffer phases in order (after DuckDB's CSV sniffer: dialect, types, header;
// see design/style.md section 3.4), then typed access to cells.
#include <aftershock/csv/date_sniffer.hpp>
#include <aftershock/csv/table.hpp>
#include <aftershock/util/parse.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <limits>
#include <sstream>

namespace aftershock::csv {
namespace {

using calendar::DateFormat;

constexpr std::array<std::string_view, 7> k_date_column_names{
    "date", "timestamp", "datetime", "day", "time", "as_of", "asof"};
constexpr std::array<DateFormat, 5> k_all_formats{DateFormat::iso, DateFormat::yyyymmdd,
                                                  DateFormat::mdy_slash, DateFormat::dmy_slash,
                                                  DateFormat::dmy_dot};

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return util::to_lower(util::trim(a)) == util::to_lower(util::trim(b));
}

// "118,42" or "-0,5": digits, one comma, digits (European decimal comma).
bool has_decimal_comma(std::string_view cell) {
  if (!cell.empty() && (cell.front() == '-' || cell.front() == '+'))
    cell.remove_prefix(1);
  const auto comma = cell.find(',');
  if (comma == std::string_view::npos || comma == 0 || comma + 1 == cell.size())
    return false;
  const auto digits = [](std::string_view part) {
    return std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  return digits(cell.substr(0, comma)) && digits(cell.substr(comma + 1));
}

bool looks_like_date(std::string_view cell) {
  cell = util::trim(cell);
  for (const auto format : k_all_formats)
    if (calendar::parse_date(cell, format))
      return true;
  return false;
}

bool looks_like_number_or_date(std::string_view cell) {
  cell = util::trim(cell);
  if (cell.empty())
    return false;
  if (util::parse_double(cell))
    return true;
  for (const auto format : k_all_formats)
    if (calendar::parse_date(cell, format))
      return true;
  return false;
}

// Phase 3: the first record is a header when none of its cells is a number or a date.
void detect_header(const std::vector<Record>& records, HeaderMode mode, SniffReport& sniff) {
  if (mode != HeaderMode::detect) {
    sniff.has_header = mode == HeaderMode::present;
    sniff.header_reason = "given by the caller";
    return;
  }
  // A column with text above a date is a header even when other header cells are numbers,
  // e.g. "date,7203,6758" (Tokyo tickers are numeric).
  if (records.size() >= 2) {
    const auto& first = records[0].fields;
    const auto& second = records[1].fields;
    for (std::size_t c = 0; c < std::min(first.size(), second.size()); ++c) {
      const auto above = util::trim(first[c]);
      if (!above.empty() && looks_like_date(second[c]) && !looks_like_date(above)) {
        sniff.has_header = true;
        sniff.header_reason = fmt::format("the first record holds {} above the date {}, so it "
                                          "is the header",
                                          util::quote_for_message(above),
                                          util::quote_for_message(util::trim(second[c])));
        return;
      }
    }
  }
  for (const auto& cell : records.front().fields) {
    if (looks_like_number_or_date(cell)) {
      sniff.has_header = false;
      sniff.header_reason = fmt::format("the first record holds the value {}, so it is data",
                                        util::quote_for_message(util::trim(cell)));
      return;
    }
  }
  sniff.has_header = true;
  sniff.header_reason = "the first record has no number or date, so it is the header";
}

std::vector<std::string_view> column_values(const Table& table, std::size_t column) {
  std::vector<std::string_view> values;
  values.reserve(table.rows.size());
  for (std::size_t row = 0; row < table.rows.size(); ++row) {
    const auto text = table.text(row, column);
    if (!text.empty())
      values.push_back(text);
  }
  return values;
}

ColumnType number_or_text(const std::vector<std::string_view>& values) {
  if (values.empty())
    return ColumnType::empty;
  for (const auto value : values)
    if (!util::parse_double(value))
      return ColumnType::text;
  return ColumnType::number;
}

[[noreturn]] void throw_file_error(const std::string& file, const RowError& error) {
  RowError located = error;
  located.file = file;
  throw to_error(located);
}

// Phase 4: column types and the date column (a column named like a date first, else the first
// column whose every value is a date).
void detect_types(Table& table, const ReadOptions& options) {
  std::optional<std::size_t> named;
  for (std::size_t c = 0; c < table.columns.size() && !named; ++c)
    for (const auto name : k_date_column_names)
      if (equals_ignoring_case(table.columns[c].name, name))
        named = c;
  for (std::size_t c = 0; c < table.columns.size(); ++c)
    table.columns[c].type = number_or_text(column_values(table, c));

  const auto try_column = [&](std::size_t c, DateFit needed) {
    const auto values = column_values(table, c);
    const auto candidate = sniff_date_format(values, options.date_format, needed);
    if (!candidate) {
      RowError error = candidate.error();
      error.column = table.columns[c].name;
      throw_file_error(table.file, error);
    }
    if (candidate->fit == DateFit::none || (needed == DateFit::all && candidate->fit != needed))
      return false;
    table.sniff.date_column = c;
    table.sniff.date_format = candidate->sniff.format;
    table.sniff.date_reason = candidate->sniff.reason;
    table.columns[c].type = ColumnType::date;
    return true;
  };

  if (named) {
    if (try_column(*named, DateFit::some))
      return;
    const auto values = column_values(table, *named);
    if (!values.empty())
      throw Error(fmt::format("{}: column \"{}\": no value is a date in a known layout (first "
                              "value {})",
                              table.file, table.columns[*named].name,
                              util::quote_for_message(values.front())),
                  "dates must be written as YYYY-MM-DD, YYYYMMDD, MM/DD/YYYY, DD/MM/YYYY or "
                  "DD.MM.YYYY; pass --date-format to choose one");
  }
  for (std::size_t c = 0; c < table.columns.size(); ++c)
    if (table.columns[c].type != ColumnType::empty && try_column(c, DateFit::all))
      return;
  table.sniff.date_reason = "no column holds dates in a known layout";
}

} // namespace

std::optional<std::size_t> Table::find_column(std::string_view name) const {
  for (std::size_t c = 0; c < columns.size(); ++c)
    if (equals_ignoring_case(columns[c].name, name))
      return c;
  return std::nullopt;
}

std::optional<RowError> Table::width_error(std::size_t row) const {
  const auto& fields = rows[row].fields;
  if (fields.size() == columns.size())
    return std::nullopt;
  return error_at(row, std::nullopt,
                  fmt::format("the row has {} fields but the {} has {}", fields.size(),
                              sniff.has_header ? "header" : "first row", columns.size()),
                  fmt::format("every row needs one value per column, separated by the {}; quote "
                              "values that contain the delimiter with \"",
                              delimiter_name(sniff.dialect.delimiter)));
}

std::string_view Table::text(std::size_t row, std::size_t column) const noexcept {
  const auto& fields = rows[row].fields;
  if (column >= fields.size())
    return {};
  return util::trim(fields[column]);
}

util::Result<double, RowError> Table::number(std::size_t row, std::size_t column) const {
  const auto cell = text(row, column);
  const auto value = parse_number(cell);
  if (value)
    return *value;
  std::string hint(number_problem_hint(value.error()));
  if (value.error() == NumberProblem::not_a_number && has_decimal_comma(cell))
    hint = "the value has a decimal comma; aftershock reads '.' as the decimal point (export "
           "with '.', e.g. 118.42, or replace the commas)";
  return util::unexpected(
      error_at(row, column, describe_number_problem(value.error(), cell), std::move(hint)));
}

util::Result<double, RowError> Table::optional_number(std::size_t row, std::size_t column) const {
  if (text(row, column).empty())
    return std::numeric_limits<double>::quiet_NaN();
  return number(row, column);
}

util::Result<calendar::Date, RowError> Table::date(std::size_t row,
                                                   std::optional<std::size_t> column) const {
  const auto c = column ? column : sniff.date_column;
  if (!c || !sniff.date_format)
    return util::unexpected(error_at(row, c, "no date column was found",
                                     "add a column named date with values like 2025-01-27"));
  const auto cell = text(row, *c);
  if (cell.empty())
    return util::unexpected(
        error_at(row, c, "empty date cell", "fill in the date or delete the row"));
  const auto format = *sniff.date_format;
  if (const auto date = calendar::parse_date(cell, format))
    return *date;
  std::string hint = fmt::format("write dates as {}; check that the day exists in that month and "
                                 "the year lies in 1000..9999",
                                 calendar::format_pattern(format));
  for (const auto other : k_all_formats)
    if (other != format && calendar::parse_date(cell, other))
      hint = fmt::format("the value looks like {}; pass --date-format {} if the whole column "
                         "uses it",
                         calendar::format_pattern(other), calendar::format_name(other));
  return util::unexpected(
      error_at(row, c,
               fmt::format("{} is not a date in format {}", util::quote_for_message(cell),
                           calendar::format_pattern(format)),
               std::move(hint)));
}

RowError Table::error_at(std::size_t row, std::optional<std::size_t> column, std::string problem,
                         std::string hint) const {
  RowError error;
  error.file = file;
  error.line = rows[row].line;
  if (column && *column < columns.size())
    error.column = columns[*column].name;
  error.problem = std::move(problem);
  error.hint = std::move(hint);
  return error;
}

Table parse_table(std::string_view bytes, std::string file, const ReadOptions& options,
                  std::size_t first_line) {
  Table table;
  table.file = std::move(file);
  // Phase 1: encoding.
  const auto decoded = check_encoding(bytes, table.file);
  if (!decoded)
    throw to_error(decoded.error());
  table.sniff.encoding = decoded->encoding;
  const std::string_view text = decoded->text;
  if (util::trim(text).empty())
    throw Error(fmt::format("{}: the file is empty", table.file),
                "export the data again: a price file needs a header such as date,close and one "
                "row per day");
  // Phase 2: dialect, then the records.
  table.sniff.dialect = sniff_dialect(text, options.delimiter);
  auto records = split_records(text, table.sniff.dialect.delimiter, table.file, first_line);
  if (!records)
    throw to_error(records.error());
  if (records->empty())
    throw Error(fmt::format("{}: the file is empty (only blank lines)", table.file),
                "export the data again: a price file needs a header such as date,close and one "
                "row per day");
  // Phase 3: header.
  detect_header(*records, options.header, table.sniff);
  const auto& first = records->front();
  for (std::size_t c = 0; c < first.fields.size(); ++c) {
    std::string name = table.sniff.has_header ? std::string(util::trim(first.fields[c])) : "";
    if (name.empty())
      name = fmt::format("column{}", c + 1);
    table.columns.push_back(Column{std::move(name), ColumnType::text});
  }
  if (table.sniff.has_header) {
    table.header_line = first.line;
    if (records->size() == 1)
      throw Error(
          fmt::format("{}:{}: the file has a header but no data rows", table.file, first.line),
          "the file holds no data; export it again with the rows included");
    table.rows.assign(std::make_move_iterator(records->begin() + 1),
                      std::make_move_iterator(records->end()));
  } else {
    table.rows = std::move(*records);
  }
  // Phase 4: types and the date column.
  detect_types(table, options);
  return table;
}

std::string read_file_bytes(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    throw Error(fmt::format("{}: no such file", path.string()),
                "check the path (relative paths start from the current directory)");
  if (std::filesystem::is_directory(path, ec))
    throw Error(fmt::format("{}: is a directory, not a file", path.string()));
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw Error(fmt::format("{}: cannot open the file for reading", path.string()),
                "check the file permissions");
  // One read into a string of the file's size (the stream copy through an ostringstream took
  // ~0.02 s for a 100,000-line events file); a file that grows meanwhile is read to its end.
  std::string bytes;
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec)
    bytes.resize(static_cast<std::size_t>(size));
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  if (in.bad())
    throw Error(fmt::format("{}: read error", path.string()));
  if (!in.eof()) {
    std::ostringstream rest;
    rest << in.rdbuf();
    if (in.bad())
      throw Error(fmt::format("{}: read error", path.string()));
    bytes += std::move(rest).str();
  }
  return bytes;
}

Table read_table(const std::filesystem::path& path, const ReadOptions& options) {
  const std::string bytes = read_file_bytes(path);
  return parse_table(bytes, path.string(), options);
}

} // namespace aftershock::csv
