#pragma once
// Internal to report: the page geometry, scales and axes the two panels of the SVG chart share
// (svg_chart.cpp; panels in caar_panel.cpp and waterfall_panel.cpp). Layout only.

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>

#include "svg_canvas.hpp"

namespace aftershock::report::chart {

inline constexpr double k_width = 960.0;
inline constexpr double k_left = 90.0;   // room for y labels and the y-axis title
inline constexpr double k_right = 120.0; // room for firm labels at the line ends
inline constexpr double k_plot_width = k_width - k_left - k_right;
inline constexpr double k_plot_height = 330.0;

// Maps [d0, d1] linearly onto [r0, r1].
struct Scale {
  double d0;
  double d1;
  double r0;
  double r1;
  [[nodiscard]] double operator()(double v) const { return r0 + (v - d0) / (d1 - d0) * (r1 - r0); }
};

// A value range that includes 0 and every finite value, widened when empty or degenerate.
struct Range {
  double low = 0.0;
  double high = 0.0;
  void add(double v) {
    if (std::isfinite(v)) {
      low = std::min(low, v);
      high = std::max(high, v);
    }
  }
  void widen() {
    if (!(high > low)) {
      low -= 1.0;
      high += 1.0;
    }
  }
};

// The bold title of the panel whose plot starts at `top` (above its legend).
void panel_title(svg::Canvas& canvas, double top, std::string_view title);

// Horizontal grid lines with labels `label(tick)` at the left of the plot; returns the scale.
Scale y_axis(svg::Canvas& canvas, Range range, double top, double unit,
             std::string (*label)(double, int));

// A y tick label in percent with `decimals` decimals ("-2.5%").
std::string percent_label(double tick, int decimals);

// A y tick label as a plain number with `decimals` decimals (the unit is in the axis title).
std::string billions_label(double tick, int decimals);

// The rotated y-axis title left of the plot that starts at `top`.
void y_title(svg::Canvas& canvas, double top, std::string_view title);

// A legend entry: a short line in `colour` (width `stroke_width`) or, with stroke_width 0, a
// filled square, then `label`.
void legend_item(svg::Canvas& canvas, double x, double y, std::string_view colour,
                 double stroke_width, std::string_view label);

} // namespace aftershock::report::chart
