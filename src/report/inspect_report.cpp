#include <aftershock/csv/cell.hpp>
#include <aftershock/csv/dialect.hpp>
#include <aftershock/report/inspect_report.hpp>
#include <aftershock/util/parse.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace aftershock::report {
namespace {

using nlohmann::ordered_json;

constexpr std::size_t k_row_errors_shown = 10;

std::string date_column_name(const sources::FileDescription& file) {
  if (!file.sniff.date_column || *file.sniff.date_column >= file.columns.size())
    return {};
  return file.columns[*file.sniff.date_column].name;
}

// Text that may come from a file, made safe for a terminal: C0 controls, DEL and the UTF-8
// encoded C1 controls (U+0080..U+009F, e.g. the single-byte CSI) become \xNN escapes.
std::string safe(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
      out += fmt::format("\\xc2\\x{:02x}", static_cast<unsigned char>(text[i + 1]));
      ++i;
    } else if (c < 0x20 || c == 0x7F) {
      out += fmt::format("\\x{:02x}", c);
    } else {
      out += text[i];
    }
  }
  return out;
}

void line(std::string& out, std::string_view label, std::string_view value) {
  out += fmt::format("  {:<13}{}\n", label, value);
}

} // namespace

std::string render_inspect_text(const std::vector<sources::FileDescription>& files) {
  std::string out;
  for (const auto& file : files) {
    if (!out.empty())
      out += '\n';
    out += safe(file.file) + '\n';
    const auto& sniff = file.sniff;
    line(out, "encoding", csv::encoding_name(sniff.encoding));
    line(out, "line endings", csv::line_ending_name(sniff.dialect.line_ending));
    line(
        out, "delimiter",
        fmt::format("{} ({})", csv::delimiter_name(sniff.dialect.delimiter), sniff.dialect.reason));
    line(out, "quote", std::string(1, sniff.dialect.quote));
    line(out, "header",
         fmt::format("{} ({})", sniff.has_header ? "yes" : "no", sniff.header_reason));
    std::string columns;
    for (const auto& column : file.columns) {
      if (!columns.empty())
        columns += ", ";
      columns += fmt::format("\"{}\" [{}]", safe(column.name), csv::column_type_name(column.type));
    }
    line(out, "columns", columns);
    if (sniff.date_format)
      line(out, "dates",
           fmt::format("{} in column \"{}\" ({})", calendar::format_pattern(*sniff.date_format),
                       safe(date_column_name(file)), safe(sniff.date_reason)));
    else
      line(out, "dates", fmt::format("none ({})", safe(sniff.date_reason)));
    if (!file.layout.empty())
      line(out, "layout", fmt::format("{} ({})", file.layout, safe(file.layout_reason)));
    std::string tickers;
    for (const auto& ticker : file.tickers)
      tickers += (tickers.empty() ? "" : " ") + safe(ticker);
    if (!tickers.empty())
      line(out, "tickers", tickers);
    line(out, "rows", fmt::format("{}", file.rows));
    if (file.first_date && file.last_date)
      line(out, "date range",
           fmt::format("{} .. {}", calendar::format_iso(*file.first_date),
                       calendar::format_iso(*file.last_date)));
    line(out, "skipped rows", fmt::format("{}", file.skipped_rows));
    for (std::size_t i = 0; i < file.row_errors.size() && i < k_row_errors_shown; ++i)
      line(out, "", "bad row: " + safe(file.row_errors[i]));
    if (file.row_errors.size() > k_row_errors_shown)
      line(out, "",
           fmt::format("... and {} more (all of them with --format json)",
                       file.row_errors.size() - k_row_errors_shown));
    for (const auto& note : file.notes)
      line(out, "note", safe(note));
    if (!file.problem.empty())
      line(out, "PROBLEM", safe(file.problem));
  }
  return out;
}

std::string render_inspect_json(const std::vector<sources::FileDescription>& files) {
  ordered_json list = ordered_json::array();
  for (const auto& file : files) {
    const auto& sniff = file.sniff;
    ordered_json entry;
    entry["file"] = file.file;
    entry["encoding"] = "UTF-8";
    entry["bom"] = sniff.encoding == csv::Encoding::utf8_bom;
    entry["line_endings"] = csv::line_ending_name(sniff.dialect.line_ending);
    entry["delimiter"] = std::string(1, sniff.dialect.delimiter);
    entry["delimiter_reason"] = sniff.dialect.reason;
    entry["quote"] = std::string(1, sniff.dialect.quote);
    entry["header"] = sniff.has_header;
    entry["header_reason"] = sniff.header_reason;
    ordered_json columns = ordered_json::array();
    for (const auto& column : file.columns)
      columns.push_back({{"name", column.name}, {"type", csv::column_type_name(column.type)}});
    entry["columns"] = std::move(columns);
    const auto date_column = date_column_name(file);
    entry["date_column"] = date_column.empty() ? ordered_json() : ordered_json(date_column);
    entry["date_format"] = sniff.date_format
                               ? ordered_json(calendar::format_pattern(*sniff.date_format))
                               : ordered_json();
    entry["date_reason"] = sniff.date_reason;
    entry["layout"] = file.layout.empty() ? ordered_json() : ordered_json(file.layout);
    entry["layout_reason"] =
        file.layout_reason.empty() ? ordered_json() : ordered_json(file.layout_reason);
    entry["tickers"] = file.tickers;
    entry["rows"] = file.rows;
    entry["first_date"] =
        file.first_date ? ordered_json(calendar::format_iso(*file.first_date)) : ordered_json();
    entry["last_date"] =
        file.last_date ? ordered_json(calendar::format_iso(*file.last_date)) : ordered_json();
    entry["skipped_rows"] = file.skipped_rows;
    entry["row_errors"] = file.row_errors;
    entry["notes"] = file.notes;
    entry["problem"] = file.problem.empty() ? ordered_json() : ordered_json(file.problem);
    list.push_back(std::move(entry));
  }
  ordered_json root;
  root["files"] = std::move(list);
  // Invalid UTF-8 cannot reach here (phase 1 refuses it); replace defensively all the same.
  return root.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

} // namespace aftershock::report
