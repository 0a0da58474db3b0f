// Layout detection and row extraction for price files (issue 2, item 1 and "Bad input").
#include <aftershock/sources/price_file.hpp>
#include <aftershock/util/parse.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

namespace aftershock::sources {
namespace {

constexpr std::size_t k_max_ticker_length = 20;
constexpr std::size_t k_row_errors_kept_under_skip = 5;
constexpr std::array<std::string_view, 3> k_price_extensions{".csv", ".tsv", ".txt"};

// Lower case without blanks, '_', '-' and '.', so "Adj Close", "adj_close" and "AdjClose" match.
std::string normalized(std::string_view name) {
  std::string out;
  for (const char c : util::to_lower(util::trim(name)))
    if (c != ' ' && c != '_' && c != '-' && c != '.')
      out += c;
  return out;
}

template <std::size_t N>
std::optional<std::size_t> find_alias(const csv::Table& table,
                                      const std::array<std::string_view, N>& aliases) {
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    if (table.sniff.date_column == c)
      continue;
    const auto name = normalized(table.columns[c].name);
    for (const auto alias : aliases)
      if (name == alias)
        return c;
  }
  return std::nullopt;
}

struct Entry {
  calendar::Date date;
  double close = 0.0;
  double adj_close = 0.0;
  double volume = 0.0;
  std::size_t line = 0;
};

class RowSink {
public:
  RowSink(BadRowPolicy policy, PriceFile& file) : m_policy(policy), m_file(file) {}

  // Applies the bad-row policy to `error`: throws under fail, counts (and keeps) otherwise.
  void bad(const csv::RowError& error) {
    if (m_policy == BadRowPolicy::fail)
      throw csv::to_error(error);
    ++m_file.skipped_rows;
    if (m_policy == BadRowPolicy::report || m_file.row_errors.size() < k_row_errors_kept_under_skip)
      m_file.row_errors.push_back(error.message());
  }

private:
  BadRowPolicy m_policy;
  PriceFile& m_file;
};

// A price cell: a finite number > 0 (NaN when `optional` and the cell is empty).
util::Result<double, csv::RowError> read_price(const csv::Table& table, std::size_t row,
                                               std::size_t column, bool optional) {
  auto value = optional ? table.optional_number(row, column) : table.number(row, column);
  if (!value || std::isnan(*value))
    return value;
  if (*value <= 0.0)
    return util::unexpected(table.error_at(
        row, column,
        fmt::format("price {} is not positive", util::quote_for_message(table.text(row, column))),
        "prices must be greater than zero; delete the row or pass --on-bad-row skip"));
  return value;
}

} // namespace

bool is_valid_ticker(std::string_view ticker) noexcept {
  if (ticker.empty() || ticker.size() > k_max_ticker_length)
    return false;
  if (ticker == "." || ticker == "..")
    return false;
  return std::all_of(ticker.begin(), ticker.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '-' || c == '^' || c == '=' || c == '_';
  });
}

std::string_view layout_name(PriceLayout layout) noexcept {
  switch (layout) {
  case PriceLayout::per_ticker:
    return "per-ticker";
  case PriceLayout::yahoo:
    return "yahoo";
  case PriceLayout::long_format:
    return "long";
  case PriceLayout::wide:
    return "wide";
  }
  return "?";
}

csv::Table read_price_table(const std::filesystem::path& path, const LoadOptions& options) {
  csv::ReadOptions read;
  read.date_format = options.date_format;
  read.delimiter = options.delimiter;
  return csv::read_table(path, read);
}

