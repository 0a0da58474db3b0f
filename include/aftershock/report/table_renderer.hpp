#pragma once
// The default report for people: a conventions header, then per event the event line and
// aligned tables (see sections.hpp), readable in a 100-column terminal.

#include <aftershock/report/render.hpp>
#include <aftershock/study/result.hpp>

#include <string>

namespace aftershock::report {

// Renders `result` as aligned plain-text tables; `style` picks sparkline glyphs and colour.
std::string render_table(const study::StudyResult& result, const RunInputs& inputs,
                         const TerminalStyle& style = {});

} // namespace aftershock::report
