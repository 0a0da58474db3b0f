#pragma once
// What `aftershock inspect` reports about each input file: the sniffer's findings with their
// reasons, the price layout, tickers, row count, date range and any problem that would stop a
// study.

#include <aftershock/calendar/date.hpp>
#include <aftershock/csv/table.hpp>
#include <aftershock/sources/price_loader.hpp>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace aftershock::sources {

struct FileDescription {
  std::string file;
  csv::SniffReport sniff;           // encoding, dialect, header, date column and format, reasons
  std::vector<csv::Column> columns; // names and detected types
  std::string layout; // "per-ticker", "yahoo", "long", "wide", "factors" (Kenneth French
                      // file), "shares" (shares-outstanding file); empty when unknown
  std::string layout_reason;
  std::vector<std::string> tickers;
  std::size_t rows = 0; // data rows in the file
  std::optional<calendar::Date> first_date;
  std::optional<calendar::Date> last_date;
  std::size_t skipped_rows = 0;        // rows that would be skipped under --on-bad-row skip
  std::vector<std::string> row_errors; // their messages
  std::vector<std::string> notes;
  std::string problem; // the error that would stop loading (e.g. a duplicate date), or empty
};

// Describes every file `paths` name (directories expanded): price files, factor files (either
// Kenneth French layout) and shares files. Bad rows are collected rather than fatal; file-level
// problems (encoding, empty file) still throw aftershock::Error.
std::vector<FileDescription> describe_files(const std::vector<std::filesystem::path>& paths,
                                            const LoadOptions& options);

} // namespace aftershock::sources
