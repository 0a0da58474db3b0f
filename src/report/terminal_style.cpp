#include <aftershock/report/terminal_style.hpp>

#include <cmath>

namespace aftershock::report {

std::string paint_significant(std::string text, double value, double p_value, Colour colour) {
  if (colour != Colour::ansi || !std::isfinite(value) || !std::isfinite(p_value) ||
      !(p_value < k_colour_level) || value == 0.0)
    return text;
  // ECMA-48 SGR: 31 red, 32 green, 1 bold, 0 reset.
  const std::string hue = value < 0.0 ? "31" : "32";
  const std::string start = "\x1b[" + (p_value < 0.01 ? "1;" + hue : hue) + "m";
  return start + text + "\x1b[0m";
}

} // namespace aftershock::report
