#include <aftershock/sources/clock.hpp>

#include <thread>

namespace aftershock::sources {

Clock::time_point SystemClock::now() {
  return std::chrono::steady_clock::now();
}

void SystemClock::sleep_for(std::chrono::milliseconds duration) {
  if (duration.count() > 0)
    std::this_thread::sleep_for(duration);
}

} // namespace aftershock::sources
