#pragma once
// One machine-readable table of a study result (`--table firms|days|cars|aggregate-days|
// aggregate-cars`) as named, typed columns. The CSV renderer writes it at full precision; with
// `--columns` (or `--table`) the table, markdown and LaTeX renderers show it with each column
// formatted by its kind. Column names and their order are a documented contract (README
// "Output formats"): they are the CSV header names.

#include <aftershock/report/render.hpp>
#include <aftershock/study/result.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace aftershock::report {

// How a column's values are shown to people (CSV always writes full precision).
enum class ColumnKind {
  text,      // as is (tickers, status, dates, ids)
  integer,   // whole numbers (offsets, counts)
  fraction,  // returns, CARs: percent with two decimals in people formats
  decimal,   // beta, r2, ...: three decimals
  statistic, // test statistics and t values: two decimals
  p_value,   // ".041", "<.001"
  dollars,   // "$593.0bn"
  count,     // large counts such as shares: no decimals
};

struct Column {
  std::string name;
  ColumnKind kind = ColumnKind::text;
};

// A cell: `text` for text and integer columns; `number` (NaN when missing) for the others.
struct DataCell {
  std::string text;
  double number = 0.0;
};

struct DataTable {
  std::vector<Column> columns;
  std::vector<std::vector<DataCell>> rows; // each row has one cell per column
};

// Every column of `table` for `result`, in the documented order.
DataTable build_data_table(const study::StudyResult& result, CsvTable table);

// The column names of `table`, in order (without building it).
// The aggregate tables have test columns for the `tests` selected only.
std::vector<std::string>
data_table_columns(CsvTable table, const study::TestSelection& tests = study::TestSelection::all());

// `table` reduced to the columns `names`, in the order given. Names that are not columns of
// `table` are returned in `unknown` (the table is then unchanged).
DataTable select_columns(const DataTable& table, const std::vector<std::string>& names,
                         std::vector<std::string>& unknown);

// A cell at full precision (the CSV form): text as is, numbers in the shortest round-trip
// form, missing numbers as "".
std::string full_cell(const Column& column, const DataCell& cell);

// A cell for people: formatted by the column's kind; missing numbers as "-".
std::string display_cell(const Column& column, const DataCell& cell);

} // namespace aftershock::report
