#include "support/wide_csv.hpp"

#include <aftershock/calendar/date.hpp>
#include <aftershock/util/parse.hpp>

#include <cmath>
#include <fstream>
#include <limits>
#include <stdexcept>

namespace aftershock::test {

namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

std::vector<std::vector<std::string>> read_rows(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in)
    throw std::runtime_error("cannot open " + path.string());
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (util::trim(line).empty())
      continue;
    rows.push_back(util::split(util::trim(line), ','));
  }
  if (rows.empty())
    throw std::runtime_error(path.string() + " is empty");
  return rows;
}

calendar::Date date_of(const std::string& text, const std::filesystem::path& path) {
  const auto date = calendar::parse_iso_date(text);
  if (!date)
    throw std::runtime_error(path.string() + ": bad date " + text);
  return *date;
}

double number_of(const std::string& text, const std::filesystem::path& path) {
  if (util::trim(text).empty())
    return k_nan;
  const auto value = util::parse_double(text);
  if (!value)
    throw std::runtime_error(path.string() + ": bad number " + text);
  return *value;
}

} // namespace

series::Panel read_wide_panel(const std::filesystem::path& path,
                              const std::string& calendar_column) {
  const auto rows = read_rows(path);
  const auto& header = rows.front();
  std::size_t market = header.size();
  for (std::size_t c = 1; c < header.size(); ++c)
    if (header[c] == calendar_column)
      market = c;
  if (market == header.size())
    throw std::runtime_error(path.string() + ": no column " + calendar_column);
  std::vector<series::PriceSeries> series(header.size() - 1);
  std::vector<calendar::Date> calendar_dates;
  for (std::size_t c = 1; c < header.size(); ++c) {
    series[c - 1].ticker = header[c];
    series[c - 1].origin = path.string();
  }
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    const auto date = date_of(row.at(0), path);
    for (std::size_t c = 1; c < header.size(); ++c) {
      const double price = c < row.size() ? number_of(row[c], path) : k_nan;
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
    const auto rows = read_rows(path);
    series::PriceSeries s;
    s.ticker = ticker;
    s.origin = path.string();
    for (std::size_t r = 1; r < rows.size(); ++r) {
      s.dates.push_back(date_of(rows[r].at(0), path));
      s.close.push_back(number_of(rows[r].at(1), path));
      s.adj_close.push_back(rows[r].size() > 2 ? number_of(rows[r][2], path) : k_nan);
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
  std::ifstream in(path);
  if (!in)
    throw std::runtime_error("cannot open " + path.string());
  series::SharesTable table;
  table.origin = path.string();
  std::string line;
  std::getline(in, line); // header
  while (std::getline(in, line)) {
    if (util::trim(line).empty())
      continue;
    std::vector<std::string> cells;
    std::size_t start = 0;
    for (int i = 0; i < 3; ++i) {
      const auto comma = line.find(',', start);
      if (comma == std::string::npos)
        throw std::runtime_error(path.string() + ": short row " + line);
      cells.push_back(line.substr(start, comma - start));
      start = comma + 1;
    }
    series::SharesRecord record;
    record.ticker = cells[0];
    record.shares = number_of(cells[1], path);
    if (!util::trim(cells[2]).empty())
      record.as_of = date_of(cells[2], path);
    record.source = std::string(util::trim(line.substr(start)));
    table.records.push_back(std::move(record));
  }
  return table;
}

} // namespace aftershock::test
