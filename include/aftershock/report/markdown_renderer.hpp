#pragma once
// The report as GitHub-flavoured Markdown: the same content as the table renderer, with the
// conventions as a bullet list and every table as a Markdown table.

#include <aftershock/report/render.hpp>
#include <aftershock/study/result.hpp>

#include <string>

namespace aftershock::report {

// Renders `result` as Markdown; `glyphs` for the sparklines (never colour).
std::string render_markdown(const study::StudyResult& result, const RunInputs& inputs,
                            Glyphs glyphs = Glyphs::ascii);

} // namespace aftershock::report
