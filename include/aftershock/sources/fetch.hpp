#pragma once
// Fetching price series for many tickers from one provider: cache lookup, concurrent download,
// decoding, caching of valid responses only. A failed ticker never loses the others.

#include <aftershock/calendar/date.hpp>
#include <aftershock/sources/clock.hpp>
#include <aftershock/sources/env_lookup.hpp>
#include <aftershock/sources/http_client.hpp>
#include <aftershock/sources/quote_source.hpp>
#include <aftershock/sources/response_cache.hpp>
#include <aftershock/sources/source_failure.hpp>

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aftershock::sources {

enum class CacheMode {
  use,      // default: a valid cached body is used, fetched bodies are stored
  refresh,  // ignore cached bodies, store fetched ones (--refresh)
  offline,  // only the cache; no network access at all (--offline)
  disabled, // neither read nor write the cache
};

enum class FetchEvent { started, retrying, done, failed };

struct FetchOptions {
  HttpOptions http;
  CacheMode cache_mode = CacheMode::use;
  // Cache folder; empty: ResponseCache::default_directory(env).
  std::filesystem::path cache_dir;
  // Entries whose range ends within `recent_days` of today expire after `recent_ttl` (the last
  // bars may still change); older ranges never expire.
  std::chrono::seconds recent_ttl{12 * 3600};
  int recent_days = 7;
  EnvLookup env;          // configuration variables (base URLs, keys, AFTERSHOCK_CONTACT)
  Clock* clock = nullptr; // backoff/rate-limit time; nullptr: the system clock
  std::function<std::chrono::system_clock::time_point()> wall_now; // empty: system_clock::now
  // Progress per ticker (called on the calling thread).
  std::function<void(const std::string& ticker, FetchEvent event, int retries)> on_progress;
};

// The response cache of a fetch (FetchOptions::cache_dir, else the default folder) and whether
// its cache_mode reads it (use, offline) and writes it (use, refresh). Shared by fetch_prices
// and the SEC share counts (sec_shares.hpp).
struct FetchCache {
  ResponseCache cache;
  bool read = false;
  bool write = false;
};
FetchCache fetch_cache(const FetchOptions& options);

// A cached response as the HTTP response it stands for (transport ok, status, body, type).
HttpResponse cached_http_response(CachedResponse entry);

struct TickerFailure {
  std::string ticker;
  SourceFailure failure;
};

struct FetchResult {
  std::vector<QuoteData> series;       // loaded tickers, in the order requested
  std::vector<TickerFailure> failures; // failed tickers, in the order requested
};

// Fetches [from, to] (inclusive, exchange-local dates) for every ticker from `provider`
// ("yahoo", "stooq", "alphavantage"). Throws aftershock::UsageError for an unknown provider and
// aftershock::Error for a malformed base URL; every per-ticker problem is a TickerFailure.
FetchResult fetch_prices(std::string_view provider, const std::vector<std::string>& tickers,
                         calendar::Date from, calendar::Date to, const FetchOptions& options);

// The same with an already configured source (tests, custom providers).
FetchResult fetch_prices(const QuoteSource& source, const std::vector<std::string>& tickers,
                         calendar::Date from, calendar::Date to, const FetchOptions& options);

} // namespace aftershock::sources
