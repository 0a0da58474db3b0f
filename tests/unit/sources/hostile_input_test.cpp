// Hostile items of issue 7 not covered by bad_input_test: tickers such as ../../etc/passwd or
// with control characters never reach a URL or a cache path unencoded, and the extreme dates of
// the calendar (9999-12-31) in a price file load without overflow.
#include <aftershock/sources/price_loader.hpp>
#include <aftershock/sources/quote_source.hpp>
#include <aftershock/sources/response_cache.hpp>

#include <gtest/gtest.h>

#include "quote_test_support.hpp"
#include "support/temp_dir.hpp"

namespace aftershock::sources {
namespace {

const std::vector<std::string> k_hostile_tickers = {
    "../../etc/passwd", "A\x1b[31mB", "A B?x=1#f",           "A\r\nHost: evil.example",
    "%2e%2e%2f",        "A/..",       std::string("A\0B", 3)};

std::string printable(const std::string& text) {
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) {
      static constexpr char k_hex[] = "0123456789abcdef";
      out += "\\x";
      out += k_hex[byte >> 4U];
      out += k_hex[byte & 0xfU];
    } else {
      out += c;
    }
  }
  return out;
}

// Every byte after the base URL is an unreserved character, a percent escape, or URL syntax the
// provider itself put there; nothing of the ticker can form a path segment or a header.
void expect_safe_url(const std::string& url, const std::string& base) {
  ASSERT_EQ(url.rfind(base, 0), 0U) << url;
  const auto rest = url.substr(base.size());
  for (const char c : rest) {
    const auto byte = static_cast<unsigned char>(c);
    EXPECT_TRUE(byte > 0x20 && byte < 0x7f) << "byte " << int(byte) << " in " << url;
  }
  EXPECT_EQ(rest.find("/../"), std::string::npos) << url;
  EXPECT_EQ(rest.find("/etc/"), std::string::npos) << url;
  EXPECT_EQ(rest.find('#'), std::string::npos) << url;
  EXPECT_EQ(rest.find("x=1"), std::string::npos) << url;
}

TEST(HostileInput, TickersArePercentEncodedInEveryProviderUrl) {
  const std::string base = "http://127.0.0.1:9";
  const auto env = test::env_from({{"AFTERSHOCK_YAHOO_BASE_URL", base},
                                   {"AFTERSHOCK_STOOQ_BASE_URL", base},
                                   {"AFTERSHOCK_ALPHAVANTAGE_BASE_URL", base},
                                   {"AFTERSHOCK_ALPHAVANTAGE_API_KEY", "KEY"}});
  const auto from = *calendar::parse_iso_date("2024-01-01");
  const auto to = *calendar::parse_iso_date("2024-02-01");
  for (const auto name : quote_source_names()) {
    const auto source = make_quote_source(name, env);
    for (const auto& ticker : k_hostile_tickers) {
      SCOPED_TRACE(std::string(name) + " " + printable(ticker));
      const auto request = source->prepare(ticker, from, to, to);
      if (!request)
        continue; // refused before any request: also safe
      expect_safe_url(request->url, base);
      expect_safe_url(request->cache_key, base);
    }
  }
}

TEST(HostileInput, CacheFilesStayInsideTheCacheFolder) {
  const test::TempDir temp;
  const auto& dir = temp.path();
  const ResponseCache cache(dir / "cache");
  for (const auto& ticker : k_hostile_tickers) {
    CachedResponse response{"http://127.0.0.1:9/v8/finance/chart/" + ticker, 200, "text/plain",
                            "body", std::chrono::system_clock::now()};
    ASSERT_TRUE(cache.store("yahoo", response));
  }
  std::size_t inside = 0;
  for (const auto& item : std::filesystem::recursive_directory_iterator(dir)) {
    if (!item.is_regular_file())
      continue;
    EXPECT_EQ(item.path().parent_path(), dir / "cache" / "yahoo") << item.path();
    // Names are a 16-digit hash plus a fixed suffix.
    const auto name = item.path().filename().string();
    EXPECT_EQ(name.find_first_not_of("0123456789abcdef"), 16U) << name;
    ++inside;
  }
  EXPECT_EQ(inside, 3 * k_hostile_tickers.size()); // body, metadata and lock file each
}

TEST(HostileInput, LastDateOfTheCalendarLoads) {
  test::TempDir dir;
  const auto path = dir.write("X.csv", "date,close\n2025-01-24,1.5\n9999-12-31,2\n");
  const auto loaded = load_prices({path}, {});
  ASSERT_EQ(loaded.series.size(), 1U);
  ASSERT_EQ(loaded.series[0].dates.size(), 2U);
  EXPECT_EQ(calendar::format_iso(loaded.series[0].dates[1]), "9999-12-31");
  EXPECT_EQ(loaded.series[0].close[1], 2.0);
}

} // namespace
} // namespace aftershock::sources
