#pragma once
// Loads price series and share counts from CSV files (the always-available source).

#include <aftershock/calendar/date.hpp>
#include <aftershock/series/panel.hpp>
#include <aftershock/series/price_series.hpp>
#include <aftershock/series/shares.hpp>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace aftershock::sources {

// What happens to a malformed data row.
enum class BadRowPolicy {
  fail,   // default: the first bad row ends the command with file, line, column and value
  skip,   // skip it, count it, and report the count
  report, // skip it and keep every row error for a report
};

struct LoadOptions {
  std::optional<calendar::DateFormat> date_format; // forced layout; sniffed when empty
  std::optional<char> delimiter;                   // forced delimiter; sniffed when empty
  BadRowPolicy on_bad_row = BadRowPolicy::fail;
  std::size_t threads = 0;                // parse threads for large long files (0 = number of CPUs)
  std::size_t fast_min_bytes = 8U << 20U; // long files this large take the fast reader (tests
                                          // lower it; results never depend on it)
};

struct LoadedPrices {
  std::vector<series::PriceSeries> series; // one per ticker, sorted by ticker
  std::size_t skipped_rows = 0;            // under skip/report
  std::vector<std::string> row_errors;     // under report (and the first few under skip)
  std::vector<std::string> notes; // e.g. "data/prices: 28 files (28 per-ticker layout)", or
                                  // "x.csv: NVDA rows were in descending date order; sorted"
};

// Loads every price series found at `paths`: a directory of per-ticker files (ticker = file
// stem; *.csv, *.tsv, *.txt), a per-ticker file (date,close[,adj_close,volume] or Yahoo's
// Date,Open,High,Low,Close,Adj Close,Volume), a long file (date,ticker,close[,adj_close,volume]
// in any column order, names case-insensitive) or a wide file (date,T1,T2,...; an empty cell is
// no price that day). Dialect, header and date format are sniffed (see csv/table.hpp). Rows out
// of date order are sorted, with a note. Empty adj_close/volume cells are NaN. Throws
// aftershock::Error naming file, line, column and value on bad input (under BadRowPolicy::fail:
// non-numeric, non-finite or non-positive prices, bad dates, ragged rows), and always on
// duplicate dates (naming both lines), the same ticker in two files, empty or header-only files,
// bad encodings and files with no usable row.
LoadedPrices load_prices(const std::vector<std::filesystem::path>& paths,
                         const LoadOptions& options);

// Which columns a panel load builds (issue 6: a study of 21 firms from an 8000-firm file builds
// 22 columns, not 8000).
struct PanelRequest {
  std::string market;               // its dates are the panel's trading calendar
  std::vector<std::string> tickers; // the firms wanted; empty = every ticker in the data
};

struct LoadedPanel {
  series::Panel panel; // calendar = the market's dates; columns sorted by ticker: the market and
                       // the requested tickers found in the data (all of them when none were
                       // requested). Empty (no calendar, no columns) when the market is absent.
  std::vector<std::string> available; // every ticker in the data, sorted
  std::size_t skipped_rows = 0;
  std::vector<std::string> row_errors;
  std::vector<std::string> notes;
};

// The panel of `loaded` (series::align of the market's dates and the requested series); the
// notes, row errors and skipped-row count are carried over.
LoadedPanel panel_from_prices(LoadedPrices loaded, const PanelRequest& request);

// load_prices followed by panel_from_prices, with the same result, messages and notes; a single
// plain long file of 8 MiB or more is read straight into the panel by read_long_panel_fast
// (long_price_reader.hpp), without per-ticker series. Throws what load_prices throws.
LoadedPanel load_panel(const std::vector<std::filesystem::path>& paths, const LoadOptions& options,
                       const PanelRequest& request);

// Reads a shares file (ticker,shares[,as_of[,source]]; shares a positive number, as_of a date or
// empty). Throws aftershock::Error on bad rows and on a ticker listed twice (naming both lines).
series::SharesTable load_shares(const std::filesystem::path& path);

} // namespace aftershock::sources
