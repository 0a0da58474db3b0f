#pragma once
// Internal to report: a tiny SVG writer (elements appended to a string, attribute values
// escaped, coordinates with two decimals) and "nice" axis ticks, for svg_chart.cpp.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aftershock::report::svg {

// A point in SVG user units (pixels), y downwards.
struct Point {
  double x = 0.0;
  double y = 0.0;
};

// name="value" pairs; values are escaped when written.
using Attributes = std::vector<std::pair<std::string_view, std::string>>;

// A coordinate or length with two decimals ("12.50"); -0.00 is written as "0.00".
std::string coordinate(double value);

// `text` with &, <, >, " and ' escaped for XML text and attribute values.
std::string escape(std::string_view text);

class Canvas {
public:
  // An empty document of `width` x `height` pixels with `title` (its <title>) and `description`.
  Canvas(double width, double height, std::string_view title, std::string_view description);

  // <tag attributes/> or, with a tooltip, <tag attributes><title>tooltip</title></tag>.
  void element(std::string_view tag, const Attributes& attributes, std::string_view tooltip = {});
  // <text attributes>content</text>.
  void text(const Attributes& attributes, std::string_view content);
  // <g attributes> ... </g>.
  void open_group(const Attributes& attributes);
  void close_group();

  // The finished document (XML declaration, <svg> root), ending with a newline.
  [[nodiscard]] std::string finish() const;

private:
  double m_width;
  double m_height;
  std::string m_head;
  std::string m_body;
  int m_depth = 1;
};

// "x1,y1 x2,y2 ..." for polyline / polygon points.
std::string points(const std::vector<Point>& points);

// Round tick values covering [low, high] with about `target` steps of 1, 2 or 5 x 10^k; the
// first tick <= low, the last >= high. `low` < `high` required.
std::vector<double> nice_ticks(double low, double high, int target);

// Decimals needed to write the ticks' step exactly (0 for steps >= 1).
int tick_decimals(const std::vector<double>& ticks);

} // namespace aftershock::report::svg
