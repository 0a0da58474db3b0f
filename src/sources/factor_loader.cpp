// Kenneth French data library daily files. The library publishes returns in percent
// ("F-F_Research_Data_Factors_daily.CSV": description lines, a header ",Mkt-RF,SMB,HML,RF",
// rows "19260701,    0.10,   -0.25,   -0.27,    0.01", then a copyright line); -99.99 and
// -999 mark missing values in the library's files. Values are divided by 100 here.
#include <aftershock/csv/encoding.hpp>
#include <aftershock/csv/table.hpp>
#include <aftershock/sources/factor_loader.hpp>
#include <aftershock/util/error.hpp>
#include <aftershock/util/parse.hpp>

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <string>

namespace aftershock::sources {
namespace {

constexpr double k_percent = 100.0;
constexpr double k_missing_codes[] = {-99.99, -999.0};

struct Line {
  std::string_view text;
  std::size_t number = 0; // 1-based
};

std::vector<Line> split_lines(std::string_view text) {
  std::vector<Line> lines;
  std::size_t number = 1;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos)
      end = text.size();
    auto line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r')
      line.remove_suffix(1);
    lines.push_back(Line{line, number++});
    start = end + 1;
  }
  return lines;
}

bool starts_with_date(std::string_view line, std::optional<calendar::DateFormat> forced) {
  const auto comma = line.find_first_of(",;\t");
  const auto first = util::trim(line.substr(0, comma));
  if (forced)
    return calendar::parse_date(first, *forced).has_value();
  return calendar::parse_date(first, calendar::DateFormat::yyyymmdd) ||
         calendar::parse_date(first, calendar::DateFormat::iso);
}

bool is_missing_code(double value) {
  for (const double code : k_missing_codes)
    if (value == code)
      return true;
  return false;
}

} // namespace

FactorFile read_factor_file(const std::filesystem::path& path,
                            std::optional<calendar::DateFormat> date_format) {
  return read_factor_text(csv::read_file_bytes(path), path.string(), date_format);
}

FactorFile read_factor_text(std::string_view bytes, const std::string& file,
                            std::optional<calendar::DateFormat> date_format) {
  const auto decoded = csv::check_encoding(bytes, file);
  if (!decoded)
    throw csv::to_error(decoded.error());
  const auto lines = split_lines(decoded->text);
  std::size_t first_data = 0;
  while (first_data < lines.size() && !starts_with_date(lines[first_data].text, date_format))
    ++first_data;
  if (first_data == lines.size())
    throw Error(fmt::format("{}: no row starts with a date", file),
                "expected a Kenneth French daily file (rows such as 20250127,-1.46,...) or "
                "date,Mkt-RF,... with YYYY-MM-DD dates");
  std::size_t header = first_data;
  while (header > 0 && util::trim(lines[header - 1].text).empty())
    --header;
  if (header == 0)
    throw Error(fmt::format("{}:{}: no header line above the first dated row", file,
                            lines[first_data].number),
                "the line above the data must name the factors, e.g. ,Mkt-RF,SMB,HML,RF");
  --header;
  std::size_t end = first_data;
  while (end < lines.size() && starts_with_date(lines[end].text, date_format))
    ++end;
  // The data block [header, end) as one text; the rest (annual section, copyright) is ignored.
  const auto* block_begin = lines[header].text.data();
  const auto* block_end = lines[end - 1].text.data() + lines[end - 1].text.size();
  const std::string_view block(block_begin, static_cast<std::size_t>(block_end - block_begin));

  csv::ReadOptions options;
  options.date_format = date_format;
  options.header = csv::HeaderMode::present;
  const auto table = csv::parse_table(block, file, options, lines[header].number);
  if (!table.sniff.date_column || *table.sniff.date_column != 0)
    throw Error(
        fmt::format("{}:{}: the first column does not hold dates", file, lines[first_data].number),
        "factor files start with the date column");
  FactorFile result;
  result.sniff = table.sniff;
  result.sniff.header_reason =
      fmt::format("line {}, the line above the first dated row", lines[header].number);
  result.columns = table.columns;
  result.lines_before = header;
  for (std::size_t i = end; i < lines.size(); ++i)
    if (!util::trim(lines[i].text).empty())
      ++result.lines_after;
  auto& factors = result.factors;
  factors.origin = file;
  for (std::size_t c = 1; c < table.columns.size(); ++c) {
    factors.columns.push_back(table.columns[c].name);
    factors.values.emplace_back();
  }
  for (std::size_t row = 0; row < table.rows.size(); ++row) {
    if (const auto width = table.width_error(row))
      throw csv::to_error(*width);
    const auto date = table.date(row);
    if (!date)
      throw csv::to_error(date.error());
    if (!factors.dates.empty() && *date <= factors.dates.back())
      throw csv::to_error(table.error_at(
          row, 0,
          fmt::format("date {} is not after the previous row's {}", calendar::format_iso(*date),
                      calendar::format_iso(factors.dates.back())),
          "factor files must be in increasing date order without duplicates"));
    factors.dates.push_back(*date);
    for (std::size_t c = 1; c < table.columns.size(); ++c) {
      const auto value = table.number(row, c);
      if (!value)
        throw csv::to_error(value.error());
      factors.values[c - 1].push_back(
          is_missing_code(*value) ? std::numeric_limits<double>::quiet_NaN() : *value / k_percent);
    }
  }
  return result;
}

series::FactorTable load_factor_file(const std::filesystem::path& path,
                                     std::optional<calendar::DateFormat> date_format) {
  return read_factor_file(path, date_format).factors;
}

series::FactorTable load_factors(const std::vector<std::filesystem::path>& paths,
                                 std::optional<calendar::DateFormat> date_format) {
  std::vector<series::FactorTable> tables;
  tables.reserve(paths.size());
  for (const auto& path : paths)
    tables.push_back(load_factor_file(path, date_format));
  if (tables.size() == 1)
    return std::move(tables.front());
  return series::join_on_date(tables);
}

} // namespace aftershock::sources
