#pragma once
// Turns a study::StudyResult into text in one of the output formats. Renderers format numbers
// only; they never compute a statistic.

#include <aftershock/csv/writer.hpp>
#include <aftershock/report/terminal_style.hpp>
#include <aftershock/study/result.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aftershock::report {

enum class Format { table, csv, json, markdown, latex };

// The one table a CSV output holds (`--table`).
enum class CsvTable { firms, days, cars, aggregate_days, aggregate_cars };

// Inputs of the run that are not part of the study configuration, echoed in the JSON config
// and the table header.
struct RunInputs {
  std::vector<std::string> data_paths; // --data, as given
  std::string shares_path;             // the shares file used; empty when none
  std::string date_format = "sniffed"; // --date-format, or "sniffed"
  std::string on_bad_row = "fail";     // --on-bad-row
};

// What the people formats (table, markdown, latex) show: the whole report, or the one data
// table `csv_table` (with `--table` or `--columns`), formatted by column kind.
enum class TableScope { full_report, one_table };

struct RenderOptions {
  Format format = Format::table;
  CsvTable csv_table = CsvTable::cars;
  TableScope scope = TableScope::full_report;
  // Columns of `csv_table` to show, in this order (README "Output formats"); empty = all.
  std::vector<std::string> columns;
  // CSV only: neutralise cells a spreadsheet would run as a formula (`--csv-safe`).
  csv::CellSafety csv_safety = csv::CellSafety::plain;
  RunInputs inputs;
  // Sparkline glyphs and colour of the table format (markdown: glyphs only, never colour).
  TerminalStyle style;
};

// Renders `result` in `options.format`; the text ends with a newline. Throws UsageError when
// `options.columns` names a column `options.csv_table` does not have.
std::string render(const study::StudyResult& result, const RenderOptions& options);

// Throws UsageError ("unknown column ... for --table T; valid columns: ...", exit 2) unless
// every name in `columns` is a column of `table`; a column of a test not in `tests` is a
// UsageError saying the test was not selected (--tests).
void check_columns(CsvTable table, const std::vector<std::string>& columns,
                   const study::TestSelection& tests = study::TestSelection::all());

// Option spellings: "table", "csv", "json", "markdown", "latex"; and their inverse (nullopt if
// unknown).
std::string_view format_name(Format format) noexcept;
std::optional<Format> parse_format_name(std::string_view name) noexcept;

// Option spellings: "firms", "days", "cars", "aggregate-days", "aggregate-cars".
std::string_view csv_table_name(CsvTable table) noexcept;
std::optional<CsvTable> parse_csv_table_name(std::string_view name) noexcept;

} // namespace aftershock::report
