#include <aftershock/report/latex_renderer.hpp>
#include <aftershock/report/sections.hpp>

#include <fmt/format.h>

namespace aftershock::report {

std::string latex_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char ch : text) {
    switch (ch) {
    case '\\':
      out += "\\textbackslash{}";
      break;
    case '{':
    case '}':
    case '$':
    case '&':
    case '#':
    case '_':
    case '%':
      out += '\\';
      out += ch;
      break;
    case '^':
      out += "\\textasciicircum{}";
      break;
    case '~':
      out += "\\textasciitilde{}";
      break;
    case '<':
      out += "\\textless{}";
      break;
    case '>':
      out += "\\textgreater{}";
      break;
    case '|':
      out += "\\textbar{}";
      break;
    default:
      out += (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f) ? ' ' : ch;
    }
  }
  return out;
}

std::string render_latex(const TextTable& table) {
  std::string spec;
  for (std::size_t c = 0; c < table.headers.size(); ++c)
    spec += c < table.align.size() && table.align[c] == Align::left ? 'l' : 'r';
  auto line = [&](const std::vector<std::string>& cells) {
    std::string out;
    for (std::size_t c = 0; c < table.headers.size(); ++c) {
      if (c > 0)
        out += " & ";
      out += latex_escape(c < cells.size() ? cells[c] : std::string{});
    }
    return out + " \\\\\n";
  };
  std::string out = "\\begin{tabular}{" + spec + "}\n\\toprule\n";
  out += line(table.headers) + "\\midrule\n";
  for (const auto& row : table.rows)
    out += line(row);
  return out + "\\bottomrule\n\\end{tabular}\n";
}

std::string render_latex(const study::StudyResult& result, const RunInputs& inputs) {
  std::string out = fmt::format("% aftershock {}: event study. Needs \\usepackage{{booktabs}}.\n"
                                "\\section*{{Conventions}}\n\\begin{{itemize}}\n",
                                AFTERSHOCK_VERSION);
  for (const auto& [label, value] : convention_lines(result, inputs))
    out += fmt::format("\\item \\textbf{{{}}}: {}\n", latex_escape(label), latex_escape(value));
  out += "\\end{itemize}\n";
  for (const auto& event : result.events) {
    out += "\n\\section*{" + latex_escape(event_line(event)) + "}\n" +
           latex_escape(event_details(event)) + "\n";
    for (const auto& section : event_sections(event)) {
      out += "\n\\subsection*{" + latex_escape(section.title) + "}\n";
      if (!section.table.rows.empty())
        out += render_latex(section.table);
      for (const auto& note : section.notes)
        out += "\n" + latex_escape(note) + "\n";
    }
  }
  if (!result.notes.empty()) {
    out += "\n\\section*{Notes}\n\\begin{itemize}\n";
    for (const auto& note : result.notes)
      out += "\\item " + latex_escape(note) + "\n";
    out += "\\end{itemize}\n";
  }
  return out;
}

} // namespace aftershock::report
