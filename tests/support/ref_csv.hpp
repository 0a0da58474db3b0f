#pragma once
// A tiny reader for the reference-case CSV files of ../shared/reference (test code only; the
// product's CSV reader lives in the csv module). Comma-separated, first line a header, no
// quoting. Cells that are empty or "NA" read as NaN in numeric access.

#include <filesystem>
#include <string>
#include <vector>

namespace aftershock::test {

class RefCsv {
public:
  // Reads the whole file; throws std::runtime_error when it cannot be opened or a row has a
  // different number of cells than the header.
  explicit RefCsv(const std::filesystem::path& path);

  // Number of data rows (header excluded).
  std::size_t rows() const noexcept { return m_cells.size(); }

  // Index of the column named `name`; throws std::runtime_error when absent.
  std::size_t column_index(const std::string& name) const;

  // Raw text of a cell.
  const std::string& text(std::size_t row, const std::string& column) const;

  // Numeric value of a cell (NaN for empty / NA); throws on text that is not a number.
  double number(std::size_t row, const std::string& column) const;

  // Index of the first row whose first cell equals `key`; throws when absent.
  std::size_t row_of(const std::string& key) const;

  // Header names, in file order.
  const std::vector<std::string>& header() const noexcept { return m_header; }

private:
  std::vector<std::string> m_header;
  std::vector<std::vector<std::string>> m_cells;
};

} // namespace aftershock::test
