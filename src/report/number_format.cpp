#include <aftershock/report/number_format.hpp>

#include <fmt/format.h>

#include <cmath>

namespace aftershock::report {

std::string format_money(double dollars) {
  if (!std::isfinite(dollars))
    return "-";
  const char* sign = dollars < 0 ? "-" : "";
  const double size = std::fabs(dollars);
  if (size >= 1e12)
    return fmt::format("{}${:.2f}tn", sign, size / 1e12);
  if (size >= 1e9)
    return fmt::format("{}${:.1f}bn", sign, size / 1e9);
  if (size >= 1e6)
    return fmt::format("{}${:.1f}m", sign, size / 1e6);
  return fmt::format("{}${:.0f}", sign, size);
}

std::string format_percent(double fraction, int decimals) {
  if (!std::isfinite(fraction))
    return "-";
  return fmt::format("{:.{}f}%", fraction * 100.0, decimals);
}

std::string format_fixed(double value, int decimals) {
  if (!std::isfinite(value))
    return "-";
  return fmt::format("{:.{}f}", value, decimals);
}

std::string format_p_value(double p) {
  if (!std::isfinite(p))
    return "-";
  if (p < 0.0005)
    return "<.001";
  if (p >= 0.9995)
    return "1.000";
  auto text = fmt::format("{:.3f}", p); // "0.041"
  return text.substr(1);                // ".041"
}

std::string format_full(double value) {
  if (!std::isfinite(value))
    return {};
  return fmt::format("{}", value);
}

} // namespace aftershock::report
