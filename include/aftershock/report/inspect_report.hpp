#pragma once
// Renders what `aftershock inspect` found about input files, as aligned text or as JSON.

#include <aftershock/sources/file_description.hpp>

#include <string>
#include <vector>

namespace aftershock::report {

// Human-readable description, one block per file: each sniffer decision with its reason, the
// layout, tickers, rows, date range, skipped rows (the first 10 row errors) and any problem. Text
// taken from the files is quoted and escaped (util::quote_for_message), never written raw to a
// terminal.
std::string render_inspect_text(const std::vector<sources::FileDescription>& files);

// JSON: {"files": [{"file", "encoding", "bom", "line_endings", "delimiter", "delimiter_reason",
// "quote", "header",
// "header_reason", "columns": [{"name", "type"}], "date_column", "date_format", "date_reason",
// "layout", "layout_reason", "tickers", "rows", "first_date", "last_date", "skipped_rows",
// "row_errors", "notes", "problem"}]}; absent values are null. Keys keep this order.
std::string render_inspect_json(const std::vector<sources::FileDescription>& files);

} // namespace aftershock::report
