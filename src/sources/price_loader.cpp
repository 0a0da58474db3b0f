#include <aftershock/sources/long_price_reader.hpp>
#include <aftershock/sources/price_file.hpp>
#include <aftershock/sources/price_loader.hpp>
#include <aftershock/util/error.hpp>
#include <aftershock/util/parse.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace aftershock::sources {

namespace {

// Reads one file into `loaded`; `origin_of` maps each ticker seen so far to its file.
void load_file(const std::filesystem::path& path, const LoadOptions& options,
               std::map<std::string, std::string>& origin_of, LoadedPrices& loaded,
               std::map<std::string, std::size_t>& layouts) {
  PriceFile file;
  std::string origin = path.string();
  if (auto fast = read_long_prices_fast(path, options, {options.threads, options.fast_min_bytes})) {
    ++layouts[std::string(layout_name(PriceLayout::long_format))];
    file = std::move(*fast);
  } else {
    const auto table = read_price_table(path, options);
    const auto layout = detect_layout(table, path);
    ++layouts[std::string(layout_name(layout.layout))];
    extract_prices(table, layout, options, file);
    origin = table.file;
  }
  loaded.skipped_rows += file.skipped_rows;
  for (auto& message : file.row_errors)
    loaded.row_errors.push_back(std::move(message));
  for (auto& note : file.notes)
    loaded.notes.push_back(std::move(note));
  for (auto& series : file.series) {
    const auto [it, inserted] = origin_of.emplace(series.ticker, origin);
    if (!inserted)
      throw Error(fmt::format("ticker {} is in both {} and {}", series.ticker, it->second, origin),
                  "each ticker may come from one file only; remove one of them from --data");
    loaded.series.push_back(std::move(series));
  }
}

} // namespace

LoadedPrices load_prices(const std::vector<std::filesystem::path>& paths,
                         const LoadOptions& options) {
  LoadedPrices loaded;
  std::map<std::string, std::string> origin_of; // ticker -> file
  for (const auto& input : paths) {
    std::error_code ec;
    const bool directory = std::filesystem::is_directory(input, ec);
    const auto files = expand_price_paths({input});
    std::map<std::string, std::size_t> layouts; // layout name -> number of files
    for (const auto& path : files)
      load_file(path, options, origin_of, loaded, layouts);
    if (directory) {
      std::string summary;
      for (const auto& [name, count] : layouts)
        summary += fmt::format("{}{} {}", summary.empty() ? "" : ", ", count, name);
      loaded.notes.push_back(
          fmt::format("{}: {} files ({} layout)", input.string(), files.size(), summary));
    }
  }
  std::sort(loaded.series.begin(), loaded.series.end(),
            [](const auto& a, const auto& b) { return a.ticker < b.ticker; });
  return loaded;
}

LoadedPanel panel_from_prices(LoadedPrices loaded, const PanelRequest& request) {
  LoadedPanel out;
  out.skipped_rows = loaded.skipped_rows;
  out.row_errors = std::move(loaded.row_errors);
  out.notes = std::move(loaded.notes);
  for (const auto& s : loaded.series)
    out.available.push_back(s.ticker);
  std::sort(out.available.begin(), out.available.end());
  const auto market = std::find_if(loaded.series.begin(), loaded.series.end(),
                                   [&](const auto& s) { return s.ticker == request.market; });
  if (market == loaded.series.end())
    return out;
  calendar::TradingCalendar calendar(market->dates);
  if (!request.tickers.empty())
    std::erase_if(loaded.series, [&](const series::PriceSeries& s) {
      return s.ticker != request.market && std::find(request.tickers.begin(), request.tickers.end(),
                                                     s.ticker) == request.tickers.end();
    });
  std::sort(loaded.series.begin(), loaded.series.end(),
            [](const auto& a, const auto& b) { return a.ticker < b.ticker; });
  out.panel = series::align(std::move(calendar), loaded.series);
  return out;
}

LoadedPanel load_panel(const std::vector<std::filesystem::path>& paths, const LoadOptions& options,
                       const PanelRequest& request) {
  if (paths.size() == 1) {
    const auto files = expand_price_paths(paths);
    if (files.size() == 1) {
      if (auto fast = read_long_panel_fast(files.front(), options, request,
                                           {options.threads, options.fast_min_bytes})) {
        LoadedPanel out;
        out.panel = std::move(fast->panel);
        out.available = std::move(fast->available);
        std::error_code ec;
        if (std::filesystem::is_directory(paths.front(), ec)) // as load_prices notes it
          out.notes.push_back(fmt::format("{}: 1 files (1 {} layout)", paths.front().string(),
                                          layout_name(PriceLayout::long_format)));
        return out;
      }
    }
  }
  return panel_from_prices(load_prices(paths, options), request);
}

series::SharesTable load_shares(const std::filesystem::path& path) {
  const auto table = csv::read_table(path, {});
  const auto ticker_column = table.find_column("ticker");
  auto shares_column = table.find_column("shares");
  if (!shares_column)
    shares_column = table.find_column("shares_outstanding");
  if (!table.sniff.has_header || !ticker_column || !shares_column)
    throw Error(fmt::format("{}: needs the columns ticker and shares", table.file),
                "a shares file has the header ticker,shares,as_of,source (as_of and source "
                "optional), e.g. NVDA,24490000000,2024-11-15,10-Q cover page");
  const auto as_of_column = table.find_column("as_of");
  const auto source_column = table.find_column("source");
  series::SharesTable shares;
  shares.origin = table.file;
  std::map<std::string, std::size_t> line_of;
  for (std::size_t row = 0; row < table.rows.size(); ++row) {
    if (const auto width = table.width_error(row))
      throw csv::to_error(*width);
    series::SharesRecord record;
    record.ticker = std::string(table.text(row, *ticker_column));
    if (!is_valid_ticker(record.ticker))
      throw csv::to_error(table.error_at(
          row, ticker_column,
          fmt::format("{} is not a valid ticker", util::quote_for_message(record.ticker, 40)),
          "tickers are 1-20 characters from A-Z, 0-9 and . - ^ = _"));
    const auto count = table.number(row, *shares_column);
    if (!count)
      throw csv::to_error(count.error());
    if (*count <= 0.0)
      throw csv::to_error(table.error_at(
          row, shares_column,
          fmt::format("share count {} is not positive",
                      util::quote_for_message(table.text(row, *shares_column))),
          "write the number of shares outstanding (not millions), e.g. 24490000000"));
    record.shares = *count;
    if (as_of_column && !table.text(row, *as_of_column).empty()) {
      const auto date = table.date(row, as_of_column);
      if (!date)
        throw csv::to_error(date.error());
      record.as_of = *date;
    }
    if (source_column)
      record.source = std::string(table.text(row, *source_column));
    const std::size_t line = table.rows[row].line;
    const auto [it, inserted] = line_of.emplace(record.ticker, line);
    if (!inserted)
      throw Error(fmt::format("{}:{}: ticker {} is listed twice (also on line {})", table.file,
                              line, record.ticker, it->second),
                  "keep one share count per ticker");
    shares.records.push_back(std::move(record));
  }
  return shares;
}

} // namespace aftershock::sources
