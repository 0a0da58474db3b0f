#pragma once
// Sniffer phase 2: the dialect (delimiter, quote, line endings) and the record splitter that
// applies it. Quotes follow RFC 4180: a field starting with `"` runs to the next lone `"`, and
// `""` inside it is one quote character; quoted fields may span lines.

#include <aftershock/csv/row_error.hpp>
#include <aftershock/util/result.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aftershock::csv {

enum class LineEnding {
  none,  // a single line without a terminator
  lf,    // \n
  crlf,  // \r\n
  mixed, // both occur
};

struct Dialect {
  char delimiter = ',';
  char quote = '"';
  LineEnding line_ending = LineEnding::lf;
  std::string reason; // why this delimiter was chosen, for `inspect`
};

// One record (logical row) of the file.
struct Record {
  std::size_t line = 0;            // 1-based physical line where the record starts
  std::vector<std::string> fields; // unquoted field texts, not trimmed
};

// Splits `text` into records. Blank lines (nothing but spaces or tabs) are skipped; line numbers
// count from `first_line`. At most `max_records` records are returned. Fails on an unterminated
// quoted field, a character between a closing quote and the next delimiter, or a record of more
// than 10000 fields.
util::Result<std::vector<Record>, RowError>
split_records(std::string_view text, char delimiter, std::string_view file,
              std::size_t first_line = 1, std::size_t max_records = static_cast<std::size_t>(-1));

// Chooses the delimiter among comma, semicolon, tab and '|' by splitting a sample of records
// with each and preferring the one that gives the most records with the same field count (and,
// on a tie, more fields; then the order above). `forced` wins when given.
Dialect sniff_dialect(std::string_view text, std::optional<char> forced);

// "LF", "CRLF", "mixed" or "none".
std::string_view line_ending_name(LineEnding ending) noexcept;

// A printable name for a delimiter: "comma", "semicolon", "tab", "pipe" or the character.
std::string delimiter_name(char delimiter);

} // namespace aftershock::csv
