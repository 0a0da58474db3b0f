#pragma once
// The one test-only CSV reader (the product's CSV reader lives in the csv module): the reference
// case files of ../shared/reference, wide price files (date,T1,T2,... as in the estudy2 case),
// the per-ticker files of data/prices (date,close,adj_close,volume) and
// data/shares_outstanding.csv. Comma-separated, first line a header, no quoting, ISO dates.
// Cells that are empty or "NA" read as NaN in numeric access; everything else malformed throws
// std::runtime_error naming the file.

#include <aftershock/calendar/date.hpp>
#include <aftershock/series/panel.hpp>
#include <aftershock/series/shares.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace aftershock::test {

// How the last column of a row is read: one cell, or the rest of the line (free text with
// commas, e.g. the source column of data/shares_outstanding.csv).
enum class LastCell { single, rest_of_line };

class RefCsv {
public:
  // Reads the whole file; throws std::runtime_error when it cannot be opened or a row has a
  // different number of cells than the header.
  explicit RefCsv(const std::filesystem::path& path, LastCell last = LastCell::single);

  // Number of data rows (header excluded).
  std::size_t rows() const noexcept { return m_cells.size(); }

  // Index of the column named `name`; throws std::runtime_error when absent.
  std::size_t column_index(const std::string& name) const;

  // Raw text of a cell.
  const std::string& text(std::size_t row, const std::string& column) const;
  const std::string& text(std::size_t row, std::size_t column) const;

  // Numeric value of a cell (NaN for empty / NA); throws on text that is not a number.
  double number(std::size_t row, const std::string& column) const;
  double number(std::size_t row, std::size_t column) const;

  // ISO date of a cell; throws when it is not one.
  calendar::Date date(std::size_t row, std::size_t column) const;

  // Index of the first row whose first cell equals `key`; throws when absent.
  std::size_t row_of(const std::string& key) const;

  // Header names, in file order.
  const std::vector<std::string>& header() const noexcept { return m_header; }

private:
  std::string m_path;
  std::vector<std::string> m_header;
  std::vector<std::vector<std::string>> m_cells;
};

// A panel from a wide CSV (date,T1,T2,...): empty cells are missing prices, every column holds
// close only (no adj_close), and the calendar is the dates on which `calendar_column` has a price.
series::Panel read_wide_panel(const std::filesystem::path& path,
                              const std::string& calendar_column);

// A panel from `dir`/<T>.csv (date,close[,adj_close,...]) for every ticker of `tickers`; the
// calendar is the dates of `market` (which must be among `tickers`). Files missing for a ticker
// leave it out.
series::Panel read_price_dir_panel(const std::filesystem::path& dir,
                                   const std::vector<std::string>& tickers,
                                   const std::string& market);

// ticker,shares,as_of,source (source may contain commas: everything after the third one).
series::SharesTable read_shares(const std::filesystem::path& path);

} // namespace aftershock::test
