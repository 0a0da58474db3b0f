// Phase 4 (dates): layout detection, ambiguity, forced layouts.
#include <aftershock/csv/date_sniffer.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace aftershock::csv {
namespace {

using calendar::DateFormat;
using ::testing::HasSubstr;

DateCandidate sniff(const std::vector<std::string_view>& values,
                    std::optional<DateFormat> forced = std::nullopt) {
  auto result = sniff_date_format(values, forced);
  EXPECT_TRUE(result);
  return result ? *result : DateCandidate{};
}

TEST(DateSniffer, EachLayout) {
  EXPECT_EQ(sniff({"2025-01-02", "2025-01-27"}).sniff.format, DateFormat::iso);
  EXPECT_EQ(sniff({"20250102", "20250127"}).sniff.format, DateFormat::yyyymmdd);
  EXPECT_EQ(sniff({"01/02/2025", "01/27/2025"}).sniff.format, DateFormat::mdy_slash);
  EXPECT_EQ(sniff({"02/01/2025", "27/01/2025"}).sniff.format, DateFormat::dmy_slash);
  EXPECT_EQ(sniff({"02.01.2025", "27.01.2025"}).sniff.format, DateFormat::dmy_dot);
}

TEST(DateSniffer, ReasonNamesTheDecidingValue) {
  const auto candidate = sniff({"02/01/2025", "27/01/2025"});
  EXPECT_EQ(candidate.fit, DateFit::all);
  EXPECT_EQ(candidate.sniff.reason,
            "all 2 values match DD/MM/YYYY; MM/DD/YYYY is ruled out by \"27/01/2025\"");
}

TEST(DateSniffer, AmbiguousSlashDatesAreRefused) {
  const auto result = sniff_date_format({"01/02/2025", "03/04/2025"}, std::nullopt);
  ASSERT_FALSE(result);
  EXPECT_THAT(result.error().problem, HasSubstr("dates are ambiguous"));
  EXPECT_THAT(result.error().problem, HasSubstr("\"01/02/2025\""));
  EXPECT_THAT(result.error().hint, HasSubstr("--date-format mdy"));
  EXPECT_THAT(result.error().hint, HasSubstr("--date-format dmy"));
}

TEST(DateSniffer, ForcedLayoutResolvesAmbiguity) {
  const auto candidate = sniff({"01/02/2025", "03/04/2025"}, DateFormat::dmy_slash);
  EXPECT_EQ(candidate.fit, DateFit::all);
  EXPECT_EQ(candidate.sniff.format, DateFormat::dmy_slash);
  EXPECT_THAT(candidate.sniff.reason, HasSubstr("given by --date-format"));
}

TEST(DateSniffer, MostlyDatesIsSomeAndNumbersAreNone) {
  const auto some = sniff({"2025-01-02", "2025-13-01", "2025-01-06"});
  EXPECT_EQ(some.fit, DateFit::some);
  EXPECT_EQ(some.sniff.format, DateFormat::iso);
  EXPECT_EQ(sniff({"118.42", "128.99"}).fit, DateFit::none);
  EXPECT_EQ(sniff({}).fit, DateFit::none);
}

// DateFit::all (the reader's scan for an unnamed date column): the same answer as the full
// sniff when every value fits a layout, fit none otherwise (never "some"), and the same
// ambiguity error.
TEST(DateSniffer, NeedingAllGivesTheFullAnswerOrNone) {
  const std::vector<std::vector<std::string_view>> columns{
      {"2025-01-02", "2025-01-27"}, {"20250102", "20250127"},     {"02/01/2025", "27/01/2025"},
      {"01/02/2025", "01/27/2025"}, {"02.01.2025", "27.01.2025"},
  };
  for (const auto& values : columns) {
    const auto full = sniff_date_format(values, std::nullopt);
    const auto all = sniff_date_format(values, std::nullopt, DateFit::all);
    ASSERT_TRUE(full && all) << values.front();
    EXPECT_EQ(all->fit, DateFit::all) << values.front();
    EXPECT_EQ(all->sniff.format, full->sniff.format) << values.front();
    EXPECT_EQ(all->sniff.reason, full->sniff.reason) << values.front();
  }
  // Mostly dates: "some" for the full sniff, none when every value must fit.
  const std::vector<std::string_view> mostly{"2025-01-02", "2025-13-01", "2025-01-06"};
  EXPECT_EQ(sniff(mostly).fit, DateFit::some);
  const auto strict = sniff_date_format(mostly, std::nullopt, DateFit::all);
  ASSERT_TRUE(strict);
  EXPECT_EQ(strict->fit, DateFit::none);
  // Text and ids: none, from the first value on.
  for (const auto& text : {std::vector<std::string_view>{"E001", "E002"},
                           std::vector<std::string_view>{"NVDA", "AMD"}}) {
    const auto none = sniff_date_format(text, std::nullopt, DateFit::all);
    ASSERT_TRUE(none);
    EXPECT_EQ(none->fit, DateFit::none);
  }
  const auto ambiguous =
      sniff_date_format({"01/02/2025", "03/04/2025"}, std::nullopt, DateFit::all);
  ASSERT_FALSE(ambiguous);
  EXPECT_THAT(ambiguous.error().problem, HasSubstr("dates are ambiguous"));
}

} // namespace
} // namespace aftershock::csv
