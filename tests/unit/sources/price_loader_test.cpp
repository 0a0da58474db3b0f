// load_prices on the bundled data/ and on each layout fixture (tests/fixtures/sources).
// Expected numbers: row counts and NVDA's 2025-01-27 close from /work/shared/data/SOURCES.md
// (624 NYSE sessions 2023-01-03..2025-06-30; ARM 449 from its IPO; IXIC 458 to 2025-04-29;
// SMH/SOXX 500) and the literal contents of the fixtures.
#include <aftershock/sources/price_loader.hpp>
#include <aftershock/util/error.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "support/paths.hpp"
#include "support/temp_dir.hpp"

namespace aftershock::sources {
namespace {

using namespace std::chrono;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::filesystem::path fixture(const std::string& name) {
  return test::source_dir() / "tests" / "fixtures" / "sources" / name;
}

calendar::Date make_day(int y, unsigned m, unsigned d) {
  return calendar::Date{year{y} / month{m} / day{d}};
}

const series::PriceSeries& find(const LoadedPrices& loaded, const std::string& ticker) {
  const auto it = std::find_if(loaded.series.begin(), loaded.series.end(),
                               [&](const auto& s) { return s.ticker == ticker; });
  if (it == loaded.series.end())
    throw std::runtime_error("no series " + ticker);
  return *it;
}

double close_on(const series::PriceSeries& series, calendar::Date date) {
  const auto it = std::find(series.dates.begin(), series.dates.end(), date);
  if (it == series.dates.end())
    return std::nan("");
  return series.close[static_cast<std::size_t>(it - series.dates.begin())];
}

TEST(LoadPrices, BundledDataDirectory) {
  const auto loaded = load_prices({test::data_dir() / "prices"}, {});
  ASSERT_EQ(loaded.series.size(), 28U);
  EXPECT_EQ(loaded.skipped_rows, 0U);
  const auto& nvda = find(loaded, "NVDA");
  EXPECT_EQ(nvda.dates.size(), 624U);
  EXPECT_EQ(find(loaded, "ARM").dates.size(), 449U);
  EXPECT_EQ(find(loaded, "IXIC").dates.size(), 458U);
  EXPECT_EQ(find(loaded, "SMH").dates.size(), 500U);
  EXPECT_EQ(nvda.dates.front(), make_day(2023, 1, 3));
  EXPECT_EQ(nvda.dates.back(), make_day(2025, 6, 30));
  EXPECT_EQ(find(loaded, "ARM").dates.front(), make_day(2023, 9, 14)); // IPO
  EXPECT_EQ(find(loaded, "IXIC").dates.back(), make_day(2025, 4, 29));
  EXPECT_EQ(close_on(nvda, make_day(2025, 1, 27)), 118.42);
  EXPECT_EQ(nvda.adj_close.size(), 624U);
  EXPECT_EQ(nvda.volume.size(), 624U);
  // IXIC's adj_close column is empty: NaN, never 0.
  const auto& ixic = find(loaded, "IXIC");
  ASSERT_EQ(ixic.adj_close.size(), 458U);
  EXPECT_TRUE(std::all_of(ixic.adj_close.begin(), ixic.adj_close.end(),
                          [](double v) { return std::isnan(v); }));
  EXPECT_TRUE(std::is_sorted(loaded.series.begin(), loaded.series.end(),
                             [](const auto& a, const auto& b) { return a.ticker < b.ticker; }));
  EXPECT_THAT(loaded.notes, ElementsAre((test::data_dir() / "prices").string() +
                                        ": 28 files (28 per-ticker layout)"));
}

TEST(LoadPrices, SinglePerTickerFile) {
  const auto loaded = load_prices({test::data_dir() / "prices" / "ARM.csv"}, {});
  ASSERT_EQ(loaded.series.size(), 1U);
  EXPECT_EQ(loaded.series[0].ticker, "ARM");
  EXPECT_EQ(loaded.series[0].dates.size(), 449U);
}

TEST(LoadPrices, YahooColumns) {
  const auto loaded = load_prices({fixture("yahoo/NVDA.csv")}, {});
  ASSERT_EQ(loaded.series.size(), 1U);
  const auto& nvda = loaded.series[0];
  EXPECT_EQ(nvda.ticker, "NVDA");
  EXPECT_THAT(nvda.close, ElementsAre(142.62, 118.42, 128.99));
  EXPECT_THAT(nvda.adj_close, ElementsAre(142.59, 118.39, 128.96));
  EXPECT_THAT(nvda.volume, ElementsAre(234657600.0, 818830900.0, 579666400.0));
}

TEST(LoadPrices, LongFileAnyColumnOrder) {
  const auto loaded = load_prices({fixture("long.csv")}, {});
  ASSERT_EQ(loaded.series.size(), 2U);
  EXPECT_EQ(loaded.series[0].ticker, "AMD");
  EXPECT_THAT(loaded.series[0].close, ElementsAre(100.5, 98.25));
  EXPECT_THAT(loaded.series[0].adj_close, ElementsAre(100.4, 98.1));
  EXPECT_EQ(loaded.series[1].ticker, "NVDA");
  EXPECT_THAT(loaded.series[1].dates, ElementsAre(make_day(2025, 1, 24), make_day(2025, 1, 27)));
  ASSERT_EQ(loaded.series[1].adj_close.size(), 2U);
  EXPECT_TRUE(std::isnan(loaded.series[1].adj_close[0])); // empty cell -> NaN
  EXPECT_TRUE(loaded.series[1].volume.empty());           // no volume column
}

TEST(LoadPrices, WideFile) {
  const auto loaded = load_prices({fixture("wide.csv")}, {});
  ASSERT_EQ(loaded.series.size(), 2U);
  EXPECT_EQ(loaded.series[0].ticker, "ARM");
  EXPECT_THAT(loaded.series[0].dates, ElementsAre(make_day(2025, 1, 27), make_day(2025, 1, 28)));
  EXPECT_THAT(loaded.series[0].close, ElementsAre(139.1, 150.0));
  EXPECT_THAT(loaded.series[1].close, ElementsAre(142.62, 118.42, 128.99));
  EXPECT_TRUE(loaded.series[1].adj_close.empty());
}

TEST(LoadPrices, DescendingFileIsSortedWithANote) {
  const auto loaded = load_prices({fixture("descending_AV.csv")}, {});
  ASSERT_EQ(loaded.series.size(), 1U);
  EXPECT_EQ(loaded.series[0].ticker, "descending_AV");
  EXPECT_THAT(loaded.series[0].close, ElementsAre(142.62, 118.42, 128.99));
  EXPECT_THAT(loaded.notes, ElementsAre(HasSubstr("descending date order; sorted ascending")));
}

TEST(LoadPrices, DirectoryIgnoresNonCsvFiles) {
  const auto loaded = load_prices({fixture("dir")}, {});
  ASSERT_EQ(loaded.series.size(), 2U);
  EXPECT_EQ(loaded.series[0].ticker, "AMD");
  EXPECT_EQ(loaded.series[1].ticker, "NVDA");
}

TEST(LoadPrices, SameTickerInTwoFilesIsAnError) {
  try {
    (void)load_prices({fixture("dir"), fixture("yahoo")}, {});
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_THAT(error.what(), HasSubstr("ticker NVDA is in both"));
    EXPECT_THAT(error.what(), HasSubstr("dir/NVDA.csv"));
    EXPECT_THAT(error.what(), HasSubstr("yahoo/NVDA.csv"));
    EXPECT_FALSE(error.hint().empty());
  }
}

TEST(LoadPrices, DialectsGiveTheSameSeries) {
  test::TempDir dir;
  const auto semicolon = dir.write("a/SEMI.csv", "\xEF\xBB\xBF"
                                                 "Date;Close\r\n2025-01-24;142.62\r\n"
                                                 "2025-01-27;118.42\r\n\r\n\r\n");
  const auto tab = dir.write("b/TAB.tsv", "date\tclose\n20250124\t142.62\n20250127\t118.42\n");
  const auto quoted =
      dir.write("c/QUOTED.csv", "\"date\",\"close\"\n\"01/24/2025\",\"142.62\"\n\"01/27/2025\","
                                "\"118.42\"\n");
  const auto dotted = dir.write("d/DOT.csv", "date|close\n24.01.2025|142.62\n27.01.2025|118.42\n");
  const auto loaded = load_prices({semicolon, tab, quoted, dotted}, {});
  ASSERT_EQ(loaded.series.size(), 4U);
  for (const auto& series : loaded.series) {
    SCOPED_TRACE(series.ticker);
    EXPECT_THAT(series.dates, ElementsAre(make_day(2025, 1, 24), make_day(2025, 1, 27)));
    EXPECT_THAT(series.close, ElementsAre(142.62, 118.42));
  }
}

TEST(LoadPrices, DateFormatOptionResolvesAmbiguity) {
  test::TempDir dir;
  const auto file = dir.write("X.csv", "date,close\n01/02/2025,1\n02/03/2025,2\n");
  LoadOptions options;
  options.date_format = calendar::DateFormat::dmy_slash;
  const auto loaded = load_prices({file}, options);
  EXPECT_THAT(loaded.series[0].dates, ElementsAre(make_day(2025, 2, 1), make_day(2025, 3, 2)));
}

} // namespace
} // namespace aftershock::sources
