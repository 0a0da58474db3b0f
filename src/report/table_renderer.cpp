#include <aftershock/report/sections.hpp>
#include <aftershock/report/table_renderer.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace aftershock::report {
namespace {

constexpr std::size_t k_width = 100; // the terminal width the report is laid out for

// Appends `text` word-wrapped to k_width: the first line starts with `first` (e.g. two spaces,
// or a padded label), continuation lines with `indent` spaces. A word longer than a line is
// left unbroken.
void append_wrapped(std::string& out, const std::string& first, std::size_t indent,
                    std::string_view text) {
  std::string line = first;
  bool line_has_word = false;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto end = std::min(text.find(' ', pos), text.size());
    const auto word = text.substr(pos, end - pos);
    pos = end + 1;
    if (word.empty())
      continue;
    if (line_has_word && line.size() + 1 + word.size() > k_width) {
      out += line + "\n";
      line = std::string(indent, ' ');
      line_has_word = false;
    }
    if (line_has_word)
      line += ' ';
    line += word;
    line_has_word = true;
  }
  out += line + "\n";
}

} // namespace

std::string render_table(const study::StudyResult& result, const RunInputs& inputs,
                         const TerminalStyle& style) {
  std::string out = fmt::format("aftershock {}: event study\n\nConventions\n", AFTERSHOCK_VERSION);
  const auto conventions = convention_lines(result, inputs);
  std::size_t width = 0;
  for (const auto& [label, value] : conventions)
    width = std::max(width, label.size());
  for (const auto& [label, value] : conventions)
    append_wrapped(out, fmt::format("  {:<{}}  ", label, width), width + 4, value);

  for (const auto& event : result.events) {
    out += "\n" + event_line(event) + "\n" + event_details(event) + "\n";
    for (const auto& section : event_sections(event, style)) {
      out += "\n" + section.title + "\n";
      if (!section.table.rows.empty())
        out += render_aligned(section.table);
      for (const auto& note : section.notes)
        append_wrapped(out, "  ", 4, note);
    }
  }
  if (!result.notes.empty()) {
    out += "\nNotes\n";
    for (const auto& note : result.notes)
      append_wrapped(out, "  ", 4, note);
  }
  return out;
}

} // namespace aftershock::report
