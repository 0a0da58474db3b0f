#pragma once
// Internal to report: panel (a) of the SVG chart (svg_chart.hpp): the CAAR path over the event
// window with its 95% band, each ok firm's CAR as a thin line, day 0 marked.

#include <aftershock/study/result.hpp>

#include "svg_canvas.hpp"

namespace aftershock::report::chart {

// Draws the panel of `event` with its plot area starting at `top` (title and legend above it,
// axis labels below it).
void caar_panel(svg::Canvas& canvas, const study::EventResult& event, double top);

} // namespace aftershock::report::chart
