// Quoting per RFC 4180 section 2; spreadsheet neutralisation per the OWASP "CSV Injection"
// page (prefix cells starting with = + - @ tab CR with a single quote).
#include <aftershock/csv/writer.hpp>
#include <aftershock/util/parse.hpp>

namespace aftershock::csv {
namespace {

bool starts_like_formula(std::string_view cell) {
  if (cell.empty())
    return false;
  const char first = cell.front();
  if (first != '=' && first != '+' && first != '-' && first != '@' && first != '\t' &&
      first != '\r')
    return false;
  // A plain number such as -0.5 or +3 is data, not a formula; keep it numeric.
  return !util::parse_double(cell) || util::trim(cell).size() != cell.size();
}

} // namespace

std::string format_cell(std::string_view cell, const WriterOptions& options) {
  std::string value;
  if (options.safety == CellSafety::spreadsheet_safe && starts_like_formula(cell))
    value = "'";
  value += cell;
  const bool needs_quotes =
      value.find_first_of(std::string{options.delimiter, '"', '\r', '\n'}) != std::string::npos ||
      (!value.empty() && (value.front() == ' ' || value.back() == ' '));
  if (!needs_quotes)
    return value;
  std::string quoted = "\"";
  for (const char c : value) {
    if (c == '"')
      quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::string format_row(const std::vector<std::string>& cells, const WriterOptions& options) {
  std::string line;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0)
      line += options.delimiter;
    line += format_cell(cells[i], options);
  }
  line += '\n';
  return line;
}

void Writer::write_row(const std::vector<std::string>& cells) {
  m_out << format_row(cells, m_options);
}

} // namespace aftershock::csv
