#include "support/ref_csv.hpp"

#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "support/paths.hpp"

namespace aftershock::test {
namespace {

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  std::istringstream in(line);
  while (std::getline(in, cell, ','))
    cells.push_back(cell);
  if (!line.empty() && line.back() == ',')
    cells.emplace_back();
  return cells;
}

} // namespace

RefCsv::RefCsv(const std::filesystem::path& path) {
  std::istringstream in(read_file(path));
  std::string line;
  std::size_t line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r')
      line.pop_back();
    if (line.empty())
      continue;
    auto cells = split(line);
    if (m_header.empty()) {
      m_header = std::move(cells);
      continue;
    }
    if (cells.size() != m_header.size())
      throw std::runtime_error(path.string() + " line " + std::to_string(line_number) +
                               ": wrong number of cells");
    m_cells.push_back(std::move(cells));
  }
}

std::size_t RefCsv::column_index(const std::string& name) const {
  for (std::size_t i = 0; i < m_header.size(); ++i)
    if (m_header[i] == name)
      return i;
  throw std::runtime_error("no column " + name);
}

const std::string& RefCsv::text(std::size_t row, const std::string& column) const {
  return m_cells.at(row).at(column_index(column));
}

double RefCsv::number(std::size_t row, const std::string& column) const {
  const std::string& cell = text(row, column);
  if (cell.empty() || cell == "NA")
    return std::numeric_limits<double>::quiet_NaN();
  std::size_t used = 0;
  const double value = std::stod(cell, &used);
  if (used != cell.size())
    throw std::runtime_error("not a number in column " + column + ": " + cell);
  return value;
}

std::size_t RefCsv::row_of(const std::string& key) const {
  for (std::size_t i = 0; i < m_cells.size(); ++i)
    if (!m_cells[i].empty() && m_cells[i][0] == key)
      return i;
  throw std::runtime_error("no row " + key);
}

} // namespace aftershock::test
