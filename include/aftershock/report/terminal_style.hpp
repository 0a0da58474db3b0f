#pragma once
// How the table report may decorate text: Unicode block characters or plain ASCII for
// sparklines, and ANSI colour for signs and significance. The cli decides (terminal, locale,
// NO_COLOR, --ascii) and passes the choice in; the report never reads the environment.

#include <string>

namespace aftershock::report {

enum class Glyphs { ascii, unicode };
enum class Colour { off, ansi };

struct TerminalStyle {
  Glyphs glyphs = Glyphs::ascii;
  Colour colour = Colour::off;
};

// The significance level at which a signed cell is coloured (two-sided p < k_colour_level).
inline constexpr double k_colour_level = 0.05;

// `text` wrapped in ANSI SGR codes when `colour` is ansi and p_value < k_colour_level: red for a
// negative `value`, green for a positive one, bold as well when p_value < 0.01. Otherwise (and
// for NaN value or p) `text` unchanged.
std::string paint_significant(std::string text, double value, double p_value, Colour colour);

} // namespace aftershock::report
