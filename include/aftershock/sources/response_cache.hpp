#pragma once
// The on-disk cache of raw provider responses (design/data-sources.md section 8). Each entry is
// a body file and a metadata file (request URL without secrets, HTTP status, content type,
// retrieval time in UTC, size and FNV-1a checksum of the body), both written atomically (temp
// file + rename) under an advisory lock file. An entry whose metadata does not parse or whose body
// does not match its size or checksum is reported as corrupt and never trusted.

#include <aftershock/sources/env_lookup.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace aftershock::sources {

struct CachedResponse {
  std::string request; // the URL without secrets (the cache key)
  long status = 0;
  std::string content_type;
  std::string body;
  std::chrono::system_clock::time_point retrieved;
};

enum class CacheLookup { hit, miss, expired, corrupt };

class ResponseCache {
public:
  explicit ResponseCache(std::filesystem::path directory);

  // Looks up `request` (a URL without secrets) of `provider`. An entry older than `max_age`
  // (when given) is `expired`. Never throws for a missing or damaged entry.
  [[nodiscard]] std::optional<CachedResponse> load(std::string_view provider,
                                                   std::string_view request,
                                                   std::chrono::system_clock::time_point now,
                                                   std::optional<std::chrono::seconds> max_age,
                                                   CacheLookup& status) const;

  // Stores `response` atomically; returns false (and leaves no partial file) when it cannot.
  bool store(std::string_view provider, const CachedResponse& response) const;

  // Removes an entry (used for corrupt entries); silent when absent.
  void remove(std::string_view provider, std::string_view request) const;

  [[nodiscard]] const std::filesystem::path& directory() const noexcept { return m_directory; }

  // The default location: $AFTERSHOCK_CACHE_DIR, else $XDG_CACHE_HOME/aftershock, else
  // $HOME/.cache/aftershock. `getenv` returns "" for unset variables.
  static std::filesystem::path default_directory(const EnvLookup& getenv);

  // FNV-1a 64-bit hash (Fowler, Noll, Vo; IETF draft-eastlake-fnv), used for file names and the
  // body checksum.
  static std::uint64_t fnv1a64(std::string_view bytes) noexcept;

private:
  [[nodiscard]] std::filesystem::path stem(std::string_view provider,
                                           std::string_view request) const;
  std::filesystem::path m_directory;
};

} // namespace aftershock::sources
