#include <aftershock/sources/retry_policy.hpp>
#include <aftershock/util/parse.hpp>

#include <algorithm>

namespace aftershock::sources {

std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int retry,
                                        std::optional<std::chrono::seconds> retry_after,
                                        std::mt19937_64& random) {
  // Exponential backoff with (proportional) jitter, as in AWS Architecture Blog, "Exponential
  // Backoff And Jitter" (2015); the Retry-After floor follows RFC 9110 section 10.2.3.
  const int exponent = std::clamp(retry - 1, 0, 30);
  const double base = static_cast<double>(policy.base_delay.count()) *
                      static_cast<double>(std::uint64_t{1} << static_cast<unsigned>(exponent));
  const double capped = std::min(base, static_cast<double>(policy.max_delay.count()));
  std::uniform_real_distribution<double> unit(0.0, policy.jitter > 0.0 ? policy.jitter : 0.0);
  const double jittered = policy.jitter > 0.0 ? capped * (1.0 + unit(random)) : capped;
  auto delay = std::chrono::milliseconds(static_cast<long long>(jittered));
  if (retry_after) {
    const auto floor = std::min<std::chrono::milliseconds>(*retry_after, policy.max_retry_after);
    delay = std::max(delay, floor);
  }
  return delay;
}

std::optional<std::chrono::seconds> parse_retry_after(std::string_view value) noexcept {
  const auto number = util::parse_int(util::trim(value));
  if (!number || *number < 0)
    return std::nullopt;
  return std::chrono::seconds(*number);
}

} // namespace aftershock::sources
