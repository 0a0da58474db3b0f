#include <aftershock/events/firm_event.hpp>

namespace aftershock::events {

Window estimation_window(const FirmEvent& event, const Window& fallback) {
  const int end = event.estimation_end.value_or(fallback.last);
  const int length = event.estimation_length.value_or(fallback.length());
  return {end - length + 1, end};
}

} // namespace aftershock::events
