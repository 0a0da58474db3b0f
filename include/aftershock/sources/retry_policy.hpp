#pragma once
// Exponential backoff with jitter for retried HTTP requests, honouring Retry-After (capped).

#include <chrono>
#include <cstdint>
#include <optional>
#include <random>
#include <string_view>

namespace aftershock::sources {

struct RetryPolicy {
  int max_retries = 3;                                // attempts beyond the first
  std::chrono::milliseconds base_delay{500};          // delay before the first retry
  std::chrono::milliseconds max_delay{30'000};        // cap of the exponential part
  std::chrono::milliseconds max_retry_after{120'000}; // cap of a server's Retry-After
  double jitter = 0.5;                                // delay *= 1 + U[0, jitter)
};

// Delay before retry number `retry` (1-based): min(base * 2^(retry-1), max) * (1 + U[0,jitter)),
// and at least the server's Retry-After (itself capped at max_retry_after).
std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int retry,
                                        std::optional<std::chrono::seconds> retry_after,
                                        std::mt19937_64& random);

// Parses a Retry-After header value given in delta-seconds ("120"); nullopt for an HTTP-date or
// junk (the caller then uses its own backoff).
std::optional<std::chrono::seconds> parse_retry_after(std::string_view value) noexcept;

} // namespace aftershock::sources
