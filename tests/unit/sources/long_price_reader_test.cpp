// The fast long-file reader gives exactly the series of the general reader (read_price_table +
// detect_layout + extract_prices) for any thread count, and declines (nullopt) every file the
// general reader must handle (unsorted rows, quotes, bad cells, forced formats, small files).
#include <aftershock/sources/long_price_reader.hpp>

#include <gtest/gtest.h>

#include <bit>
#include <cstdint>
#include <string>

#include "temp_dir.hpp"

namespace aftershock::sources {
namespace {

// `firms` tickers x `days` ISO dates, date-major like the bench generator; prices with 1-4
// decimals; with adj_close (every 11th cell empty) and volume when `full`.
std::string long_file(std::size_t firms, std::size_t days, bool full) {
  std::string out = full ? "date,ticker,close,adj_close,volume\n" : "date,ticker,close\n";
  for (std::size_t t = 0; t < days; ++t) {
    const auto date = calendar::format_iso(*calendar::parse_iso_date("2019-12-30") +
                                           std::chrono::days(static_cast<int>(t)));
    for (std::size_t j = 0; j < firms; ++j) {
      if ((t + j) % 13 == 5)
        continue; // firm j has no row that day
      const double price = 10.0 + static_cast<double>((t * 7919 + j * 104729) % 100000) / 997.0;
      out += date + ",F" + std::to_string(j) + "," + std::to_string(price);
      if (full) {
        out += (t * firms + j) % 11 == 0 ? std::string(",") : "," + std::to_string(price * 0.97);
        out += "," + std::to_string((t + 3 * j) % 5000);
      }
      out += '\n';
    }
  }
  return out;
}

PriceFile general_reader(const std::filesystem::path& path) {
  const LoadOptions options;
  const auto table = read_price_table(path, options);
  PriceFile file;
  extract_prices(table, detect_layout(table, path), options, file);
  return file;
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size())
    return false;
  for (std::size_t k = 0; k < a.size(); ++k)
    if (std::bit_cast<std::uint64_t>(a[k]) != std::bit_cast<std::uint64_t>(b[k]))
      return false;
  return true;
}

void expect_same(const PriceFile& fast, const PriceFile& general) {
  ASSERT_EQ(fast.series.size(), general.series.size());
  for (std::size_t k = 0; k < fast.series.size(); ++k) {
    const auto& a = fast.series[k];
    const auto& b = general.series[k];
    EXPECT_EQ(a.ticker, b.ticker);
    EXPECT_EQ(a.origin, b.origin);
    EXPECT_EQ(a.dates, b.dates) << a.ticker;
    EXPECT_TRUE(same_bits(a.close, b.close)) << a.ticker;
    EXPECT_TRUE(same_bits(a.adj_close, b.adj_close)) << a.ticker;
    EXPECT_TRUE(same_bits(a.volume, b.volume)) << a.ticker;
  }
  EXPECT_TRUE(fast.notes.empty());
  EXPECT_EQ(fast.skipped_rows, 0U);
}

TEST(LongPriceReader, SameSeriesAsGeneralReaderForAnyThreadCount) {
  test::TempDir dir;
  for (const bool full : {false, true}) {
    const auto path = dir.write(full ? "full.csv" : "plain.csv", long_file(37, 61, full));
    const PriceFile general = general_reader(path);
    for (const std::size_t threads : {1U, 2U, 3U, 7U}) {
      const auto fast = read_long_prices_fast(path, {}, {threads, 0});
      ASSERT_TRUE(fast.has_value()) << threads;
      expect_same(*fast, general);
    }
  }
}

TEST(LongPriceReader, DeclinesWhatTheGeneralReaderMustHandle) {
  test::TempDir dir;
  const std::string good = long_file(5, 10, false);
  const auto declined = [&](const std::string& name, const std::string& bytes,
                            const LoadOptions& options = {}) {
    return !read_long_prices_fast(dir.write(name, bytes), options, {2, 0}).has_value();
  };
  EXPECT_FALSE(declined("good.csv", good));
  EXPECT_TRUE(!read_long_prices_fast(dir.write("small.csv", good), {}, {2, 1U << 20U}));
  // Rows of a ticker out of date order (sorted with a note by the general reader).
  EXPECT_TRUE(declined("unsorted.csv", "date,ticker,close\n2024-01-03,A,2\n2024-01-02,A,1\n"));
  // Duplicate date (an error naming both lines in the general reader).
  EXPECT_TRUE(declined("dup.csv", "date,ticker,close\n2024-01-02,A,2\n2024-01-02,A,1\n"));
  EXPECT_TRUE(declined("quoted.csv", "date,ticker,close\n2024-01-02,\"A\",2\n"));
  EXPECT_TRUE(declined("crlf.csv", "date,ticker,close\r\n2024-01-02,A,2\r\n"));
  EXPECT_TRUE(declined("blank.csv", "date,ticker,close\n2024-01-02,A,2\n\n2024-01-03,A,2\n"));
  EXPECT_TRUE(declined("noeol.csv", "date,ticker,close\n2024-01-02,A,2"));
  EXPECT_TRUE(declined("zero.csv", "date,ticker,close\n2024-01-02,A,0\n"));
  EXPECT_TRUE(declined("text.csv", "date,ticker,close\n2024-01-02,A,abc\n"));
  EXPECT_TRUE(declined("plus.csv", "date,ticker,close\n2024-01-02,A,+2\n"));
  EXPECT_TRUE(declined("blank_cell.csv", "date,ticker,close\n2024-01-02,A, 2\n"));
  EXPECT_TRUE(declined("date.csv", "date,ticker,close\n2024-02-30,A,2\n"));
  EXPECT_TRUE(declined("ticker.csv", "date,ticker,close\n2024-01-02,A/B,2\n"));
  EXPECT_TRUE(declined("wide_row.csv", "date,ticker,close\n2024-01-02,A,2,3\n"));
  EXPECT_TRUE(declined("short_row.csv", "date,ticker,close\n2024-01-02,A\n"));
  EXPECT_TRUE(declined("header.csv", "Date,Ticker,Close\n2024-01-02,A,2\n"));
  EXPECT_TRUE(declined("volume.csv", "date,ticker,close,adj_close,volume\n2024-01-02,A,2,2,-1\n"));
  LoadOptions semicolon;
  semicolon.delimiter = ';';
  EXPECT_TRUE(declined("forced.csv", good, semicolon));
}

} // namespace
} // namespace aftershock::sources
