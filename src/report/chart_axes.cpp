// The shared axes and legend of the SVG chart (chart_axes.hpp).
#include "chart_axes.hpp"

#include <fmt/format.h>

namespace aftershock::report::chart {

using svg::Canvas;
using svg::coordinate;

void panel_title(Canvas& canvas, double top, std::string_view title) {
  canvas.text({{"class", "panel-title"},
               {"x", coordinate(k_left)},
               {"y", coordinate(top - 34)},
               {"font-size", "14"},
               {"font-weight", "bold"}},
              title);
}

Scale y_axis(Canvas& canvas, Range range, double top, double unit,
             std::string (*label)(double, int)) {
  range.widen();
  const auto ticks = svg::nice_ticks(range.low / unit, range.high / unit, 6);
  const int decimals = svg::tick_decimals(ticks);
  const Scale y{ticks.front() * unit, ticks.back() * unit, top + k_plot_height, top};
  for (const double tick : ticks) {
    const double py = y(tick * unit);
    canvas.element("line", {{"class", "y-grid"},
                            {"x1", coordinate(k_left)},
                            {"x2", coordinate(k_left + k_plot_width)},
                            {"y1", coordinate(py)},
                            {"y2", coordinate(py)},
                            {"stroke", tick == 0.0 ? "#404040" : "#e0e0e0"},
                            {"stroke-width", tick == 0.0 ? "1" : "0.8"}});
    canvas.text({{"class", "y-label"},
                 {"x", coordinate(k_left - 8)},
                 {"y", coordinate(py)},
                 {"text-anchor", "end"},
                 {"dominant-baseline", "middle"}},
                label(tick, decimals));
  }
  return y;
}

std::string percent_label(double tick, int decimals) {
  return fmt::format("{:.{}f}%", tick, decimals);
}

std::string billions_label(double tick, int decimals) {
  return fmt::format("{:.{}f}", tick, decimals);
}

void y_title(Canvas& canvas, double top, std::string_view title) {
  const double cy = top + k_plot_height / 2;
  canvas.text({{"class", "axis-title"},
               {"x", coordinate(22)},
               {"y", coordinate(cy)},
               {"text-anchor", "middle"},
               {"transform", fmt::format("rotate(-90 22 {})", coordinate(cy))}},
              title);
}

void legend_item(Canvas& canvas, double x, double y, std::string_view colour, double stroke_width,
                 std::string_view label) {
  if (stroke_width > 0.0)
    canvas.element("line", {{"x1", coordinate(x)},
                            {"x2", coordinate(x + 18)},
                            {"y1", coordinate(y)},
                            {"y2", coordinate(y)},
                            {"stroke", std::string(colour)},
                            {"stroke-width", coordinate(stroke_width)}});
  else
    canvas.element("rect", {{"x", coordinate(x)},
                            {"y", coordinate(y - 6)},
                            {"width", "18"},
                            {"height", "12"},
                            {"fill", std::string(colour)}});
  canvas.text({{"x", coordinate(x + 22)}, {"y", coordinate(y)}, {"dominant-baseline", "middle"}},
              label);
}

} // namespace aftershock::report::chart
