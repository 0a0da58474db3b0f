#pragma once
// The CSV writer used by the report module: RFC 4180 quoting, LF line endings (never CRLF),
// output that is a pure function of the input (stable for golden tests).

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace aftershock::csv {

// Whether text cells that a spreadsheet would run as a formula are neutralised.
enum class CellSafety {
  plain,           // cells written as they are (quoted when needed)
  spreadsheet_safe // cells starting with = + - @ (or tab/CR) get a leading ' unless they are a
                   // plain number such as -0.5 (OWASP "CSV Injection" recommendation)
};

struct WriterOptions {
  char delimiter = ',';
  CellSafety safety = CellSafety::plain;
};

// One cell as written: neutralised under spreadsheet_safe, then quoted when it contains the
// delimiter, a quote, CR or LF, or starts or ends with a blank.
std::string format_cell(std::string_view cell, const WriterOptions& options);

// One record: formatted cells joined by the delimiter, followed by "\n".
std::string format_row(const std::vector<std::string>& cells, const WriterOptions& options);

// Writes rows to a stream.
class Writer {
public:
  Writer(std::ostream& out, WriterOptions options) : m_out(out), m_options(options) {}

  // Writes one record.
  void write_row(const std::vector<std::string>& cells);

private:
  std::ostream& m_out;
  WriterOptions m_options;
};

} // namespace aftershock::csv
