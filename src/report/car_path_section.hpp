#pragma once
// Internal to report: the "CAR path by firm" section of the table and markdown reports, a
// sparkline of each ok firm's CAR path over the event window.

#include <aftershock/report/sections.hpp>
#include <aftershock/report/terminal_style.hpp>
#include <aftershock/study/result.hpp>

namespace aftershock::report {

// One row per ok firm with a CAR path: ticker (event id and ticker for a batch run), sparkline (one
// character per event day, scaled per firm from min(0, lowest CAR) to max(0, highest CAR)), that
// lowest and highest CAR, and the CAR over the whole event window (coloured by its p-value when
// style.colour is ansi).
Section car_path_section(const study::EventResult& event, const TerminalStyle& style);

} // namespace aftershock::report
