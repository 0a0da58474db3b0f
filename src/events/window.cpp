#include <aftershock/events/window.hpp>
#include <aftershock/util/parse.hpp>

#include <fmt/format.h>

#include <limits>

namespace aftershock::events {

std::optional<Window> parse_window(std::string_view text) noexcept {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos)
    return std::nullopt;
  const auto first = util::parse_int(text.substr(0, colon));
  const auto last = util::parse_int(text.substr(colon + 1));
  constexpr long long k_limit = 100000; // far beyond any daily data set
  if (!first || !last || *first > *last || *first < -k_limit || *last > k_limit)
    return std::nullopt;
  return Window{static_cast<int>(*first), static_cast<int>(*last)};
}

std::string format_window(const Window& window) {
  return fmt::format("{}:{}", window.first, window.last);
}

} // namespace aftershock::events
