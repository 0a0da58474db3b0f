#pragma once
// The CSV reader: runs the sniffer phases (1 encoding, 2 dialect, 3 header, 4 column types and
// the date column) and keeps the records with typed accessors whose failures are RowErrors
// carrying file, line, column name, the original text and a fix hint.

#include <aftershock/calendar/date.hpp>
#include <aftershock/csv/cell.hpp>
#include <aftershock/csv/dialect.hpp>
#include <aftershock/csv/encoding.hpp>
#include <aftershock/csv/row_error.hpp>
#include <aftershock/util/result.hpp>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aftershock::csv {

// Whether the first record is a header.
enum class HeaderMode { detect, present, absent };

struct ReadOptions {
  std::optional<calendar::DateFormat> date_format; // forced; sniffed when empty
  std::optional<char> delimiter;                   // forced; sniffed when empty
  HeaderMode header = HeaderMode::detect;
};

struct Column {
  std::string name; // from the header (trimmed), or "column<N>" (1-based) without one
  ColumnType type = ColumnType::text;
};

// What the sniffer found, in the order it decided it.
struct SniffReport {
  Encoding encoding = Encoding::utf8;
  Dialect dialect;
  bool has_header = false;
  std::string header_reason;
  std::optional<std::size_t> date_column; // index into Table::columns
  std::optional<calendar::DateFormat> date_format;
  std::string date_reason;
};

struct Table {
  std::string file; // as named by the caller, used in every message
  SniffReport sniff;
  std::vector<Column> columns;
  std::vector<Record> rows;    // data rows (header excluded), in file order
  std::size_t header_line = 0; // 1-based line of the header; 0 without one

  // Index of the column whose name equals `name` ignoring ASCII case and surrounding blanks.
  [[nodiscard]] std::optional<std::size_t> find_column(std::string_view name) const;

  // A RowError when `row` does not have exactly one field per column.
  [[nodiscard]] std::optional<RowError> width_error(std::size_t row) const;

  // The trimmed text of a cell ("" when the row is short).
  [[nodiscard]] std::string_view text(std::size_t row, std::size_t column) const noexcept;

  // The cell as a finite number; an empty cell is an error.
  [[nodiscard]] util::Result<double, RowError> number(std::size_t row, std::size_t column) const;

  // The cell as a finite number, NaN when empty.
  [[nodiscard]] util::Result<double, RowError> optional_number(std::size_t row,
                                                               std::size_t column) const;

  // The cell of the date column (or `column`) parsed in the sniffed date format.
  [[nodiscard]] util::Result<calendar::Date, RowError>
  date(std::size_t row, std::optional<std::size_t> column = std::nullopt) const;

  // A RowError for `row`/`column` with the given problem and hint.
  [[nodiscard]] RowError error_at(std::size_t row, std::optional<std::size_t> column,
                                  std::string problem, std::string hint) const;
};

// Reads and sniffs `bytes` (the content of `file`). Line numbers in messages start at
// `first_line`. Throws aftershock::Error for file-level problems: bad encoding, an unterminated
// quote, an empty file, a file with a header but no data rows, ambiguous dates.
Table parse_table(std::string_view bytes, std::string file, const ReadOptions& options,
                  std::size_t first_line = 1);

// Reads the file at `path` and calls parse_table; throws aftershock::Error when it cannot be
// read.
Table read_table(const std::filesystem::path& path, const ReadOptions& options);

// Reads a whole file into memory; throws aftershock::Error naming the path when it cannot.
std::string read_file_bytes(const std::filesystem::path& path);

} // namespace aftershock::csv
