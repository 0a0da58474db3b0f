// The response cache on its own: round trip with metadata, concurrent writers of one entry, damaged
// metadata, and the default-location rules. Also: TLS verification is on by default.
#include <aftershock/sources/http_client.hpp>
#include <aftershock/sources/response_cache.hpp>

#include <gtest/gtest.h>

#include <fstream>
#include <thread>

#include "support/quote_test_support.hpp"
#include "support/temp_dir.hpp"

namespace aftershock::sources {
namespace {

using namespace std::chrono_literals;

TEST(ResponseCache, RoundTripAndExpiry) {
  const test::TempDir temp;
  const auto& dir = temp.path();
  const ResponseCache cache(dir);
  const auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1'800'000'000));
  ASSERT_TRUE(cache.store("yahoo", {"http://h/x?a=1", 200, "application/json", "{\"a\":1}", now}));
  CacheLookup status{};
  const auto entry = cache.load("yahoo", "http://h/x?a=1", now + 1h, std::nullopt, status);
  ASSERT_TRUE(entry.has_value());
  EXPECT_EQ(status, CacheLookup::hit);
  EXPECT_EQ(entry->body, "{\"a\":1}");
  EXPECT_EQ(entry->status, 200);
  EXPECT_EQ(entry->retrieved, now);
  EXPECT_FALSE(cache.load("yahoo", "http://h/x?a=1", now + 2h, 1h, status).has_value());
  EXPECT_EQ(status, CacheLookup::expired);
  EXPECT_FALSE(cache.load("yahoo", "http://h/x?a=2", now, std::nullopt, status).has_value());
  EXPECT_EQ(status, CacheLookup::miss);
}

TEST(ResponseCache, ConcurrentWritersLeaveOneCompleteEntry) {
  const test::TempDir temp;
  const auto& dir = temp.path();
  const ResponseCache cache(dir);
  const auto now = std::chrono::system_clock::now();
  std::vector<std::thread> writers;
  for (int w = 0; w < 8; ++w) {
    writers.emplace_back([&, w] {
      const std::string body(100000 + static_cast<std::size_t>(w) * 1000,
                             static_cast<char>('a' + w));
      for (int i = 0; i < 20; ++i)
        cache.store("yahoo", {"http://h/same", 200, "text/plain", body, now});
    });
  }
  for (auto& writer : writers)
    writer.join();
  CacheLookup status{};
  const auto entry = cache.load("yahoo", "http://h/same", now, std::nullopt, status);
  ASSERT_TRUE(entry.has_value());
  EXPECT_EQ(status, CacheLookup::hit);
  // One writer's body, whole: a single repeated letter of that writer's length.
  const char letter = entry->body.front();
  EXPECT_EQ(entry->body.size(), 100000U + static_cast<std::size_t>(letter - 'a') * 1000U);
  EXPECT_EQ(entry->body.find_first_not_of(letter), std::string::npos);
  for (const auto& file : std::filesystem::recursive_directory_iterator(dir))
    EXPECT_EQ(file.path().string().find(".tmp."), std::string::npos) << file.path();
}

TEST(ResponseCache, DamagedMetadataIsCorrupt) {
  const test::TempDir temp;
  const auto& dir = temp.path();
  const ResponseCache cache(dir);
  const auto now = std::chrono::system_clock::now();
  ASSERT_TRUE(cache.store("stooq", {"http://h/q", 200, "text/csv", "Date,Open\n", now}));
  for (const auto& file : std::filesystem::recursive_directory_iterator(dir))
    if (file.path().extension() == ".json")
      std::ofstream(file.path(), std::ios::trunc) << "{\"request\":";
  CacheLookup status{};
  EXPECT_FALSE(cache.load("stooq", "http://h/q", now, std::nullopt, status).has_value());
  EXPECT_EQ(status, CacheLookup::corrupt);
}

TEST(ResponseCache, DefaultDirectory) {
  EXPECT_EQ(ResponseCache::default_directory(test::env_from(
                {{"AFTERSHOCK_CACHE_DIR", "/c"}, {"XDG_CACHE_HOME", "/x"}, {"HOME", "/h"}})),
            "/c");
  EXPECT_EQ(
      ResponseCache::default_directory(test::env_from({{"XDG_CACHE_HOME", "/x"}, {"HOME", "/h"}})),
      "/x/aftershock");
  EXPECT_EQ(ResponseCache::default_directory(test::env_from({{"HOME", "/h"}})),
            "/h/.cache/aftershock");
}

TEST(HttpOptionsDefaults, TlsVerificationIsOnAndLimitsAreSet) {
  const HttpOptions options;
  EXPECT_EQ(options.tls, TlsVerification::verify);
  EXPECT_GT(options.max_body_bytes, 0U);
  EXPECT_GT(options.total_timeout.count(), 0);
  EXPECT_LE(options.max_redirects, 10);
}

} // namespace
} // namespace aftershock::sources
