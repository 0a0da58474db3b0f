// The panel cache: a valid cache returns exactly the loaded series; a missing, stale (source
// changed) or corrupt (truncated, flipped byte, wrong version, foreign file) cache is rebuilt,
// never trusted; the file is replaced atomically.
#include <aftershock/sources/price_cache.hpp>
#include <aftershock/sources/price_file.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "temp_dir.hpp"

namespace aftershock::sources {
namespace {

const std::string k_prices = "date,ticker,close,adj_close\n"
                             "2024-01-02,AAA,10.5,10.25\n"
                             "2024-01-02,MKT,100,\n"
                             "2024-01-03,AAA,10.75,10.5\n"
                             "2024-01-03,MKT,101.25,\n";

std::string read_all(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

void write_all(const std::filesystem::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << bytes;
}

void expect_same(const LoadedPrices& a, const LoadedPrices& b) {
  ASSERT_EQ(a.series.size(), b.series.size());
  for (std::size_t k = 0; k < a.series.size(); ++k) {
    EXPECT_EQ(a.series[k].ticker, b.series[k].ticker);
    EXPECT_EQ(a.series[k].origin, b.series[k].origin);
    EXPECT_EQ(a.series[k].dates, b.series[k].dates);
    EXPECT_EQ(a.series[k].close, b.series[k].close);
    ASSERT_EQ(a.series[k].adj_close.size(), b.series[k].adj_close.size());
    for (std::size_t t = 0; t < a.series[k].adj_close.size(); ++t) {
      const double x = a.series[k].adj_close[t];
      const double y = b.series[k].adj_close[t];
      EXPECT_TRUE(x == y || (std::isnan(x) && std::isnan(y)));
    }
    EXPECT_EQ(a.series[k].volume, b.series[k].volume);
  }
}

TEST(PriceCache, HitReturnsTheLoadedSeries) {
  test::TempDir dir;
  const auto csv = dir.write("prices.csv", k_prices);
  const auto cache = dir.path() / "panel.cache";
  const LoadedPrices direct = load_prices({csv}, {});
  const LoadedPrices first = load_prices_cached({csv}, {}, cache);
  expect_same(first, direct);
  EXPECT_NE(first.notes.back().find("written (it did not exist)"), std::string::npos);
  ASSERT_TRUE(std::filesystem::exists(cache));
  const auto read = read_price_cache(cache, {csv}, {});
  EXPECT_EQ(read.status, CacheStatus::hit);
  expect_same(read.loaded, direct);
  const LoadedPrices second = load_prices_cached({csv}, {}, cache);
  expect_same(second, direct);
  EXPECT_NE(second.notes.back().find("read from the panel cache"), std::string::npos);
}

TEST(PriceCache, StaleWhenSourceOrOptionsChange) {
  test::TempDir dir;
  const auto csv = dir.write("prices.csv", k_prices);
  const auto cache = dir.path() / "panel.cache";
  (void)load_prices_cached({csv}, {}, cache);
  LoadOptions skip;
  skip.on_bad_row = BadRowPolicy::skip;
  EXPECT_EQ(read_price_cache(cache, {csv}, skip).status, CacheStatus::stale);
  // A changed source (different size) is stale; the rebuilt cache holds the new rows.
  write_all(csv, k_prices + "2024-01-04,AAA,11,11\n");
  EXPECT_EQ(read_price_cache(cache, {csv}, {}).status, CacheStatus::stale);
  const LoadedPrices rebuilt = load_prices_cached({csv}, {}, cache);
  EXPECT_NE(rebuilt.notes.back().find("stale"), std::string::npos);
  EXPECT_EQ(rebuilt.series.front().dates.size(), 3U);
  EXPECT_EQ(read_price_cache(cache, {csv}, {}).status, CacheStatus::hit);
}

TEST(PriceCache, CorruptCacheIsRebuiltNeverTrusted) {
  test::TempDir dir;
  const auto csv = dir.write("prices.csv", k_prices);
  const auto cache = dir.path() / "panel.cache";
  (void)load_prices_cached({csv}, {}, cache);
  const std::string good = read_all(cache);
  ASSERT_GT(good.size(), 64U);
  const auto status_of = [&](const std::string& bytes) {
    write_all(cache, bytes);
    return read_price_cache(cache, {csv}, {});
  };
  std::string flipped = good;
  flipped[good.size() - 9] = static_cast<char>(flipped[good.size() - 9] ^ 0x10);
  EXPECT_EQ(status_of(flipped).status, CacheStatus::corrupt);
  EXPECT_EQ(status_of(flipped).reason, "checksum mismatch");
  EXPECT_EQ(status_of(good.substr(0, good.size() - 8)).status, CacheStatus::corrupt);
  EXPECT_EQ(status_of(good.substr(0, 10)).status, CacheStatus::corrupt);
  EXPECT_EQ(status_of("").status, CacheStatus::corrupt);
  std::string version = good;
  version[8] = 99;
  EXPECT_EQ(status_of(version).status, CacheStatus::corrupt);
  EXPECT_EQ(status_of(std::string(200, 'x')).status, CacheStatus::corrupt);
  // The corrupt file is replaced by a good one and the series come from the CSV.
  write_all(cache, flipped);
  const LoadedPrices rebuilt = load_prices_cached({csv}, {}, cache);
  EXPECT_NE(rebuilt.notes.back().find("corrupt: checksum mismatch"), std::string::npos);
  expect_same(rebuilt, load_prices({csv}, {}));
  EXPECT_EQ(read_all(cache), good);
}

} // namespace
} // namespace aftershock::sources
