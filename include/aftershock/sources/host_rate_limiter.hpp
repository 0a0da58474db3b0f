#pragma once
// A per-host minimum interval between request starts (e.g. SEC fair use: 10 requests/second).

#include <aftershock/sources/clock.hpp>

#include <chrono>
#include <map>
#include <string>
#include <string_view>

namespace aftershock::sources {

class HostRateLimiter {
public:
  // `interval` between two starts on the same host; zero disables the limit.
  explicit HostRateLimiter(std::chrono::milliseconds interval) : m_interval(interval) {}

  // The earliest time a request to `host` may start.
  [[nodiscard]] Clock::time_point next_allowed(std::string_view host) const;
  // Records a request start on `host` at `when`.
  void record_start(std::string_view host, Clock::time_point when);

  // The host[:port] part of an http(s) URL ("" when it has none).
  static std::string host_of(std::string_view url);

private:
  std::chrono::milliseconds m_interval;
  std::map<std::string, Clock::time_point, std::less<>> m_last_start;
};

} // namespace aftershock::sources
