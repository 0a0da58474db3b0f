// describe_files: what `inspect` shows, on the fixtures.
#include <aftershock/sources/file_description.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/paths.hpp"
#include "temp_dir.hpp"

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

} // namespace
} // namespace aftershock::sources
