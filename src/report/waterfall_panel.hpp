#pragma once
// Internal to report: panel (b) of the SVG chart (svg_chart.hpp): a value waterfall over the
// event window, each firm's market-cap change (most lost first) split into its abnormal and
// normal parts, then the total, in $bn.

#include <aftershock/study/result.hpp>

#include "svg_canvas.hpp"

namespace aftershock::report::chart {

// Draws the panel of `event` with its plot area starting at `top` (title and legend above it,
// bar labels and the caption below it).
void waterfall_panel(svg::Canvas& canvas, const study::EventResult& event, double top);

} // namespace aftershock::report::chart
