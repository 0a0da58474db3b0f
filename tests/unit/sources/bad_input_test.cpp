// Every malformed price input of issue 2 ("Bad input") and issue 7 ("Hostile and broken input")
// ends with one error naming file, line, column and the offending text, plus a hint.
#include <aftershock/sources/price_loader.hpp>
#include <aftershock/util/error.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/temp_dir.hpp"

namespace aftershock::sources {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

struct Failure {
  std::string message;
  std::string hint;
};

// Loads `bytes` written to `name` and returns the error (the test fails if there is none).
Failure load_error(const test::TempDir& dir, const std::string& name, std::string_view bytes,
                   const LoadOptions& options = {}) {
  const auto path = dir.write(name, bytes);
  try {
    (void)load_prices({path}, options);
  } catch (const Error& error) {
    return {error.what(), error.hint()};
  }
  ADD_FAILURE() << "no error for " << name;
  return {};
}

std::string in(const test::TempDir& dir, const std::string& name) {
  return (dir.path() / name).string();
}

TEST(BadInput, NonPositivePrice) {
  test::TempDir dir;
  for (const std::string value : {"0", "-5", "-0", "0.0"}) {
    SCOPED_TRACE(value);
    const auto failure =
        load_error(dir, "X.csv", "date,close\n2025-01-24,142.62\n2025-01-27," + value + "\n");
    EXPECT_EQ(failure.message,
              in(dir, "X.csv") + ":3: column \"close\": price \"" + value + "\" is not positive");
    EXPECT_THAT(failure.hint, HasSubstr("greater than zero"));
  }
}

TEST(BadInput, NonPositiveAdjustedClose) {
  test::TempDir dir;
  const auto failure = load_error(dir, "X.csv", "date,close,adj_close\n2025-01-24,142.62,-1\n");
  EXPECT_EQ(failure.message,
            in(dir, "X.csv") + ":2: column \"adj_close\": price \"-1\" is not positive");
}

TEST(BadInput, NonNumericPrice) {
  test::TempDir dir;
  const auto failure =
      load_error(dir, "X.csv", "date;close\n2025-01-24;142.62\n2025-01-27;12,5x\n");
  EXPECT_EQ(failure.message,
            in(dir, "X.csv") + ":3: column \"close\": cannot parse \"12,5x\" as a number");
  EXPECT_THAT(failure.hint, HasSubstr("decimal point"));
}

TEST(BadInput, OutOfRangeAndNonFiniteNumbers) {
  test::TempDir dir;
  EXPECT_EQ(load_error(dir, "X.csv", "date,close\n2025-01-24,1e400\n").message,
            in(dir, "X.csv") +
                ":2: column \"close\": \"1e400\" is out of the range of a double-precision number");
  for (const std::string value : {"NaN", "nan", "Inf", "-inf", "infinity"}) {
    SCOPED_TRACE(value);
    const auto failure = load_error(dir, "X.csv", "date,close\n2025-01-24," + value + "\n");
    EXPECT_EQ(failure.message,
              in(dir, "X.csv") + ":2: column \"close\": \"" + value + "\" is not a finite number");
    EXPECT_THAT(failure.hint, HasSubstr("NaN/Inf are not data"));
  }
}

TEST(BadInput, EmptyClose) {
  test::TempDir dir;
  EXPECT_EQ(load_error(dir, "X.csv", "date,close\n2025-01-24,142\n2025-01-27,\n").message,
            in(dir, "X.csv") + ":3: column \"close\": empty cell where a number is required");
}

TEST(BadInput, DuplicateDateNamesBothLines) {
  test::TempDir dir;
  const auto failure = load_error(
      dir, "X.csv", "date,close\n2025-01-24,1\n2025-01-27,2\n2025-01-24,3\n2025-01-28,4\n");
  EXPECT_EQ(failure.message,
            in(dir, "X.csv") + ":4: duplicate date 2025-01-24 for X (also on line 2)");
  EXPECT_THAT(failure.hint, HasSubstr("delete one of the two rows"));
}

TEST(BadInput, DuplicateDateIsAnErrorEvenWhenSkipping) {
  test::TempDir dir;
  LoadOptions options;
  options.on_bad_row = BadRowPolicy::skip;
  EXPECT_THAT(load_error(dir, "X.csv", "date,close\n2025-01-24,1\n2025-01-24,1\n", options).message,
              HasSubstr(":3: duplicate date 2025-01-24"));
}

TEST(BadInput, EmptyAndHeaderOnlyFiles) {
  test::TempDir dir;
  EXPECT_EQ(load_error(dir, "E.csv", "").message, in(dir, "E.csv") + ": the file is empty");
  EXPECT_EQ(load_error(dir, "E.csv", "\r\n\r\n").message, in(dir, "E.csv") + ": the file is empty");
  const auto header_only = load_error(dir, "H.csv", "date,close,adj_close,volume\n");
  EXPECT_EQ(header_only.message, in(dir, "H.csv") + ":1: the file has a header but no data rows");
  EXPECT_FALSE(header_only.hint.empty());
}

TEST(BadInput, BinaryGarbageNulAndUtf16) {
  test::TempDir dir;
  const auto garbage = load_error(dir, "G.csv", std::string("\x1f\x8b\x08\x00\x00\x00", 6));
  EXPECT_THAT(garbage.message, StartsWith(in(dir, "G.csv") + ":1: binary data: control byte 0x1f"));
  EXPECT_FALSE(garbage.hint.empty());
  const auto nul = load_error(dir, "N.csv", std::string("date,close\n2025-01-24,1\0\n", 25));
  EXPECT_THAT(nul.message, StartsWith(in(dir, "N.csv") + ":2: NUL byte at byte offset 23"));
  const auto utf16 = load_error(dir, "U.csv",
                                std::string("\xFF\xFE"
                                            "d\0a\0t\0e\0",
                                            10));
  EXPECT_THAT(utf16.message, HasSubstr("UTF-16"));
  EXPECT_THAT(utf16.hint, HasSubstr("iconv -f UTF-16 -t UTF-8"));
  const auto latin1 = load_error(dir, "L.csv", "date,name,close\n2025-01-24,Soci\xe9t\xe9,1\n");
  EXPECT_THAT(latin1.message, HasSubstr("L.csv:2: byte 0xe9 at byte offset 31 is not valid UTF-8"));
}

TEST(BadInput, AbsurdDates) {
  test::TempDir dir;
  const std::string good = "2025-01-02,1\n2025-01-03,1\n2025-01-06,1\n";
  for (const std::string value : {"0000-01-01", "2025-02-30", "2025-13-01", "2025-00-10"}) {
    SCOPED_TRACE(value);
    const auto failure = load_error(dir, "X.csv", "date,close\n" + good + value + ",1\n");
    EXPECT_EQ(failure.message, in(dir, "X.csv") + ":5: column \"date\": \"" + value +
                                   "\" is not a date in format YYYY-MM-DD");
    EXPECT_THAT(failure.hint, HasSubstr("YYYY-MM-DD"));
  }
}

TEST(BadInput, AmbiguousDatesNeedTheOption) {
  test::TempDir dir;
  const auto failure = load_error(dir, "X.csv", "date,close\n01/02/2025,1\n02/03/2025,2\n");
  EXPECT_THAT(failure.message, HasSubstr("dates are ambiguous"));
  EXPECT_THAT(failure.hint, HasSubstr("--date-format"));
}

TEST(BadInput, RaggedRow) {
  test::TempDir dir;
  const auto failure =
      load_error(dir, "X.csv", "date,close\n2025-01-24,1\n2025-01-27,1,5\n2025-01-28,2\n");
  EXPECT_EQ(failure.message, in(dir, "X.csv") + ":3: the row has 3 fields but the header has 2");
  EXPECT_THAT(failure.hint, HasSubstr("comma"));
}

TEST(BadInput, HostileTickers) {
  test::TempDir dir;
  const auto path_ticker =
      load_error(dir, "long.csv", "date,ticker,close\n2025-01-24,../../etc/passwd,1\n");
  EXPECT_EQ(path_ticker.message, in(dir, "long.csv") +
                                     ":2: column \"ticker\": \"../../etc/passwd\" is not a valid "
                                     "ticker");
  const auto escape = load_error(dir, "long.csv", "date,ticker,close\n2025-01-24,A\x1b[31m,1\n");
  // Terminal escapes never get as far as a ticker: the control byte is refused as binary data.
  EXPECT_THAT(escape.message, HasSubstr("long.csv:2: binary data: control byte 0x1b"));
  const auto file_name = load_error(dir, "bad name!.csv", "date,close\n2025-01-24,1\n");
  EXPECT_THAT(file_name.message, HasSubstr("the file name gives the ticker \"bad name!\""));
}

TEST(BadInput, MissingPaths) {
  try {
    (void)load_prices({"/nonexistent/dir"}, {});
    FAIL();
  } catch (const Error& error) {
    EXPECT_STREQ(error.what(), "/nonexistent/dir: no such file or directory");
  }
  test::TempDir dir;
  dir.write("notes.md", "hello");
  try {
    (void)load_prices({dir.path()}, {});
    FAIL();
  } catch (const Error& error) {
    EXPECT_THAT(error.what(), HasSubstr("the directory has no .csv, .tsv or .txt files"));
  }
}

TEST(BadInput, NoDateColumn) {
  test::TempDir dir;
  const auto failure = load_error(dir, "X.csv", "close,volume\n1,2\n3,4\n");
  EXPECT_THAT(failure.message, HasSubstr("X.csv: no date column found"));
}

TEST(BadRowPolicy, SkipCountsAndKeepsTheFirstFew) {
  test::TempDir dir;
  std::string text = "date,close\n2025-01-02,1\n";
  for (int d = 10; d < 18; ++d)
    text += "2025-01-" + std::to_string(d) + ",x\n";
  const auto path = dir.write("X.csv", text);
  LoadOptions options;
  options.on_bad_row = BadRowPolicy::skip;
  const auto loaded = load_prices({path}, options);
  EXPECT_EQ(loaded.skipped_rows, 8U);
  EXPECT_EQ(loaded.row_errors.size(), 5U);
  EXPECT_EQ(loaded.row_errors[0],
            path.string() + ":3: column \"close\": cannot parse \"x\" as a number");
  EXPECT_EQ(loaded.series[0].close.size(), 1U);
  options.on_bad_row = BadRowPolicy::report;
  EXPECT_EQ(load_prices({path}, options).row_errors.size(), 8U);
}

TEST(BadRowPolicy, WideFileSkipsCells) {
  test::TempDir dir;
  const auto path = dir.write("w.csv", "date,A,B\n2025-01-02,1,-2\n2025-01-03,NaN,3\n");
  LoadOptions options;
  options.on_bad_row = BadRowPolicy::report;
  const auto loaded = load_prices({path}, options);
  EXPECT_EQ(loaded.skipped_rows, 2U);
  EXPECT_THAT(loaded.row_errors,
              ElementsAre(HasSubstr(":2: column \"B\": price \"-2\" is not positive"),
                          HasSubstr(":3: column \"A\": \"NaN\" is not a finite number")));
  ASSERT_EQ(loaded.series.size(), 2U);
  EXPECT_THAT(loaded.series[0].close, ElementsAre(1.0));
  EXPECT_THAT(loaded.series[1].close, ElementsAre(3.0));
}

TEST(BadRowPolicy, NothingUsableIsStillAnError) {
  test::TempDir dir;
  LoadOptions options;
  options.on_bad_row = BadRowPolicy::skip;
  const auto failure =
      load_error(dir, "X.csv", "date,close\n2025-01-02,x\n2025-01-03,y\n", options);
  EXPECT_EQ(failure.message, in(dir, "X.csv") + ": no usable price rows (2 of 2 rows skipped)");
  EXPECT_THAT(failure.hint, HasSubstr("cannot parse \"x\""));
}

} // namespace
} // namespace aftershock::sources
