// Kenneth French factor files. The original-layout fixture (tests/fixtures/sources/
// kf_original.CSV) transcribes the library's 2025-01-24..28 daily values, which data/
// ff_factors_daily.csv holds too, so the two readers are checked against each other; row counts
// are those of the files (752 trading days 2023-01-03..2025-12-31).
#include <aftershock/series/factor_table.hpp>
#include <aftershock/sources/factor_loader.hpp>
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

calendar::Date make_day(int y, unsigned m, unsigned d) {
  return calendar::Date{year{y} / month{m} / day{d}};
}

double value_on(const series::FactorTable& table, std::string_view column, calendar::Date date) {
  const auto it = std::find(table.dates.begin(), table.dates.end(), date);
  const auto* values = table.find(column);
  if (it == table.dates.end() || values == nullptr)
    return std::nan("");
  return (*values)[static_cast<std::size_t>(it - table.dates.begin())];
}

TEST(Factors, OriginalKennethFrenchLayout) {
  const auto table =
      load_factor_file(test::source_dir() / "tests" / "fixtures" / "sources" / "kf_original.CSV");
  EXPECT_THAT(table.columns, ElementsAre("Mkt-RF", "SMB", "HML", "RF"));
  // The annual section and copyright after the blank line are not data.
  ASSERT_EQ(table.dates.size(), 4U);
  EXPECT_EQ(table.dates.front(), make_day(2025, 1, 24));
  EXPECT_DOUBLE_EQ(value_on(table, "Mkt-RF", make_day(2025, 1, 27)), -0.0149);
  EXPECT_DOUBLE_EQ(value_on(table, "HML", make_day(2025, 1, 27)), 0.025);
  EXPECT_TRUE(std::isnan(value_on(table, "Mkt-RF", make_day(2025, 1, 29)))); // -99.99 = missing
}

TEST(Factors, IsoVariantsAgreeWithTheOriginalLayout) {
  const auto iso = load_factor_file(test::data_dir() / "ff_factors_daily.csv");
  const auto original =
      load_factor_file(test::source_dir() / "tests" / "fixtures" / "sources" / "kf_original.CSV");
  EXPECT_THAT(iso.columns, ElementsAre("Mkt-RF", "SMB", "HML", "RF"));
  EXPECT_EQ(iso.dates.size(), 752U);
  for (const auto date : {make_day(2025, 1, 24), make_day(2025, 1, 27), make_day(2025, 1, 28)})
    for (const auto* column : {"Mkt-RF", "SMB", "HML", "RF"})
      EXPECT_DOUBLE_EQ(value_on(iso, column, date), value_on(original, column, date))
          << column << " " << calendar::format_iso(date);
}

TEST(Factors, JoinThreeFactorsAndMomentum) {
  const auto joined = load_factors(
      {test::data_dir() / "ff_factors_daily.csv", test::data_dir() / "ff_momentum_daily.csv"});
  EXPECT_THAT(joined.columns, ElementsAre("Mkt-RF", "SMB", "HML", "RF", "Mom"));
  EXPECT_EQ(joined.dates.size(), 752U);
  EXPECT_DOUBLE_EQ(value_on(joined, "Mom", make_day(2025, 1, 27)), -0.0328);
}

TEST(Factors, FiveFactorFileFromShared) {
  AFTERSHOCK_REQUIRE_SHARED(shared);
  const auto ff5 = load_factor_file(shared / "data" / "ff5_factors_daily.csv");
  EXPECT_THAT(ff5.columns, ElementsAre("Mkt-RF", "SMB", "HML", "RMW", "CMA", "RF"));
  EXPECT_EQ(ff5.dates.size(), 752U);
  EXPECT_DOUBLE_EQ(value_on(ff5, "RMW", make_day(2023, 1, 3)), 0.0027); // first row of the file
  // The two files come from different releases: Mkt-RF differs by 0.01 (percent) on 12 days,
  // first on 2023-03-21 (1.49 vs 1.48, read off both files with awk). Joining them must refuse
  // rather than keep one silently.
  try {
    (void)load_factors(
        {test::data_dir() / "ff_factors_daily.csv", shared / "data" / "ff5_factors_daily.csv"});
    FAIL() << "expected a conflict";
  } catch (const Error& error) {
    EXPECT_THAT(error.what(), HasSubstr("factor column \"Mkt-RF\" is in both"));
    EXPECT_THAT(error.what(), HasSubstr("with different values on 2023-03-21"));
  }
}

TEST(Factors, BadCellsNameLineAndColumn) {
  test::TempDir dir;
  const auto path =
      dir.write("f.csv", "date,Mkt-RF,RF\n2025-01-24,-0.27,0.02\n2025-01-27,x,0.02\n");
  try {
    (void)load_factor_file(path);
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(std::string(error.what()),
              path.string() + ":3: column \"Mkt-RF\": cannot parse \"x\" as a number");
  }
  const auto unordered = dir.write("u.csv", "date,RF\n2025-01-27,0.02\n2025-01-24,0.02\n");
  EXPECT_THROW((void)load_factor_file(unordered), Error);
  const auto no_data = dir.write("n.csv", "just some text\n");
  try {
    (void)load_factor_file(no_data);
    FAIL();
  } catch (const Error& error) {
    EXPECT_THAT(error.what(), HasSubstr("no row starts with a date"));
  }
}

} // namespace
} // namespace aftershock::sources
