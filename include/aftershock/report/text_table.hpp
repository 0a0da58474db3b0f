#pragma once
// A small table of already formatted cells, printed either aligned for a terminal or as a
// GitHub-flavoured Markdown table. Used by the table and markdown renderers.

#include <string>
#include <string_view>
#include <vector>

namespace aftershock::report {

enum class Align { left, right };

struct TextTable {
  std::vector<std::string> headers;
  std::vector<Align> align; // one per column; missing entries mean right-aligned
  std::vector<std::vector<std::string>> rows;
};

// Width of `text` in terminal columns: UTF-8 code points, ANSI escape sequences (ESC [ ... final
// byte) not counted. Every character aftershock prints is one column wide.
std::size_t display_width(std::string_view text);

// Columns padded to their widest cell, separated by two spaces, each line prefixed by
// `indent` spaces, with a dashed rule under the header; ends with a newline.
std::string render_aligned(const TextTable& table, int indent = 2);

// `| a | b |` rows with a `|---|--:|` alignment line; '|' in cells is escaped; ends with a
// newline.
std::string render_markdown(const TextTable& table);

} // namespace aftershock::report
