// The reader end to end on fixture files (tests/fixtures/csv) and inline inputs. Expected values
// are the literal contents of the fixtures.
#include <aftershock/csv/table.hpp>
#include <aftershock/util/error.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <string>

#include "support/paths.hpp"

namespace aftershock::csv {
namespace {

using calendar::DateFormat;
using namespace std::chrono;
using ::testing::HasSubstr;

std::filesystem::path fixture(const std::string& name) {
  return test::source_dir() / "tests" / "fixtures" / "csv" / name;
}

calendar::Date make_day(int y, unsigned m, unsigned d) {
  return calendar::Date{year{y} / month{m} / day{d}};
}

// Every dialect fixture holds the same three rows.
void expect_three_rows(const Table& table) {
  ASSERT_EQ(table.columns.size(), 3U);
  EXPECT_TRUE(table.sniff.has_header);
  EXPECT_EQ(table.columns[0].type, ColumnType::date);
  EXPECT_EQ(table.columns[1].type, ColumnType::number);
  ASSERT_EQ(table.rows.size(), 3U);
  EXPECT_EQ(*table.date(0), make_day(2025, 1, 2));
  EXPECT_EQ(*table.date(2), make_day(2025, 1, 6));
  EXPECT_EQ(*table.number(0, 1), 10.5);
  EXPECT_EQ(*table.number(1, 1), 11.25);
  EXPECT_EQ(*table.number(2, 2), 300.0);
  EXPECT_EQ(table.rows[2].line, 4U);
}

TEST(Table, CommaLf) {
  const auto table = read_table(fixture("comma_lf.csv"), {});
  EXPECT_EQ(table.sniff.dialect.delimiter, ',');
  EXPECT_EQ(table.sniff.dialect.line_ending, LineEnding::lf);
  expect_three_rows(table);
}

TEST(Table, SemicolonCrlf) {
  const auto table = read_table(fixture("semicolon_crlf.csv"), {});
  EXPECT_EQ(table.sniff.dialect.delimiter, ';');
  EXPECT_EQ(table.sniff.dialect.line_ending, LineEnding::crlf);
  EXPECT_EQ(table.columns[0].name, "Date");
  EXPECT_EQ(table.find_column("DATE"), 0U);
  expect_three_rows(table);
}

TEST(Table, TabAndPipe) {
  const auto tab = read_table(fixture("tab.tsv"), {});
  EXPECT_EQ(tab.sniff.dialect.delimiter, '\t');
  expect_three_rows(tab);
  const auto pipe = read_table(fixture("pipe.csv"), {});
  EXPECT_EQ(pipe.sniff.dialect.delimiter, '|');
  expect_three_rows(pipe);
}

TEST(Table, QuotedFields) {
  const auto table = read_table(fixture("quoted.csv"), {});
  ASSERT_EQ(table.rows.size(), 4U);
  EXPECT_EQ(table.text(0, 1), "Acme, Inc.");
  EXPECT_EQ(table.text(1, 1), "The \"Best\" Co");
  EXPECT_EQ(table.text(2, 1), "two\nlines");
  EXPECT_EQ(table.rows[3].line, 6U); // the quoted line break moves the next record down
  EXPECT_EQ(table.columns[1].type, ColumnType::text);
  EXPECT_EQ(*table.number(3, 2), 13.0);
}

TEST(Table, BomAndBlankTrailingLines) {
  const auto bom = read_table(fixture("bom.csv"), {});
  EXPECT_EQ(bom.sniff.encoding, Encoding::utf8_bom);
  EXPECT_EQ(bom.columns[0].name, "date");
  EXPECT_EQ(bom.rows.size(), 2U);
  const auto blank = read_table(fixture("blank_trailing.csv"), {});
  EXPECT_EQ(blank.rows.size(), 2U);
}

TEST(Table, EachDateFormat) {
  const std::pair<const char*, DateFormat> cases[] = {
      {"dates_yyyymmdd.csv", DateFormat::yyyymmdd},
      {"dates_mdy.csv", DateFormat::mdy_slash},
      {"dates_dmy.csv", DateFormat::dmy_slash},
      {"dates_dmy_dot.csv", DateFormat::dmy_dot},
  };
  for (const auto& [name, format] : cases) {
    SCOPED_TRACE(name);
    const auto table = read_table(fixture(name), {});
    EXPECT_EQ(table.sniff.date_format, format);
    EXPECT_EQ(*table.date(0), make_day(2025, 1, 2));
    EXPECT_EQ(*table.date(2), make_day(2025, 1, 27));
  }
}

TEST(Table, AmbiguousDatesAreRefusedWithAHint) {
  try {
    (void)read_table(fixture("dates_ambiguous.csv"), {});
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_THAT(error.what(), HasSubstr("dates_ambiguous.csv: column \"date\": dates are "
                                        "ambiguous: all 3 values (e.g. \"01/02/2025\")"));
    EXPECT_THAT(error.hint(), HasSubstr("--date-format"));
  }
}

TEST(Table, DateFormatOptionIsHonoured) {
  ReadOptions options;
  options.date_format = DateFormat::dmy_slash;
  const auto table = read_table(fixture("dates_ambiguous.csv"), options);
  EXPECT_EQ(*table.date(0), make_day(2025, 2, 1));
  EXPECT_EQ(*table.date(2), make_day(2025, 3, 2));
  options.date_format = DateFormat::mdy_slash;
  EXPECT_EQ(*read_table(fixture("dates_ambiguous.csv"), options).date(2), make_day(2025, 2, 3));
}

TEST(Table, NumericTickersInTheHeader) {
  const auto table = parse_table("date,7203,6758\n2025-01-27,2800,3500\n", "tokyo.csv", {});
  EXPECT_TRUE(table.sniff.has_header);
  EXPECT_EQ(table.sniff.header_reason,
            "the first record holds \"date\" above the date \"2025-01-27\", so it is the header");
  EXPECT_EQ(table.columns[1].name, "7203");
  EXPECT_EQ(table.rows.size(), 1U);
}

TEST(Table, NoHeader) {
  const auto table = read_table(fixture("no_header.csv"), {});
  EXPECT_FALSE(table.sniff.has_header);
  EXPECT_THAT(table.sniff.header_reason, HasSubstr("\"2025-01-02\""));
  EXPECT_EQ(table.columns[0].name, "column1");
  EXPECT_EQ(table.rows.size(), 2U);
  EXPECT_EQ(table.rows[0].line, 1U);
}

Error error_of(const std::string& bytes, const ReadOptions& options = {}) {
  try {
    (void)parse_table(bytes, "in.csv", options);
  } catch (const Error& error) {
    return error;
  }
  ADD_FAILURE() << "no error for " << bytes;
  return Error("");
}

TEST(Table, EmptyAndHeaderOnlyFiles) {
  EXPECT_STREQ(error_of("").what(), "in.csv: the file is empty");
  EXPECT_STREQ(error_of("\n\n  \n").what(), "in.csv: the file is empty");
  const auto header_only = error_of("date,close\r\n");
  EXPECT_STREQ(header_only.what(), "in.csv:1: the file has a header but no data rows");
  EXPECT_FALSE(header_only.hint().empty());
}

TEST(Table, BinaryAndUtf16AreFileErrors) {
  EXPECT_THAT(error_of(std::string("\xFF\xFE"
                                   "d\0",
                                   4))
                  .what(),
              HasSubstr("UTF-16"));
  EXPECT_THAT(error_of(std::string("date,close\n2025-01-02,1\0", 24)).what(),
              HasSubstr("in.csv:2: NUL byte"));
}

// Row errors: the messages of architecture.md section 5.
TEST(Table, NumberCellErrors) {
  const auto table = parse_table("date,close\n2025-01-02,12,5x\n2025-01-03,1e400\n2025-01-06,NaN\n"
                                 "2025-01-07,-inf\n2025-01-08,\n2025-01-09,1e-400\n",
                                 "prices.csv", {.date_format = {}, .delimiter = ',', .header = {}});
  const auto message = [&](std::size_t row) { return table.number(row, 1).error().message(); };
  EXPECT_TRUE(table.width_error(0)); // "12,5x" splits into two fields
  EXPECT_EQ(table.width_error(0)->message(),
            "prices.csv:2: the row has 3 fields but the header has 2");
  EXPECT_EQ(message(1), "prices.csv:3: column \"close\": \"1e400\" is out of the range of a "
                        "double-precision number");
  EXPECT_EQ(message(2), "prices.csv:4: column \"close\": \"NaN\" is not a finite number");
  EXPECT_EQ(message(3), "prices.csv:5: column \"close\": \"-inf\" is not a finite number");
  EXPECT_EQ(message(4), "prices.csv:6: column \"close\": empty cell where a number is required");
  EXPECT_TRUE(std::isnan(*table.optional_number(4, 1)));
  EXPECT_EQ(message(5), "prices.csv:7: column \"close\": \"1e-400\" is out of the range of a "
                        "double-precision number");
  EXPECT_FALSE(table.number(1, 1).error().hint.empty());
}

TEST(Table, JunkNumberMessage) {
  const auto table = parse_table("date;close\n2025-01-02;12,5x\n", "prices.csv", {});
  const auto error = table.number(0, 1).error();
  EXPECT_EQ(error.message(), "prices.csv:2: column \"close\": cannot parse \"12,5x\" as a number");
  EXPECT_THAT(error.hint, HasSubstr("'.' as the decimal point"));
}

TEST(Table, DecimalCommaGetsItsOwnHint) {
  const auto table = parse_table("date;close\n2025-01-27;118,42\n", "eu.csv", {});
  const auto error = table.number(0, 1).error();
  EXPECT_EQ(error.message(), "eu.csv:2: column \"close\": cannot parse \"118,42\" as a number");
  EXPECT_THAT(error.hint, HasSubstr("decimal comma"));
}

TEST(Table, DateCellErrors) {
  const auto table =
      parse_table("date,close\n2025-01-02,1\n2025-13-01,1\n2025-02-30,1\n"
                  "0000-01-01,1\n2025-01-06,1\n27/01/2025,1\n2025-01-07,1\n2025-01-08,1\n"
                  "2025-01-09,1\n",
                  "prices.csv", {});
  EXPECT_EQ(table.sniff.date_format, DateFormat::iso);
  EXPECT_EQ(table.date(1).error().message(),
            "prices.csv:3: column \"date\": \"2025-13-01\" is not a date in format YYYY-MM-DD");
  EXPECT_THAT(table.date(1).error().hint, HasSubstr("the day exists"));
  EXPECT_EQ(table.date(2).error().message(),
            "prices.csv:4: column \"date\": \"2025-02-30\" is not a date in format YYYY-MM-DD");
  EXPECT_EQ(table.date(3).error().message(),
            "prices.csv:5: column \"date\": \"0000-01-01\" is not a date in format YYYY-MM-DD");
  EXPECT_THAT(table.date(5).error().hint, HasSubstr("looks like DD/MM/YYYY"));
}

TEST(Table, NamedDateColumnWithoutDatesIsAnError) {
  const auto error = error_of("date,close\nyesterday,1\ntoday,2\n");
  EXPECT_THAT(error.what(), HasSubstr("column \"date\": no value is a date"));
  EXPECT_THAT(error.what(), HasSubstr("\"yesterday\""));
}

TEST(Table, ForcedDelimiter) {
  ReadOptions options;
  options.delimiter = ';';
  const auto table = parse_table("date;close,x\n2025-01-02;1,5\n", "f.csv", options);
  EXPECT_EQ(table.columns.size(), 2U);
  EXPECT_EQ(table.columns[1].name, "close,x");
}

TEST(Table, MissingFile) {
  try {
    (void)read_table("/nonexistent/prices.csv", {});
    FAIL();
  } catch (const Error& error) {
    EXPECT_STREQ(error.what(), "/nonexistent/prices.csv: no such file");
  }
}

} // namespace
} // namespace aftershock::csv
