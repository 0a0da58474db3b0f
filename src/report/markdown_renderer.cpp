#include <aftershock/report/markdown_renderer.hpp>
#include <aftershock/report/sections.hpp>
#include <aftershock/report/text_table.hpp>

#include <fmt/format.h>

namespace aftershock::report {

std::string render_markdown(const study::StudyResult& result, const RunInputs& inputs,
                            Glyphs glyphs) {
  std::string out =
      fmt::format("# aftershock {}: event study\n\n## Conventions\n\n", AFTERSHOCK_VERSION);
  for (const auto& [label, value] : convention_lines(result, inputs))
    out += fmt::format("- **{}**: {}\n", label, value);

  for (const auto& event : result.events) {
    out += "\n## " + event_line(event) + "\n\n" + event_details(event) + "\n";
    for (const auto& section : event_sections(event, {glyphs, Colour::off})) {
      out += "\n### " + section.title + "\n\n";
      if (!section.table.rows.empty())
        out += render_markdown(section.table) + "\n";
      for (const auto& note : section.notes)
        out += note + "\n";
    }
  }
  if (!result.notes.empty()) {
    out += "\n## Notes\n\n";
    for (const auto& note : result.notes)
      out += "- " + note + "\n";
  }
  return out;
}

} // namespace aftershock::report
