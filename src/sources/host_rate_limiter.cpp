#include <aftershock/sources/host_rate_limiter.hpp>

namespace aftershock::sources {

Clock::time_point HostRateLimiter::next_allowed(std::string_view host) const {
  const auto found = m_last_start.find(host);
  if (found == m_last_start.end() || m_interval.count() <= 0)
    return Clock::time_point::min();
  return found->second + m_interval;
}

void HostRateLimiter::record_start(std::string_view host, Clock::time_point when) {
  m_last_start.insert_or_assign(std::string(host), when);
}

std::string HostRateLimiter::host_of(std::string_view url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos)
    return {};
  const auto rest = url.substr(scheme_end + 3);
  return std::string(rest.substr(0, rest.find_first_of("/?#")));
}

} // namespace aftershock::sources
