// The panel cache: a valid cache returns exactly the panel load_panel builds (for any requested
// subset of its tickers); a missing, stale (source, options or market changed) or corrupt
// (truncated, flipped byte in the metadata or in a column, wrong version, foreign file) cache is
// rebuilt with a note saying why, never trusted; the file is replaced atomically.
#include <aftershock/sources/price_cache.hpp>
#include <aftershock/sources/price_file.hpp>
#include <aftershock/util/error.hpp>
#include <aftershock/util/mapped_regions.hpp>

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <span>
#include <string>
#include <utility>

#include "support/same_bits.hpp"
#include "support/temp_dir.hpp"

namespace aftershock::sources {
namespace {

using test::same_bits;

const std::string k_prices = "date,ticker,close,adj_close\n"
                             "2024-01-02,AAA,10.5,10.25\n"
                             "2024-01-02,BBB,20.5,\n"
                             "2024-01-02,MKT,100,\n"
                             "2024-01-03,AAA,10.75,10.5\n"
                             "2024-01-03,MKT,101.25,\n"
                             "2024-01-04,BBB,21,21\n"
                             "2024-01-05,AAA,11,11\n"
                             "2024-01-05,MKT,102,\n";

std::string read_all(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

void write_all(const std::filesystem::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << bytes;
}

void expect_same(const LoadedPanel& a, const LoadedPanel& b) {
  EXPECT_EQ(a.available, b.available);
  EXPECT_EQ(a.skipped_rows, b.skipped_rows);
  EXPECT_EQ(a.row_errors, b.row_errors);
  ASSERT_TRUE(std::equal(a.panel.calendar.dates().begin(), a.panel.calendar.dates().end(),
                         b.panel.calendar.dates().begin(), b.panel.calendar.dates().end()));
  ASSERT_EQ(a.panel.columns.size(), b.panel.columns.size());
  for (std::size_t k = 0; k < a.panel.columns.size(); ++k) {
    const auto& x = a.panel.columns[k];
    const auto& y = b.panel.columns[k];
    EXPECT_EQ(x.ticker, y.ticker);
    EXPECT_EQ(x.origin, y.origin);
    EXPECT_TRUE(same_bits(x.close, y.close)) << x.ticker;
    EXPECT_TRUE(same_bits(x.adj_close, y.adj_close)) << x.ticker;
    EXPECT_EQ(x.has_adj_close, y.has_adj_close);
    EXPECT_EQ(x.off_calendar_rows, y.off_calendar_rows);
    EXPECT_EQ(x.off_calendar_dates, y.off_calendar_dates);
  }
}

TEST(PriceCache, HitReturnsTheLoadedPanelForAnySubset) {
  test::TempDir dir;
  const auto csv = dir.write("prices.csv", k_prices);
  const auto cache = dir.path() / "panel.cache";
  const PanelRequest all{"MKT", {}};
  const LoadedPanel direct = load_panel({csv}, {}, all);
  ASSERT_EQ(direct.panel.columns.size(), 3U);
  ASSERT_EQ(direct.panel.find("BBB")->off_calendar_rows, 1U); // 2024-01-04 is not a MKT date
  const LoadedPanel first = load_panel_cached({csv}, {}, all, cache);
  expect_same(first, direct);
  EXPECT_NE(first.notes.back().find("written (it did not exist)"), std::string::npos);
  ASSERT_TRUE(std::filesystem::exists(cache));
  const auto read = read_panel_cache(cache, {csv}, {}, all);
  EXPECT_EQ(read.status, CacheStatus::hit);
  expect_same(read.loaded, direct);
  const LoadedPanel second = load_panel_cached({csv}, {}, all, cache);
  expect_same(second, direct);
  EXPECT_NE(second.notes.back().find("read from the panel cache"), std::string::npos);
  // A subset: the market and the requested tickers, as load_panel gives them.
  const PanelRequest some{"MKT", {"BBB", "ABSENT"}};
  const LoadedPanel subset = load_panel_cached({csv}, {}, some, cache);
  EXPECT_NE(subset.notes.back().find("read from the panel cache"), std::string::npos);
  expect_same(subset, load_panel({csv}, {}, some));
  EXPECT_EQ(subset.panel.columns.size(), 2U);
}

TEST(PriceCache, MissBuildsTheWholePanelAndReturnsTheRequest) {
  test::TempDir dir;
  const auto csv = dir.write("prices.csv", k_prices);
  const auto cache = dir.path() / "panel.cache";
  const PanelRequest one{"MKT", {"AAA"}};
  expect_same(load_panel_cached({csv}, {}, one, cache), load_panel({csv}, {}, one));
  expect_same(read_panel_cache(cache, {csv}, {}, {"MKT", {}}).loaded,
              load_panel({csv}, {}, {"MKT", {}}));
  // No market in the data: no cache, the empty panel load_panel gives.
  const auto other = dir.path() / "other.cache";
  EXPECT_TRUE(load_panel_cached({csv}, {}, {"SPY", {}}, other).panel.columns.empty());
  EXPECT_FALSE(std::filesystem::exists(other));
}

TEST(PriceCache, StaleWhenSourceOptionsOrMarketChange) {
  test::TempDir dir;
  const auto csv = dir.write("prices.csv", k_prices);
  const auto cache = dir.path() / "panel.cache";
  const PanelRequest all{"MKT", {}};
  (void)load_panel_cached({csv}, {}, all, cache);
  LoadOptions skip;
  skip.on_bad_row = BadRowPolicy::skip;
  EXPECT_EQ(read_panel_cache(cache, {csv}, skip, all).status, CacheStatus::stale);
  const auto other_market = read_panel_cache(cache, {csv}, {}, {"AAA", {}});
  EXPECT_EQ(other_market.status, CacheStatus::stale);
  EXPECT_NE(other_market.reason.find("market MKT"), std::string::npos);
  const LoadedPanel rebuilt_market = load_panel_cached({csv}, {}, {"AAA", {}}, cache);
  EXPECT_NE(rebuilt_market.notes.back().find("stale"), std::string::npos);
  expect_same(rebuilt_market, load_panel({csv}, {}, {"AAA", {}}));
  // A changed source (different size) is stale; the rebuilt cache holds the new rows.
  write_all(csv, k_prices + "2024-01-08,AAA,11,11\n2024-01-08,MKT,103,\n");
  EXPECT_EQ(read_panel_cache(cache, {csv}, {}, all).status, CacheStatus::stale);
  const LoadedPanel rebuilt = load_panel_cached({csv}, {}, all, cache);
  EXPECT_NE(rebuilt.notes.back().find("stale"), std::string::npos);
  EXPECT_EQ(rebuilt.panel.calendar.size(), 4U);
  EXPECT_EQ(read_panel_cache(cache, {csv}, {}, all).status, CacheStatus::hit);
}

TEST(PriceCache, CorruptCacheIsRebuiltNeverTrusted) {
  test::TempDir dir;
  const auto csv = dir.write("prices.csv", k_prices);
  const auto cache = dir.path() / "panel.cache";
  const PanelRequest all{"MKT", {}};
  (void)load_panel_cached({csv}, {}, all, cache);
  const std::string good = read_all(cache);
  ASSERT_GT(good.size(), 4096U);
  const auto status_of = [&](const std::string& bytes, const PanelRequest& request) {
    write_all(cache, bytes);
    return read_panel_cache(cache, {csv}, {}, request);
  };
  // A flipped byte in the metadata (a ticker's name) and in the last array of the file (format
  // 3: the closes, then the adj_close arrays that are not all NaN: here only AAA's).
  std::string meta = good;
  const auto at = meta.find("BBB");
  ASSERT_NE(at, std::string::npos);
  meta[at] = 'C';
  EXPECT_EQ(status_of(meta, all).status, CacheStatus::corrupt);
  EXPECT_EQ(status_of(meta, all).reason, "checksum mismatch");
  std::string data = good;
  data[good.size() - 9] = static_cast<char>(data[good.size() - 9] ^ 0x10);
  const auto flipped = status_of(data, all);
  EXPECT_EQ(flipped.status, CacheStatus::corrupt);
  EXPECT_EQ(flipped.reason, "checksum mismatch in the column of AAA");
  // Only the requested columns are verified: a flip in AAA's data leaves a read of BBB valid.
  EXPECT_EQ(status_of(data, {"MKT", {"BBB"}}).status, CacheStatus::hit);
  EXPECT_EQ(status_of(good.substr(0, good.size() - 8), all).status, CacheStatus::corrupt);
  EXPECT_EQ(status_of(good.substr(0, 10), all).status, CacheStatus::corrupt);
  EXPECT_EQ(status_of("", all).status, CacheStatus::corrupt);
  std::string version = good;
  version[8] = 99;
  EXPECT_EQ(status_of(version, all).status, CacheStatus::corrupt);
  EXPECT_NE(status_of(version, all).reason.find("format version 99"), std::string::npos);
  EXPECT_EQ(status_of(std::string(200, 'x'), all).status, CacheStatus::corrupt);
  // The corrupt file is replaced by a good one and the panel comes from the CSV.
  write_all(cache, data);
  const LoadedPanel rebuilt = load_panel_cached({csv}, {}, all, cache);
  EXPECT_NE(rebuilt.notes.back().find("corrupt: checksum mismatch"), std::string::npos);
  expect_same(rebuilt, load_panel({csv}, {}, all));
  EXPECT_EQ(read_all(cache), good);
  // No temporary file is left beside it.
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path()))
    ++entries;
  EXPECT_EQ(entries, 2U);
}

TEST(PriceCache, HitMapsTheColumnsWithoutCopies) {
  test::TempDir dir;
  const auto csv = dir.write("prices.csv", k_prices);
  const auto cache = dir.path() / "panel.cache";
  const PanelRequest all{"MKT", {}};
  (void)load_panel_cached({csv}, {}, all, cache);
  // Three closes (one per column) and AAA's adj_close are stored, 3 dates each; BBB's and MKT's
  // adj_close arrays are all NaN on the calendar and stored as a flag.
  const auto size = std::filesystem::file_size(cache);
  EXPECT_EQ(size % 4096, 4U * 3U * sizeof(double));
  auto read = read_panel_cache(cache, {csv}, {}, all);
  ASSERT_EQ(read.status, CacheStatus::hit);
  for (const auto& column : read.loaded.panel.columns) {
    EXPECT_TRUE(column.close.is_view()) << column.ticker;
    EXPECT_TRUE(column.adj_close.is_view()) << column.ticker;
    EXPECT_EQ(column.adj_close.size(), 3U);
  }
  // The panel outlives the reader's mapping handle and the file itself (the mapping is kept
  // alive by the columns); an edit copies the column, the mapping is read-only.
  std::filesystem::remove(cache);
  auto& aaa = read.loaded.panel.columns.front();
  ASSERT_EQ(aaa.ticker, "AAA");
  EXPECT_EQ(std::as_const(aaa.close)[2], 11.0); // a const read (2024-01-05) keeps the view
  EXPECT_TRUE(aaa.close.is_view());
  aaa.close[2] = 12.0; // non-const access: a copy first
  EXPECT_FALSE(aaa.close.is_view());
  EXPECT_EQ(aaa.close[2], 12.0);
  EXPECT_TRUE(std::isnan(std::as_const(read.loaded.panel).find("BBB")->adj_close[0]));
}

// The mapped cache is registered (util/mapped_regions.hpp) while a panel maps it, so that a
// truncation by another program is reported naming the file (cli/fault_handler.hpp).
TEST(PriceCache, TheMappedCacheIsRegisteredWhileThePanelMapsIt) {
  test::TempDir dir;
  const auto csv = dir.write("prices.csv", k_prices);
  const auto cache = dir.path() / "panel.cache";
  const PanelRequest all{"MKT", {}};
  (void)load_panel_cached({csv}, {}, all, cache);
  std::array<char, 4096> path{};
  std::size_t offset = 0;
  const double* close = nullptr;
  {
    auto read = read_panel_cache(cache, {csv}, {}, all);
    ASSERT_EQ(read.status, CacheStatus::hit);
    close = std::as_const(read.loaded.panel.columns.front().close).data();
    ASSERT_TRUE(util::find_mapped_region(close, path.data(), path.size(), offset));
    EXPECT_EQ(std::filesystem::path(path.data()), cache);
    EXPECT_GT(offset, 0U); // the columns follow the header
  }
  EXPECT_FALSE(util::find_mapped_region(close, path.data(), path.size(), offset)); // unmapped
}

TEST(PriceCache, UnwritableCacheThrowsAndLeavesNothing) {
  test::TempDir dir;
  const auto csv = dir.write("prices.csv", k_prices);
  const auto cache = dir.path() / "no_such_folder" / "panel.cache";
  EXPECT_THROW((void)load_panel_cached({csv}, {}, {"MKT", {}}, cache), Error);
  EXPECT_FALSE(std::filesystem::exists(cache));
}

} // namespace
} // namespace aftershock::sources