LayoutInfo detect_layout(const csv::Table& table, const std::filesystem::path& path) {
  if (!table.sniff.date_column)
    throw Error(fmt::format("{}: no date column found ({})", table.file, table.sniff.date_reason),
                "name the date column \"date\" and write dates as YYYY-MM-DD, YYYYMMDD, "
                "MM/DD/YYYY, DD/MM/YYYY or DD.MM.YYYY");
  LayoutInfo info;
  const auto stem_ticker = [&] {
    std::string stem = path.stem().string();
    if (!is_valid_ticker(stem))
      throw Error(fmt::format("{}: the file name gives the ticker {}, which is not a valid "
                              "ticker",
                              table.file, util::quote_for_message(stem)),
                  "name per-ticker files <TICKER>.csv using only A-Z, 0-9 and . - ^ = _");
    return stem;
  };
  if (!table.sniff.has_header) {
    if (table.columns.size() != 2)
      throw Error(fmt::format("{}: the file has no header row and {} columns", table.file,
                              table.columns.size()),
                  "add a header such as date,close or date,ticker,close");
    info.layout = PriceLayout::per_ticker;
    info.close = *table.sniff.date_column == 0 ? 1 : 0;
    info.file_ticker = stem_ticker();
    info.reason = "no header and two columns: read as date,close";
    return info;
  }
  info.ticker = find_alias(table, std::array<std::string_view, 2>{"ticker", "symbol"});
  info.close = find_alias(table, std::array<std::string_view, 3>{"close", "closeprice", "price"});
  info.adj_close =
      find_alias(table, std::array<std::string_view, 3>{"adjclose", "adjustedclose", "adjprice"});
  info.volume = find_alias(table, std::array<std::string_view, 2>{"volume", "vol"});
  const auto open = find_alias(table, std::array<std::string_view, 3>{"open", "high", "low"});
  if (info.ticker) {
    if (!info.close)
      throw Error(fmt::format("{}: column \"{}\" makes this a long file, but it has no close "
                              "column",
                              table.file, table.columns[*info.ticker].name),
                  "a long file needs the columns date,ticker,close (adj_close and volume are "
                  "optional)");
    info.layout = PriceLayout::long_format;
    info.reason = fmt::format("columns \"{}\" and \"{}\": one row per date and ticker",
                              table.columns[*info.ticker].name, table.columns[*info.close].name);
    return info;
  }
  if (info.close || info.adj_close) {
    if (!info.close)
      throw Error(fmt::format("{}: column \"{}\" is present but there is no close column",
                              table.file, table.columns[*info.adj_close].name),
                  "add the unadjusted close as a column named close");
    info.file_ticker = stem_ticker();
    info.layout = open ? PriceLayout::yahoo : PriceLayout::per_ticker;
    info.reason = open ? "Open/High/Low/Close columns as in a Yahoo download; ticker from file name"
                       : fmt::format("column \"{}\" and no ticker column; ticker from file name",
                                     table.columns[*info.close].name);
    return info;
  }
  info.layout = PriceLayout::wide;
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    if (c == *table.sniff.date_column)
      continue;
    const auto& name = table.columns[c].name;
    if (!is_valid_ticker(name))
      throw Error(fmt::format("{}:{}: column \"{}\" is not a valid ticker (wide layout: every "
                              "column after the date is a ticker)",
                              table.file, table.header_line, util::quote_for_message(name, 40)),
                  "for one ticker per file use the columns date,close; tickers use only A-Z, "
                  "0-9 and . - ^ = _");
    info.ticker_columns.push_back(c);
  }
  if (info.ticker_columns.empty())
    throw Error(fmt::format("{}: only a date column, no prices", table.file),
                "add a close column (date,close) or one column per ticker (date,NVDA,AMD)");
  info.reason = "no close or ticker column: every other column is one ticker's close";
  return info;
}

