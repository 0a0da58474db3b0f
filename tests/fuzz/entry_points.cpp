#include "entry_points.hpp"

#include <aftershock/calendar/date.hpp>
#include <aftershock/csv/date_sniffer.hpp>
#include <aftershock/csv/table.hpp>
#include <aftershock/csv/writer.hpp>
#include <aftershock/sources/price_file.hpp>
#include <aftershock/util/error.hpp>
#include <aftershock/util/parse.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <string_view>
#include <vector>

namespace aftershock::fuzz {
namespace {

void check(bool condition) {
  if (!condition)
    std::abort();
}

void exercise_table(const csv::Table& table) {
  for (std::size_t row = 0; row < table.rows.size(); ++row) {
    (void)table.width_error(row);
    (void)table.date(row);
    for (std::size_t column = 0; column < table.columns.size(); ++column) {
      const auto number = table.number(row, column);
      if (number)
        check(std::isfinite(*number));
      else
        check(!number.error().message().empty());
      (void)table.optional_number(row, column);
    }
    // Writer round trip: what the writer emits reads back as the same fields.
    const auto& fields = table.rows[row].fields;
    const auto text =
        csv::format_row(fields, {table.sniff.dialect.delimiter, csv::CellSafety::plain});
    const auto back = csv::split_records(text, table.sniff.dialect.delimiter, "roundtrip");
    const bool blank = fields.size() == 1 && util::trim(fields[0]).empty();
    if (!blank) {
      check(back.has_value() && back->size() == 1);
      check(back->front().fields == fields);
    }
  }
}

} // namespace

void run_csv_reader(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    const auto table = csv::parse_table(bytes, "fuzz.csv", {});
    exercise_table(table);
    const auto layout = sources::detect_layout(table, "FUZZ.csv");
    sources::LoadOptions options;
    options.on_bad_row = sources::BadRowPolicy::report;
    sources::PriceFile file;
    sources::extract_prices(table, layout, options, file);
    for (const auto& series : file.series) {
      check(series.dates.size() == series.close.size());
      for (std::size_t i = 1; i < series.dates.size(); ++i)
        check(series.dates[i - 1] < series.dates[i]);
      for (const double close : series.close)
        check(close > 0.0 && std::isfinite(close));
    }
  } catch (const Error&) {
    // Expected: bad input ends in aftershock::Error with a message.
  }
}

void run_date_parser(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  constexpr std::array<calendar::DateFormat, 5> formats{
      calendar::DateFormat::iso, calendar::DateFormat::yyyymmdd, calendar::DateFormat::mdy_slash,
      calendar::DateFormat::dmy_slash, calendar::DateFormat::dmy_dot};
  for (const auto format : formats) {
    const auto date = calendar::parse_date(text, format);
    if (date)
      check(calendar::parse_iso_date(calendar::format_iso(*date)) == date);
  }
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = std::min(text.find('\n', start), text.size());
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  (void)csv::sniff_date_format(lines, std::nullopt);
  (void)csv::sniff_date_format(lines, calendar::DateFormat::dmy_dot);
}

} // namespace aftershock::fuzz
