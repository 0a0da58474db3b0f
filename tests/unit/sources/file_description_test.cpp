// describe_files: what `inspect` shows, on the fixtures.
#include <aftershock/sources/file_description.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/paths.hpp"
#include "support/temp_dir.hpp"

namespace aftershock::sources {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(Describe, YahooFile) {
  const auto descriptions =
      describe_files({test::source_dir() / "tests" / "fixtures" / "sources" / "yahoo"}, {});
  ASSERT_EQ(descriptions.size(), 1U);
  const auto& d = descriptions[0];
  EXPECT_EQ(d.layout, "yahoo");
  EXPECT_THAT(d.tickers, ElementsAre("NVDA"));
  EXPECT_EQ(d.rows, 3U);
  EXPECT_EQ(d.sniff.dialect.delimiter, ',');
  EXPECT_TRUE(d.sniff.has_header);
  EXPECT_EQ(d.sniff.date_format, calendar::DateFormat::iso);
  EXPECT_EQ(d.columns.size(), 7U);
  EXPECT_EQ(calendar::format_iso(*d.first_date), "2025-01-24");
  EXPECT_EQ(calendar::format_iso(*d.last_date), "2025-01-28");
  EXPECT_TRUE(d.problem.empty());
}

TEST(Describe, BadRowsAndProblemsAreReportedNotThrown) {
  test::TempDir dir;
  dir.write("X.csv", "date,close\n2025-01-02,1\n2025-01-03,x\n2025-01-02,2\n");
  const auto descriptions = describe_files({dir.path()}, {});
  ASSERT_EQ(descriptions.size(), 1U);
  EXPECT_EQ(descriptions[0].skipped_rows, 1U);
  EXPECT_THAT(descriptions[0].row_errors, ElementsAre(HasSubstr("cannot parse \"x\"")));
  EXPECT_THAT(descriptions[0].problem, HasSubstr("duplicate date 2025-01-02"));
}

TEST(Describe, FactorFilesInBothLayouts) {
  const auto descriptions =
      describe_files({test::source_dir() / "tests" / "fixtures" / "sources" / "kf_original.CSV",
                      test::data_dir() / "ff_momentum_daily.csv"},
                     {});
  ASSERT_EQ(descriptions.size(), 2U);
  const auto& original = descriptions[0];
  EXPECT_EQ(original.layout, "factors");
  EXPECT_EQ(original.rows, 4U);
  EXPECT_EQ(original.sniff.date_format, calendar::DateFormat::yyyymmdd);
  EXPECT_EQ(original.sniff.header_reason, "line 4, the line above the first dated row");
  EXPECT_THAT(original.notes, ElementsAre("3 description lines before the header and 4 lines "
                                          "after the daily data ignored"));
  EXPECT_EQ(descriptions[1].layout, "factors");
  EXPECT_EQ(descriptions[1].rows, 752U);
  EXPECT_TRUE(descriptions[1].problem.empty());
}

TEST(Describe, SharesFile) {
  const auto descriptions = describe_files({test::data_dir() / "shares_outstanding.csv"}, {});
  ASSERT_EQ(descriptions.size(), 1U);
  EXPECT_EQ(descriptions[0].layout, "shares");
  EXPECT_EQ(descriptions[0].tickers.size(), 21U);
  EXPECT_EQ(descriptions[0].tickers.front(), "NVDA");
  EXPECT_TRUE(descriptions[0].problem.empty());
}

} // namespace
} // namespace aftershock::sources
