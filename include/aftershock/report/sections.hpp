#pragma once
// The human-readable report as a list of titled tables, shared by the table and markdown
// renderers so both show the same content: the conventions header, the event line, per-firm
// day-0 and CAR tables, the daily AAR and per-window CAAR tables with their tests, the market
// value totals, and the firms left out. Returns are shown in percent here (and only here).

#include <aftershock/report/render.hpp>
#include <aftershock/report/terminal_style.hpp>
#include <aftershock/report/text_table.hpp>
#include <aftershock/study/result.hpp>

#include <string>
#include <utility>
#include <vector>

namespace aftershock::report {

struct Section {
  std::string title;
  TextTable table;                // may have no rows (then only `notes` are shown)
  std::vector<std::string> notes; // sentences printed under the table
};

// Label/value pairs: every convention string plus the options that shape the numbers.
std::vector<std::pair<std::string, std::string>> convention_lines(const study::StudyResult& result,
                                                                  const RunInputs& inputs);

// "Event deepseek: requested 2025-01-27 (Mon), day 0 2025-01-27 (Mon)".
std::string event_line(const study::EventResult& event);

// "Estimation -260:-11 (2024-01-16 to 2025-01-10); event window -5:5; market SPY".
std::string event_details(const study::EventResult& event);

// The sections of one event, in report order. `style` chooses sparkline glyphs and whether
// significant signed cells are coloured (terminal_style.hpp).
std::vector<Section> event_sections(const study::EventResult& event,
                                    const TerminalStyle& style = {});

// A test value as "statistic (p)", e.g. "-3.21 (.004)"; "-" when missing.
std::string format_test_cell(const stats::TestValue& value);

} // namespace aftershock::report
