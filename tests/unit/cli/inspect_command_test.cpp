// `inspect` through its command function: options, output formats and usage errors.
#include <aftershock/util/error.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

#include "inspect_command.hpp"
#include "support/paths.hpp"

namespace aftershock::cli {
namespace {

using ::testing::HasSubstr;

struct Run {
  int code = -1;
  std::string out;
};

Run inspect(const std::vector<std::string>& args) {
  std::ostringstream out;
  std::ostringstream err;
  CommandContext context{out, err};
  Run run;
  run.code = run_inspect(args, context);
  run.out = out.str();
  return run;
}

std::string fixture(const std::string& name) {
  return (test::source_dir() / "tests" / "fixtures" / name).string();
}

TEST(InspectCommand, TextOnBundledFile) {
  const auto run = inspect({(test::data_dir() / "prices" / "NVDA.csv").string()});
  EXPECT_EQ(run.code, 0);
  EXPECT_THAT(run.out, HasSubstr("layout       per-ticker"));
  EXPECT_THAT(run.out, HasSubstr("rows         624\n"));
  EXPECT_THAT(run.out, HasSubstr("date range   2023-01-03 .. 2025-06-30\n"));
}

TEST(InspectCommand, JsonOnSeveralFiles) {
  const auto run =
      inspect({fixture("sources/long.csv"), fixture("sources/wide.csv"), "--format", "json"});
  const auto json = nlohmann::json::parse(run.out);
  ASSERT_EQ(json.at("files").size(), 2U);
  EXPECT_EQ(json["files"][0]["layout"], "long");
  EXPECT_EQ(json["files"][1]["layout"], "wide");
  EXPECT_EQ(json["files"][1]["tickers"], nlohmann::json::array({"ARM", "NVDA"}));
}

TEST(InspectCommand, DateFormatAndDelimiterOptions) {
  const auto ambiguous = fixture("csv/dates_ambiguous.csv");
  EXPECT_THROW((void)inspect({ambiguous}), Error);
  const auto run = inspect({ambiguous, "--date-format", "dmy", "-d", ",", "--format=json"});
  const auto json = nlohmann::json::parse(run.out);
  EXPECT_EQ(json["files"][0]["date_format"], "DD/MM/YYYY");
  EXPECT_EQ(json["files"][0]["first_date"], "2025-02-01");
}

TEST(InspectCommand, UsageErrors) {
  const auto usage_error = [](const std::vector<std::string>& args) {
    try {
      (void)inspect(args);
    } catch (const UsageError& error) {
      EXPECT_EQ(error.code(), ExitCode::usage);
      EXPECT_FALSE(error.hint().empty());
      return std::string(error.what());
    }
    ADD_FAILURE() << "no usage error";
    return std::string();
  };
  EXPECT_EQ(usage_error({}), "inspect: no FILE given");
  EXPECT_THAT(usage_error({"x.csv", "--bogus"}), HasSubstr("bogus"));
  EXPECT_EQ(usage_error({"x.csv", "--format", "xml"}), "--format: unknown format xml");
  EXPECT_EQ(usage_error({"x.csv", "--date-format", "julian"}),
            "--date-format: unknown date format julian");
  EXPECT_EQ(usage_error({"x.csv", "-d", "#"}), "--delimiter: unknown delimiter #");
}

TEST(InspectCommand, Help) {
  const auto run = inspect({"--help"});
  EXPECT_EQ(run.code, 0);
  EXPECT_THAT(run.out, HasSubstr("usage: aftershock inspect FILE..."));
}

} // namespace
} // namespace aftershock::cli
