#include <aftershock/report/csv_renderer.hpp>
#include <aftershock/report/json_renderer.hpp>
#include <aftershock/report/markdown_renderer.hpp>
#include <aftershock/report/render.hpp>
#include <aftershock/report/table_renderer.hpp>

#include <array>
#include <utility>

namespace aftershock::report {
namespace {

constexpr std::array<std::pair<Format, std::string_view>, 4> k_formats{{
    {Format::table, "table"},
    {Format::csv, "csv"},
    {Format::json, "json"},
    {Format::markdown, "markdown"},
}};

constexpr std::array<std::pair<CsvTable, std::string_view>, 5> k_tables{{
    {CsvTable::firms, "firms"},
    {CsvTable::days, "days"},
    {CsvTable::cars, "cars"},
    {CsvTable::aggregate_days, "aggregate-days"},
    {CsvTable::aggregate_cars, "aggregate-cars"},
}};

} // namespace

std::string render(const study::StudyResult& result, const RenderOptions& options) {
  switch (options.format) {
  case Format::table:
    return render_table(result, options.inputs, options.style);
  case Format::csv:
    return render_csv(result, options.csv_table);
  case Format::json:
    return render_json(result, options.inputs);
  case Format::markdown:
    return render_markdown(result, options.inputs, options.style.glyphs);
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
