#include <aftershock/report/csv_renderer.hpp>
#include <aftershock/report/data_table.hpp>
#include <aftershock/report/json_renderer.hpp>
#include <aftershock/report/latex_renderer.hpp>
#include <aftershock/report/markdown_renderer.hpp>
#include <aftershock/report/render.hpp>
#include <aftershock/report/table_renderer.hpp>
#include <aftershock/report/text_table.hpp>
#include <aftershock/util/error.hpp>
#include <aftershock/util/parse.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

namespace aftershock::report {
namespace {

constexpr std::array<std::pair<Format, std::string_view>, 5> k_formats{{
    {Format::table, "table"},
    {Format::csv, "csv"},
    {Format::json, "json"},
    {Format::markdown, "markdown"},
    {Format::latex, "latex"},
}};

constexpr std::array<std::pair<CsvTable, std::string_view>, 5> k_tables{{
    {CsvTable::firms, "firms"},
    {CsvTable::days, "days"},
    {CsvTable::cars, "cars"},
    {CsvTable::aggregate_days, "aggregate-days"},
    {CsvTable::aggregate_cars, "aggregate-cars"},
}};

// The data table `options.csv_table` (its `options.columns`) as a TextTable of display cells.
TextTable one_table(const study::StudyResult& result, const RenderOptions& options) {
  auto data = build_data_table(result, options.csv_table);
  if (!options.columns.empty()) {
    std::vector<std::string> unknown;
    data = select_columns(data, options.columns, unknown);
  }
  TextTable table;
  for (const auto& column : data.columns) {
    table.headers.push_back(column.name);
    table.align.push_back(column.kind == ColumnKind::text ? Align::left : Align::right);
  }
  for (const auto& row : data.rows) {
    std::vector<std::string> cells;
    for (std::size_t i = 0; i < row.size(); ++i)
      cells.push_back(display_cell(data.columns[i], row[i]));
    table.rows.push_back(std::move(cells));
  }
  return table;
}

} // namespace

void check_columns(CsvTable table, const std::vector<std::string>& columns,
                   const study::TestSelection& tests) {
  const auto valid = data_table_columns(table, tests);
  const auto every = data_table_columns(table);
  for (const auto& name : columns)
    if (std::find(valid.begin(), valid.end(), name) == valid.end()) {
      if (std::find(every.begin(), every.end(), name) != every.end()) {
        const auto test =
            name.substr(0, name.rfind(name.ends_with("_p_value") ? "_p_value" : "_statistic"));
        throw UsageError(fmt::format("column {} for --table {}: test {} was not selected "
                                     "(--tests {})",
                                     util::quote_for_message(name), csv_table_name(table), test,
                                     fmt::join(tests.names(), ",")),
                         "add " + test + " to --tests, or drop the column from --columns");
      }
      std::string list;
      for (const auto& v : valid)
        list += (list.empty() ? "" : ",") + v;
      throw UsageError(fmt::format("unknown column {} for --table {}; valid columns: {}",
                                   util::quote_for_message(name), csv_table_name(table), list),
                       "pick --columns from that list, or choose another --table");
    }
}

std::string render(const study::StudyResult& result, const RenderOptions& options) {
  check_columns(options.csv_table, options.columns, result.config.inference.tests);
  const bool one = options.scope == TableScope::one_table || !options.columns.empty();
  switch (options.format) {
  case Format::table:
    return one ? render_aligned(one_table(result, options), 0)
               : render_table(result, options.inputs, options.style);
  case Format::csv:
    return render_csv(result, options.csv_table, options.columns, options.csv_safety);
  case Format::json:
    return render_json(result, options.inputs);
  case Format::markdown:
    return one ? render_markdown(one_table(result, options))
               : render_markdown(result, options.inputs, options.style.glyphs);
  case Format::latex:
    return one ? render_latex(one_table(result, options)) : render_latex(result, options.inputs);
  }
  return {};
}

std::string_view format_name(Format format) noexcept {
  for (const auto& [value, name] : k_formats)
    if (value == format)
      return name;
  return "?";
}

std::optional<Format> parse_format_name(std::string_view name) noexcept {
  for (const auto& [value, text] : k_formats)
    if (text == name)
      return value;
  return std::nullopt;
}

std::string_view csv_table_name(CsvTable table) noexcept {
  for (const auto& [value, name] : k_tables)
    if (value == table)
      return name;
  return "?";
}

std::optional<CsvTable> parse_csv_table_name(std::string_view name) noexcept {
  for (const auto& [value, text] : k_tables)
    if (text == name)
      return value;
  return std::nullopt;
}

} // namespace aftershock::report
