#include <aftershock/report/sections.hpp>
#include <aftershock/report/table_renderer.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace aftershock::report {

std::string render_table(const study::StudyResult& result, const RunInputs& inputs) {
  std::string out = fmt::format("aftershock {}: event study\n\nConventions\n", AFTERSHOCK_VERSION);
  const auto conventions = convention_lines(result, inputs);
  std::size_t width = 0;
  for (const auto& [label, value] : conventions)
    width = std::max(width, label.size());
  for (const auto& [label, value] : conventions)
    out += fmt::format("  {:<{}}  {}\n", label, width, value);

  for (const auto& event : result.events) {
    out += "\n" + event_line(event) + "\n" + event_details(event) + "\n";
    for (const auto& section : event_sections(event)) {
      out += "\n" + section.title + "\n";
      if (!section.table.rows.empty())
        out += render_aligned(section.table);
      for (const auto& note : section.notes)
        out += "  " + note + "\n";
    }
  }
  if (!result.notes.empty()) {
    out += "\nNotes\n";
    for (const auto& note : result.notes)
      out += "  " + note + "\n";
  }
  return out;
}

} // namespace aftershock::report
