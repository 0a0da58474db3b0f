#pragma once
// A one-line sparkline: one character per value, its height the value's place between `low`
// and `high`.

#include <aftershock/report/terminal_style.hpp>

#include <span>
#include <string>

namespace aftershock::report {

// Eight levels: Unicode lower blocks U+2581..U+2588 ("▁▂▃▄▅▆▇█") or ASCII ".,:-=+%#". Level
// k = floor(8 (v - low) / (high - low)), clamped to 0..7; all values at the lowest level when
// high <= low. A NaN value is a space. Returns UTF-8 text with values.size() characters.
std::string sparkline(std::span<const double> values, double low, double high, Glyphs glyphs);

} // namespace aftershock::report
