// load_shares on the bundled data/shares_outstanding.csv (values from its own rows, which cite
// the 10-Q cover pages; NVDA's 24.49bn is also the figure issue 2 names) and on bad inputs.
#include <aftershock/sources/price_loader.hpp>
#include <aftershock/util/error.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>

#include "support/paths.hpp"
#include "support/temp_dir.hpp"

namespace aftershock::sources {
namespace {

using namespace std::chrono;
using ::testing::HasSubstr;

TEST(LoadShares, BundledFile) {
  const auto shares = load_shares(test::data_dir() / "shares_outstanding.csv");
  EXPECT_EQ(shares.records.size(), 21U);
  const auto* nvda = shares.find("NVDA");
  ASSERT_NE(nvda, nullptr);
  EXPECT_EQ(nvda->shares, 24490000000.0);
  EXPECT_EQ(nvda->as_of, calendar::Date{year{2024} / 11 / 15});
  EXPECT_THAT(nvda->source, HasSubstr("NVIDIA 10-Q"));
  const auto* meta = shares.find("META");
  ASSERT_NE(meta, nullptr);
  EXPECT_EQ(meta->shares, 2180000871.0 + 344487662.0); // Class A + Class B, per its source note
}

Error shares_error(const test::TempDir& dir, std::string_view bytes) {
  const auto path = dir.write("shares.csv", bytes);
  try {
    (void)load_shares(path);
  } catch (const Error& error) {
    return error;
  }
  ADD_FAILURE() << "no error";
  return Error("");
}

TEST(LoadShares, BadInputs) {
  test::TempDir dir;
  const std::string file = (dir.path() / "shares.csv").string();
  EXPECT_EQ(std::string(shares_error(dir, "ticker,shares\nNVDA,0\n").what()),
            file + ":2: column \"shares\": share count \"0\" is not positive");
  EXPECT_EQ(std::string(shares_error(dir, "ticker,shares\nNVDA,24.49bn\n").what()),
            file + ":2: column \"shares\": cannot parse \"24.49bn\" as a number");
  EXPECT_EQ(std::string(shares_error(dir, "ticker,shares\nNVDA,1\nAMD,2\nNVDA,3\n").what()),
            file + ":4: ticker NVDA is listed twice (also on line 2)");
  EXPECT_THAT(shares_error(dir, "symbol,count\nNVDA,1\n").what(),
              HasSubstr("needs the columns ticker and shares"));
  EXPECT_EQ(std::string(shares_error(dir, "ticker,shares,as_of\nNVDA,1,2024-11-15\nAMD,2,"
                                          "2024-02-30\nMU,3,2024-12-12\n")
                            .what()),
            file + ":3: column \"as_of\": \"2024-02-30\" is not a date in format YYYY-MM-DD");
}

} // namespace
} // namespace aftershock::sources
