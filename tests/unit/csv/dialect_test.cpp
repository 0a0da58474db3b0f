// Phase 2: delimiter, quotes, line endings, blank lines.
#include <aftershock/csv/dialect.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace aftershock::csv {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(Dialect, ChoosesEachCandidateDelimiter) {
  EXPECT_EQ(sniff_dialect("a,b,c\n1,2,3\n", std::nullopt).delimiter, ',');
  EXPECT_EQ(sniff_dialect("a;b;c\n1;2;3\n", std::nullopt).delimiter, ';');
  EXPECT_EQ(sniff_dialect("a\tb\tc\n1\t2\t3\n", std::nullopt).delimiter, '\t');
  EXPECT_EQ(sniff_dialect("a|b|c\n1|2|3\n", std::nullopt).delimiter, '|');
}

TEST(Dialect, SemicolonWinsOverDecimalCommas) {
  // European export: ';' separates, ',' is the decimal mark, so ',' gives ragged records.
  const auto dialect = sniff_dialect("date;close\n2025-01-27;118,42\n2025-01-28;128,99\n"
                                     "2025-01-29;123\n",
                                     std::nullopt);
  EXPECT_EQ(dialect.delimiter, ';');
  EXPECT_THAT(dialect.reason, HasSubstr("4 of 4 sampled records have 2 fields"));
}

TEST(Dialect, DelimiterInsideQuotesDoesNotCount) {
  EXPECT_EQ(sniff_dialect("a;b\n\"x,y,z\";1\n\"p,q\";2\n", std::nullopt).delimiter, ';');
}

TEST(Dialect, ForcedDelimiterWins) {
  const auto dialect = sniff_dialect("a,b;c\n", ';');
  EXPECT_EQ(dialect.delimiter, ';');
  EXPECT_EQ(dialect.reason, "given by --delimiter");
}

TEST(Dialect, LineEndings) {
  EXPECT_EQ(sniff_dialect("a,b\n1,2\n", std::nullopt).line_ending, LineEnding::lf);
  EXPECT_EQ(sniff_dialect("a,b\r\n1,2\r\n", std::nullopt).line_ending, LineEnding::crlf);
  EXPECT_EQ(sniff_dialect("a,b\r\n1,2\n", std::nullopt).line_ending, LineEnding::mixed);
  EXPECT_EQ(sniff_dialect("a,b", std::nullopt).line_ending, LineEnding::none);
}

TEST(Records, QuotesEscapesAndMultilineFields) {
  const auto records =
      split_records("a,\"b,c\",\"say \"\"hi\"\"\"\n\"two\nlines\",x,\n", ',', "q.csv");
  ASSERT_TRUE(records);
  ASSERT_EQ(records->size(), 2U);
  EXPECT_THAT((*records)[0].fields, ElementsAre("a", "b,c", "say \"hi\""));
  EXPECT_THAT((*records)[1].fields, ElementsAre("two\nlines", "x", ""));
  EXPECT_EQ((*records)[0].line, 1U);
  EXPECT_EQ((*records)[1].line, 2U);
}

TEST(Records, LineNumbersCountBlankAndContinuationLines) {
  const auto records = split_records("h\r\n\r\n\"a\nb\"\r\n   \r\nc\r\n\r\n\r\n", ',', "f");
  ASSERT_TRUE(records);
  ASSERT_EQ(records->size(), 3U);
  EXPECT_EQ((*records)[0].line, 1U);
  EXPECT_EQ((*records)[1].line, 3U);
  EXPECT_EQ((*records)[2].line, 6U);
  EXPECT_THAT((*records)[2].fields, ElementsAre("c"));
}

TEST(Records, UnterminatedQuoteNamesTheLineWhereItOpened) {
  const auto records = split_records("a,b\n1,\"oops\n2,3\n", ',', "u.csv");
  ASSERT_FALSE(records);
  EXPECT_EQ(records.error().message(), "u.csv:2: quoted field is never closed");
  EXPECT_THAT(records.error().hint, HasSubstr("\"\""));
}

TEST(Records, TextAfterClosingQuoteIsAnError) {
  const auto records = split_records("a,b\n\"x\"y,1\n", ',', "t.csv");
  ASSERT_FALSE(records);
  EXPECT_THAT(records.error().message(), HasSubstr("t.csv:2: unexpected character 'y'"));
}

TEST(Records, AMillionColumnsAreRefusedEarly) {
  std::string text = "date";
  for (int i = 0; i < 1000000; ++i)
    text += ",T";
  const auto records = split_records(text, ',', "wide.csv");
  ASSERT_FALSE(records);
  EXPECT_EQ(records.error().message(), "wide.csv:1: the record has more than 10000 fields");
}

TEST(Records, LongLinesAreRead) {
  const std::string note(5'000'000, 'x');
  const auto records = split_records("a,b\n1,\"" + note + "\"\n2," + note + "\n", ',', "f");
  ASSERT_TRUE(records);
  ASSERT_EQ(records->size(), 3U);
  EXPECT_EQ((*records)[1].fields[1].size(), 5'000'000U);
  EXPECT_EQ((*records)[2].fields[1].size(), 5'000'000U);
}

} // namespace
} // namespace aftershock::csv
