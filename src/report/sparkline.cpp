#include <aftershock/report/sparkline.hpp>

#include <array>
#include <cmath>
#include <string_view>

namespace aftershock::report {

namespace {

constexpr std::array<std::string_view, 8> k_blocks{"\u2581", "\u2582", "\u2583", "\u2584",
                                                   "\u2585", "\u2586", "\u2587", "\u2588"};
// No "_", "*" or "~": they would turn into emphasis in --format markdown.
constexpr std::string_view k_ascii = ".,:-=+%#";

} // namespace

std::string sparkline(std::span<const double> values, double low, double high, Glyphs glyphs) {
  std::string out;
  for (const double v : values) {
    if (!std::isfinite(v)) {
      out += ' ';
      continue;
    }
    int level = 0;
    if (high > low)
      level = static_cast<int>(std::floor(8.0 * (v - low) / (high - low)));
    level = level < 0 ? 0 : (level > 7 ? 7 : level);
    const auto k = static_cast<std::size_t>(level);
    if (glyphs == Glyphs::unicode)
      out += k_blocks.at(k);
    else
      out += k_ascii.at(k);
  }
  return out;
}

} // namespace aftershock::report
