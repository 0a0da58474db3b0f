#include "support/ref_csv.hpp"

#include <aftershock/calendar/date.hpp>

#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "support/paths.hpp"

namespace aftershock::test {
namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

// Splits at commas; with `limit` > 0 the last of `limit` cells takes the rest of the line.
std::vector<std::string> split(const std::string& line, std::size_t limit) {
  std::vector<std::string> cells;
  std::size_t start = 0;
  while (true) {
    const auto comma = line.find(',', start);
    if (comma == std::string::npos || (limit > 0 && cells.size() + 1 == limit)) {
      cells.push_back(line.substr(start));
      return cells;
    }
    cells.push_back(line.substr(start, comma - start));
    start = comma + 1;
  }
}

} // namespace

RefCsv::RefCsv(const std::filesystem::path& path, LastCell last) : m_path(path.string()) {
  std::istringstream in(read_file(path));
  std::string line;
  std::size_t line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r')
      line.pop_back();
    if (line.empty())
      continue;
    if (m_header.empty()) {
      m_header = split(line, 0);
      continue;
    }
    auto cells = split(line, last == LastCell::rest_of_line ? m_header.size() : 0);
    if (cells.size() != m_header.size())
      throw std::runtime_error(m_path + " line " + std::to_string(line_number) +
                               ": wrong number of cells");
    m_cells.push_back(std::move(cells));
  }
  if (m_header.empty())
    throw std::runtime_error(m_path + " is empty");
}

std::size_t RefCsv::column_index(const std::string& name) const {
  for (std::size_t i = 0; i < m_header.size(); ++i)
    if (m_header[i] == name)
      return i;
  throw std::runtime_error(m_path + ": no column " + name);
}

const std::string& RefCsv::text(std::size_t row, const std::string& column) const {
  return text(row, column_index(column));
}

const std::string& RefCsv::text(std::size_t row, std::size_t column) const {
  return m_cells.at(row).at(column);
}

double RefCsv::number(std::size_t row, const std::string& column) const {
  return number(row, column_index(column));
}

double RefCsv::number(std::size_t row, std::size_t column) const {
  const std::string& cell = text(row, column);
  if (cell.empty() || cell == "NA")
    return k_nan;
  std::size_t used = 0;
  const double value = std::stod(cell, &used);
  if (used != cell.size())
    throw std::runtime_error(m_path + ": not a number in column " + m_header.at(column) + ": " +
                             cell);
  return value;
}

calendar::Date RefCsv::date(std::size_t row, std::size_t column) const {
  const auto parsed = calendar::parse_iso_date(text(row, column));
  if (!parsed)
    throw std::runtime_error(m_path + ": bad date " + text(row, column));
  return *parsed;
}

std::size_t RefCsv::row_of(const std::string& key) const {
  for (std::size_t i = 0; i < m_cells.size(); ++i)
    if (!m_cells[i].empty() && m_cells[i][0] == key)
      return i;
  throw std::runtime_error(m_path + ": no row " + key);
}

series::Panel read_wide_panel(const std::filesystem::path& path,
                              const std::string& calendar_column) {
  const RefCsv csv(path);
  const std::size_t market = csv.column_index(calendar_column);
  const std::size_t columns = csv.header().size();
  std::vector<series::PriceSeries> series(columns - 1);
  std::vector<calendar::Date> calendar_dates;
  for (std::size_t c = 1; c < columns; ++c) {
    series[c - 1].ticker = csv.header()[c];
    series[c - 1].origin = path.string();
  }
  for (std::size_t r = 0; r < csv.rows(); ++r) {
    const auto date = csv.date(r, 0);
    for (std::size_t c = 1; c < columns; ++c) {
      const double price = csv.number(r, c);
      if (std::isnan(price))
        continue;
      series[c - 1].dates.push_back(date);
      series[c - 1].close.push_back(price);
      if (c == market)
        calendar_dates.push_back(date);
    }
  }
  return series::align(calendar::TradingCalendar(std::move(calendar_dates)), series);
}

series::Panel read_price_dir_panel(const std::filesystem::path& dir,
                                   const std::vector<std::string>& tickers,
                                   const std::string& market) {
  std::vector<series::PriceSeries> all;
  std::vector<calendar::Date> calendar_dates;
  for (const auto& ticker : tickers) {
    const auto path = dir / (ticker + ".csv");
    if (!std::filesystem::exists(path))
      continue;
    const RefCsv csv(path);
    const bool has_adjusted = csv.header().size() > 2;
    series::PriceSeries s;
    s.ticker = ticker;
    s.origin = path.string();
    for (std::size_t r = 0; r < csv.rows(); ++r) {
      s.dates.push_back(csv.date(r, 0));
      s.close.push_back(csv.number(r, 1));
      s.adj_close.push_back(has_adjusted ? csv.number(r, 2) : k_nan);
    }
    if (ticker == market)
      calendar_dates = s.dates;
    all.push_back(std::move(s));
  }
  if (calendar_dates.empty())
    throw std::runtime_error("no prices for the market " + market + " in " + dir.string());
  return series::align(calendar::TradingCalendar(std::move(calendar_dates)), all);
}

series::SharesTable read_shares(const std::filesystem::path& path) {
  const RefCsv csv(path, LastCell::rest_of_line);
  series::SharesTable table;
  table.origin = path.string();
  for (std::size_t r = 0; r < csv.rows(); ++r) {
    series::SharesRecord record;
    record.ticker = csv.text(r, 0);
    record.shares = csv.number(r, 1);
    if (!csv.text(r, 2).empty())
      record.as_of = csv.date(r, 2);
    record.source = csv.text(r, 3);
    table.records.push_back(std::move(record));
  }
  return table;
}

} // namespace aftershock::test
