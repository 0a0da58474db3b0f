// The INI configuration file: syntax errors and unknown keys name the file, line and key; the
// command line wins over the file; [keys] feeds the environment lookup of the sources.
#include <aftershock/util/error.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "arguments.hpp"
#include "command.hpp"
#include "commands.hpp"
#include "config_file.hpp"
#include "download_command.hpp"

namespace aftershock::cli {
namespace {

namespace po = boost::program_options;
using ::testing::HasSubstr;

std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ExitCode::usage);
    return error.what();
  }
  return "no error";
}

void validate(const ConfigFile& config) {
  const auto study = study_options();
  const auto download = download_options();
  validate_config(config, {{"study", &study}, {"download", &download}});
}

po::variables_map study_map(const std::vector<std::string>& args, const ConfigFile& config) {
  std::ostringstream out;
  CommandContext context{out, out};
  context.config = &config;
  return parse_command_options(args, study_options(), {}, context, "study");
}

TEST(ConfigFile, ParsesSectionsCommentsAndQuotes) {
  const auto config =
      parse_config("# defaults\nmarket = QQQ\n\n[study]\n; a comment\n"
                   "window = \"-3:3\" # quoted\ncar-window=0:0 ; first\ncar-window = -1:1\n",
                   "c.ini");
  ASSERT_EQ(config.entries.size(), 4U);
  EXPECT_EQ(config.entries[0].section, "");
  EXPECT_EQ(config.entries[0].key, "market");
  EXPECT_EQ(config.entries[1].section, "study");
  EXPECT_EQ(config.entries[1].value, "-3:3");
  EXPECT_EQ(config.entries[2].value, "0:0");
  EXPECT_EQ(config.entries[3].line, 8);
  validate(config);
}

TEST(ConfigFile, SyntaxErrorNamesFileAndLine) {
  EXPECT_THAT(error_of([] { parse_config("[study]\nwindow -3:3\n", "c.ini"); }),
              HasSubstr("c.ini line 2: line \"window -3:3\" is not 'key = value'"));
  EXPECT_THAT(error_of([] { parse_config("[keys]\ngoogle_api_key = x\n", "c.ini"); }),
              HasSubstr("c.ini line 2: key \"google_api_key\" is not a key name in [keys]"));
}

TEST(ConfigFile, UnknownKeysAndSectionsNameFileLineAndKey) {
  EXPECT_THAT(error_of([] { validate(parse_config("[study]\nwindw = 1:2\n", "c.ini")); }),
              HasSubstr("c.ini line 2: key \"windw\" is not an option of 'study'"));
  EXPECT_THAT(error_of([] { validate(parse_config("marker = SPY\n", "c.ini")); }),
              HasSubstr("c.ini line 1: key \"marker\" is not an option of any command"));
  EXPECT_THAT(error_of([] { validate(parse_config("[stdy]\nwindow = 1:2\n", "c.ini")); }),
              HasSubstr("c.ini line 2: line section [stdy] is not a command"));
  EXPECT_THAT(error_of([] { validate(parse_config("[study]\nquiet = maybe\n", "c.ini")); }),
              HasSubstr("c.ini line 2: key \"quiet\" has the value \"maybe\"; a switch takes"));
  EXPECT_THAT(error_of([] { validate(parse_config("[study]\nmodel = a\nmodel = b\n", "c.ini")); }),
              HasSubstr("c.ini line 3: key \"model\" is given twice (also on line 2)"));
}

TEST(ConfigFile, CommandLineWinsOverSectionOverTopLevel) {
  const auto config = parse_config(
      "market = QQQ\nmodel = capm\n[study]\nmodel = ff3\nquiet = true\ncar-window = 0:1\n",
      "c.ini");
  const auto from_file = study_map({}, config);
  EXPECT_EQ(from_file["market"].as<std::string>(), "QQQ");
  EXPECT_EQ(from_file["model"].as<std::string>(), "ff3");
  EXPECT_TRUE(from_file["quiet"].as<bool>());
  EXPECT_EQ(get_strings(from_file, "car-window"), std::vector<std::string>{"0:1"});
  const auto given = study_map({"--model", "market", "--car-window", "-2:2"}, config);
  EXPECT_EQ(given["model"].as<std::string>(), "market");
  EXPECT_EQ(get_strings(given, "car-window"), std::vector<std::string>{"-2:2"});
  const auto none = study_map({"--no-config"}, config);
  EXPECT_EQ(none.count("market"), 0U);
}

TEST(ConfigFile, KeysSectionFeedsTheEnvironmentLookup) {
  const auto config = parse_config(
      "[keys]\nalphavantage_api_key = secret1\nAFTERSHOCK_SEC_USER_AGENT = a b\n", "c.ini");
  EXPECT_TRUE(holds_keys(config));
  EXPECT_EQ(config_key_value(config, "AFTERSHOCK_ALPHAVANTAGE_API_KEY"), "secret1");
  EXPECT_EQ(config_key_value(config, "AFTERSHOCK_SEC_USER_AGENT"), "a b");
  EXPECT_EQ(config_key_value(config, "AFTERSHOCK_STOOQ_API_KEY"), "");
}

} // namespace
} // namespace aftershock::cli
