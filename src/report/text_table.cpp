#include <aftershock/report/text_table.hpp>

#include <algorithm>

namespace aftershock::report {
namespace {

Align column_align(const TextTable& table, std::size_t column) {
  return column < table.align.size() ? table.align[column] : Align::right;
}

void append_padded(std::string& out, const std::string& cell, std::size_t width, Align align) {
  const std::size_t cell_width = display_width(cell);
  const std::size_t pad = width > cell_width ? width - cell_width : 0;
  if (align == Align::right)
    out.append(pad, ' ');
  out += cell;
  if (align == Align::left)
    out.append(pad, ' ');
}

void append_line(std::string& out, const TextTable& table, const std::vector<std::string>& cells,
                 const std::vector<std::size_t>& widths, int indent) {
  std::string line(static_cast<std::size_t>(indent), ' ');
  for (std::size_t c = 0; c < widths.size(); ++c) {
    if (c > 0)
      line += "  ";
    append_padded(line, c < cells.size() ? cells[c] : std::string{}, widths[c],
                  column_align(table, c));
  }
  while (!line.empty() && line.back() == ' ')
    line.pop_back();
  out += line;
  out += '\n';
}

std::string escape_markdown(const std::string& cell) {
  std::string out;
  for (const char ch : cell) {
    if (ch == '|')
      out += '\\';
    out += ch;
  }
  return out;
}

} // namespace

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == 0x1b && i + 1 < text.size() && text[i + 1] == '[') {
      // CSI: parameters and intermediates up to a final byte in 0x40..0x7e (ECMA-48 s.5.4).
      i += 2;
      while (i < text.size() && (static_cast<unsigned char>(text[i]) < 0x40 ||
                                 static_cast<unsigned char>(text[i]) > 0x7e))
        ++i;
      continue;
    }
    if ((byte & 0xc0U) != 0x80U) // not a UTF-8 continuation byte
      ++width;
  }
  return width;
}

std::string render_aligned(const TextTable& table, int indent) {
  std::vector<std::size_t> widths(table.headers.size(), 0);
  for (std::size_t c = 0; c < widths.size(); ++c)
    widths[c] = display_width(table.headers[c]);
  for (const auto& row : table.rows)
    for (std::size_t c = 0; c < std::min(row.size(), widths.size()); ++c)
      widths[c] = std::max(widths[c], display_width(row[c]));

  std::string out;
  append_line(out, table, table.headers, widths, indent);
  std::vector<std::string> rule;
  rule.reserve(widths.size());
  for (const auto width : widths)
    rule.emplace_back(width, '-');
  append_line(out, table, rule, widths, indent);
  for (const auto& row : table.rows)
    append_line(out, table, row, widths, indent);
  return out;
}

std::string render_markdown(const TextTable& table) {
  std::string out = "|";
  for (const auto& header : table.headers)
    out += " " + escape_markdown(header) + " |";
  out += "\n|";
  for (std::size_t c = 0; c < table.headers.size(); ++c)
    out += column_align(table, c) == Align::right ? "---:|" : ":---|";
  out += '\n';
  for (const auto& row : table.rows) {
    out += "|";
    for (std::size_t c = 0; c < table.headers.size(); ++c)
      out += " " + escape_markdown(c < row.size() ? row[c] : std::string{}) + " |";
    out += '\n';
  }
  return out;
}

} // namespace aftershock::report
