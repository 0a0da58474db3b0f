#pragma once
// A window of trading-day offsets relative to day 0, both ends inclusive.

#include <optional>
#include <string>
#include <string_view>

namespace aftershock::events {

struct Window {
  int first = 0;
  int last = 0;

  [[nodiscard]] int length() const noexcept { return last - first + 1; }
  [[nodiscard]] bool contains(int offset) const noexcept {
    return offset >= first && offset <= last;
  }
  [[nodiscard]] bool contains(const Window& other) const noexcept {
    return other.first >= first && other.last <= last;
  }
  [[nodiscard]] bool overlaps(const Window& other) const noexcept {
    return first <= other.last && other.first <= last;
  }
  friend bool operator==(const Window&, const Window&) = default;
};

// Parses "A:B" (e.g. "-260:-11", "-1:1", "0:0"); nullopt when malformed or A > B.
std::optional<Window> parse_window(std::string_view text) noexcept;

// "A:B", e.g. "-1:1".
std::string format_window(const Window& window);

} // namespace aftershock::events
