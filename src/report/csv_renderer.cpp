#include <aftershock/report/csv_renderer.hpp>
#include <aftershock/report/data_table.hpp>

#include <vector>

namespace aftershock::report {
namespace {

void append_row(std::string& out, const std::vector<std::string>& row, csv::CellSafety safety) {
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (i > 0)
      out += ',';
    // The plain form keeps the RFC 4180 minimum (csv_field); the safe one is the csv writer's.
    out += safety == csv::CellSafety::plain ? csv_field(row[i])
                                            : csv::format_cell(row[i], {',', safety});
  }
  out += '\n';
}

} // namespace

std::string csv_field(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos)
    return std::string(field);
  std::string out = "\"";
  for (const char ch : field) {
    if (ch == '"')
      out += '"';
    out += ch;
  }
  out += '"';
  return out;
}

std::string render_csv(const study::StudyResult& result, CsvTable table,
                       const std::vector<std::string>& columns, csv::CellSafety safety) {
  check_columns(table, columns, result.config.inference.tests);
  auto data = build_data_table(result, table);
  if (!columns.empty()) {
    std::vector<std::string> unknown;
    data = select_columns(data, columns, unknown);
  }
  std::string out;
  std::vector<std::string> header;
  for (const auto& column : data.columns)
    header.push_back(column.name);
  append_row(out, header, safety);
  for (const auto& row : data.rows) {
    std::vector<std::string> cells;
    for (std::size_t i = 0; i < row.size(); ++i)
      cells.push_back(full_cell(data.columns[i], row[i]));
    append_row(out, cells, safety);
  }
  return out;
}

} // namespace aftershock::report
