#include "svg_canvas.hpp"

#include <fmt/format.h>

#include <cmath>

namespace aftershock::report::svg {

std::string coordinate(double value) {
  const std::string text = fmt::format("{:.2f}", value);
  return text == "-0.00" ? std::string("0.00") : text;
}

std::string escape(std::string_view text) {
  std::string out;
  for (const char ch : text) {
    switch (ch) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    case '\'':
      out += "&apos;";
      break;
    default:
      out += ch;
    }
  }
  return out;
}

namespace {

std::string open_tag(std::string_view tag, const Attributes& attributes) {
  std::string out = "<" + std::string(tag);
  for (const auto& [name, value] : attributes)
    out += fmt::format(" {}=\"{}\"", name, escape(value));
  return out;
}

} // namespace

Canvas::Canvas(double width, double height, std::string_view title, std::string_view description)
    : m_width(width), m_height(height) {
  m_head = "  <title>" + escape(title) + "</title>\n  <desc>" + escape(description) + "</desc>\n";
}

void Canvas::element(std::string_view tag, const Attributes& attributes, std::string_view tooltip) {
  m_body += std::string(static_cast<std::size_t>(m_depth) * 2, ' ') + open_tag(tag, attributes);
  if (tooltip.empty())
    m_body += "/>\n";
  else
    m_body += "><title>" + escape(tooltip) + "</title></" + std::string(tag) + ">\n";
}

void Canvas::text(const Attributes& attributes, std::string_view content) {
  m_body += std::string(static_cast<std::size_t>(m_depth) * 2, ' ') + open_tag("text", attributes) +
            ">" + escape(content) + "</text>\n";
}

void Canvas::open_group(const Attributes& attributes) {
  m_body +=
      std::string(static_cast<std::size_t>(m_depth) * 2, ' ') + open_tag("g", attributes) + ">\n";
  ++m_depth;
}

void Canvas::close_group() {
  --m_depth;
  m_body += std::string(static_cast<std::size_t>(m_depth) * 2, ' ') + "</g>\n";
}

std::string Canvas::finish() const {
  return fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{0}\" "
                     "height=\"{1}\" viewBox=\"0 0 {0} {1}\" font-family=\"Helvetica, Arial, "
                     "sans-serif\" font-size=\"12\">\n{2}"
                     "  <rect x=\"0\" y=\"0\" width=\"{0}\" height=\"{1}\" fill=\"#ffffff\"/>\n"
                     "{3}</svg>\n",
                     coordinate(m_width), coordinate(m_height), m_head, m_body);
}

std::string points(const std::vector<Point>& points) {
  std::string out;
  for (const auto& p : points) {
    if (!out.empty())
      out += ' ';
    out += coordinate(p.x) + "," + coordinate(p.y);
  }
  return out;
}

std::vector<double> nice_ticks(double low, double high, int target) {
  // Heckbert (1990), "Nice numbers for graph labels", Graphics Gems I: a step of 1, 2 or 5 x 10^k.
  const double raw = (high - low) / std::max(target, 1);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  const double fraction = raw / magnitude;
  const double step = (fraction <= 1.0   ? 1.0
                       : fraction <= 2.0 ? 2.0
                       : fraction <= 5.0 ? 5.0
                                         : 10.0) *
                      magnitude;
  std::vector<double> ticks;
  const double first = std::floor(low / step + 1e-9);
  const double last = std::ceil(high / step - 1e-9);
  for (double k = first; k <= last + 0.5; k += 1.0)
    ticks.push_back(k * step);
  return ticks;
}

int tick_decimals(const std::vector<double>& ticks) {
  if (ticks.size() < 2)
    return 0;
  const double step = ticks[1] - ticks[0];
  return step >= 1.0 ? 0 : static_cast<int>(std::ceil(-std::log10(step) - 1e-9));
}

} // namespace aftershock::report::svg
