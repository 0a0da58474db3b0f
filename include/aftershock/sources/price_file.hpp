#pragma once
// One price file: its layout (per-ticker, Yahoo, long, wide) and the series read from it. The
// steps are separate so `inspect` can show what was sniffed even when the data are bad.

#include <aftershock/csv/table.hpp>
#include <aftershock/series/price_series.hpp>
#include <aftershock/sources/price_loader.hpp>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aftershock::sources {

enum class PriceLayout {
  per_ticker,  // date,close[,adj_close,volume]; ticker = file stem
  yahoo,       // Date,Open,High,Low,Close,Adj Close,Volume; ticker = file stem
  long_format, // date,ticker,close[,adj_close,volume] in any column order
  wide,        // date,T1,T2,...: one close column per ticker; empty cell = no price that day
};

struct LayoutInfo {
  PriceLayout layout = PriceLayout::per_ticker;
  std::optional<std::size_t> ticker;       // long layout
  std::optional<std::size_t> close;        // per-ticker, yahoo, long
  std::optional<std::size_t> adj_close;    // optional
  std::optional<std::size_t> volume;       // optional
  std::vector<std::size_t> ticker_columns; // wide layout
  std::string file_ticker;                 // per-ticker and yahoo: the file stem
  std::string reason;                      // why this layout, for `inspect`
};

struct PriceFile {
  std::vector<series::PriceSeries> series; // sorted by ticker
  std::size_t skipped_rows = 0;
  std::vector<std::string> row_errors; // all under report, the first few under skip
  std::vector<std::string> notes;      // e.g. that rows were sorted
};

// Reads and sniffs a price file (see csv::parse_table for what throws).
csv::Table read_price_table(const std::filesystem::path& path, const LoadOptions& options);

// Works out the layout from the column names. Throws aftershock::Error when the file has no
// date column, no usable price column, or a file name that is not a valid ticker.
LayoutInfo detect_layout(const csv::Table& table, const std::filesystem::path& path);

// Reads the series into `file` (which keeps the skipped-row count and row errors gathered so far
// even when this throws). Bad rows follow options.on_bad_row; duplicate dates and files without
// any usable row throw aftershock::Error.
void extract_prices(const csv::Table& table, const LayoutInfo& layout, const LoadOptions& options,
                    PriceFile& file);

// The files that `paths` name: files as given, directories expanded to their *.csv, *.tsv and
// *.txt files (sorted by name). Throws when a path does not exist or a directory has none.
std::vector<std::filesystem::path>
expand_price_paths(const std::vector<std::filesystem::path>& paths);

// True when `ticker` is 1..20 characters from A-Z a-z 0-9 . - ^ = _ (never a path or an
// escape sequence).
bool is_valid_ticker(std::string_view ticker) noexcept;

// "per-ticker", "yahoo", "long" or "wide".
std::string_view layout_name(PriceLayout layout) noexcept;

} // namespace aftershock::sources