void extract_prices(const csv::Table& table, const LayoutInfo& layout, const LoadOptions& options,
                    PriceFile& file) {
  RowSink sink(options.on_bad_row, file);
  constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();
  std::map<std::string, std::vector<Entry>> entries;
  for (std::size_t row = 0; row < table.rows.size(); ++row) {
    if (const auto width = table.width_error(row)) {
      sink.bad(*width);
      continue;
    }
    const auto date = table.date(row);
    if (!date) {
      sink.bad(date.error());
      continue;
    }
    const std::size_t line = table.rows[row].line;
    if (layout.layout == PriceLayout::wide) {
      for (const auto column : layout.ticker_columns) {
        if (table.text(row, column).empty())
          continue; // no price for this ticker on this day (wide files are padded)
        const auto close = read_price(table, row, column, false);
        if (!close) {
          sink.bad(close.error());
          continue;
        }
        entries[table.columns[column].name].push_back(Entry{*date, *close, k_nan, k_nan, line});
      }
      continue;
    }
    std::string ticker = layout.file_ticker;
    if (layout.ticker) {
      ticker = std::string(table.text(row, *layout.ticker));
      if (!is_valid_ticker(ticker)) {
        sink.bad(table.error_at(
            row, layout.ticker,
            fmt::format("{} is not a valid ticker", util::quote_for_message(ticker, 40)),
            "tickers are 1-20 characters from A-Z, 0-9 and . - ^ = _"));
        continue;
      }
    }
    const auto close = read_price(table, row, *layout.close, false);
    if (!close) {
      sink.bad(close.error());
      continue;
    }
    Entry entry{*date, *close, k_nan, k_nan, line};
    if (layout.adj_close) {
      const auto adj = read_price(table, row, *layout.adj_close, true);
      if (!adj) {
        sink.bad(adj.error());
        continue;
      }
      entry.adj_close = *adj;
    }
    if (layout.volume) {
      const auto volume = table.optional_number(row, *layout.volume);
      if (!volume) {
        sink.bad(volume.error());
        continue;
      }
      if (*volume < 0.0) {
        sink.bad(
            table.error_at(row, layout.volume,
                           fmt::format("volume {} is negative",
                                       util::quote_for_message(table.text(row, *layout.volume))),
                           "volume must be zero or positive; leave the cell empty if unknown"));
        continue;
      }
      entry.volume = *volume;
    }
    entries[ticker].push_back(entry);
  }
  if (entries.empty())
    throw Error(fmt::format("{}: no usable price rows ({} of {} rows skipped)", table.file,
                            file.skipped_rows, table.rows.size()),
                file.row_errors.empty() ? std::string("check the file's contents")
                                        : "first problem: " + file.row_errors.front());
  for (auto& [ticker, rows] : entries) {
    const auto by_date = [](const Entry& a, const Entry& b) { return a.date < b.date; };
    if (!std::is_sorted(rows.begin(), rows.end(), by_date)) {
      const bool descending = std::is_sorted(rows.rbegin(), rows.rend(), by_date);
      std::stable_sort(rows.begin(), rows.end(), by_date);
      file.notes.push_back(fmt::format("{}: {} rows were in {} date order; sorted ascending",
                                       table.file, ticker, descending ? "descending" : "mixed"));
    }
    for (std::size_t i = 1; i < rows.size(); ++i) {
      if (rows[i].date != rows[i - 1].date)
        continue;
      const auto first = std::min(rows[i].line, rows[i - 1].line);
      const auto second = std::max(rows[i].line, rows[i - 1].line);
      throw Error(fmt::format("{}:{}: duplicate date {} for {} (also on line {})", table.file,
                              second, calendar::format_iso(rows[i].date), ticker, first),
                  "each date may appear once per ticker; delete one of the two rows");
    }
    series::PriceSeries series;
    series.ticker = ticker;
    series.origin = table.file;
    const bool has_adj = layout.adj_close.has_value();
    const bool has_volume = layout.volume.has_value();
    for (const auto& row : rows) {
      series.dates.push_back(row.date);
      series.close.push_back(row.close);
      if (has_adj)
        series.adj_close.push_back(row.adj_close);
      if (has_volume)
        series.volume.push_back(row.volume);
    }
    file.series.push_back(std::move(series));
  }
}

std::vector<std::filesystem::path>
expand_price_paths(const std::vector<std::filesystem::path>& paths) {
  std::vector<std::filesystem::path> files;
  for (const auto& path : paths) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
      throw Error(fmt::format("{}: no such file or directory", path.string()),
                  "check the path given to --data");
    if (!std::filesystem::is_directory(path, ec)) {
      files.push_back(path);
      continue;
    }
    std::vector<std::filesystem::path> found;
    for (const auto& entry : std::filesystem::directory_iterator(path)) {
      const auto name = entry.path().filename().string();
      const auto extension = util::to_lower(entry.path().extension().string());
      if (!entry.is_regular_file() || name.starts_with("."))
        continue;
      if (std::find(k_price_extensions.begin(), k_price_extensions.end(), extension) !=
          k_price_extensions.end())
        found.push_back(entry.path());
    }
    if (found.empty())
      throw Error(fmt::format("{}: the directory has no .csv, .tsv or .txt files", path.string()),
                  "point --data at a directory of per-ticker files such as NVDA.csv, or at a "
                  "file");
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

} // namespace aftershock::sources
