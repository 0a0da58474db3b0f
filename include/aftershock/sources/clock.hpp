#pragma once
// The time source of the HTTP layer (backoff sleeps, rate limits), injectable so that tests
// never wait for a real backoff.

#include <chrono>
#include <string>

namespace aftershock::sources {

class Clock {
public:
  using time_point = std::chrono::steady_clock::time_point;
  virtual ~Clock() = default;
  // Monotonic now.
  virtual time_point now() = 0;
  // Blocks (or, in tests, advances virtual time) for `duration` (>= 0).
  virtual void sleep_for(std::chrono::milliseconds duration) = 0;
};

// std::chrono::steady_clock and std::this_thread::sleep_for.
class SystemClock final : public Clock {
public:
  time_point now() override;
  void sleep_for(std::chrono::milliseconds duration) override;
};

// `when` as an ISO 8601 UTC timestamp, e.g. "2026-11-28T22:02:56Z" (cache provenance).
std::string iso_utc(std::chrono::system_clock::time_point when);

} // namespace aftershock::sources
