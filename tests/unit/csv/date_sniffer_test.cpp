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

} // namespace
} // namespace aftershock::csv
