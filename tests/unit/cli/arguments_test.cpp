// Option parsing helpers: negative offsets as separate words, and usage errors.
#include <aftershock/util/error.hpp>

#include <gtest/gtest.h>

#include "arguments.hpp"

namespace aftershock::cli {
namespace {

namespace po = boost::program_options;

po::options_description sample_options() {
  po::options_description options;
  options.add_options()("window", po::value<std::string>(),
                        "")("car-window", po::value<std::vector<std::string>>(), "")(
      "output,o", po::value<std::string>(), "")("quiet,q", po::bool_switch(), "");
  return options;
}

TEST(Arguments, JoinsNegativeValuesToTheirOption) {
  const auto options = sample_options();
  using V = std::vector<std::string>;
  EXPECT_EQ(attach_negative_values(V{"--window", "-1:1"}, options), V{"--window=-1:1"});
  EXPECT_EQ(attach_negative_values(V{"--window=-1:1"}, options), V{"--window=-1:1"});
  EXPECT_EQ(attach_negative_values(V{"-o", "-1.csv"}, options), V{"-o-1.csv"});
  // A switch takes no value, so a following word is left alone.
  EXPECT_EQ(attach_negative_values(V{"--quiet", "-1"}, options), (V{"--quiet", "-1"}));
  // Words that are not negative numbers stay separate.
  EXPECT_EQ(attach_negative_values(V{"--window", "--quiet"}, options), (V{"--window", "--quiet"}));
}

TEST(Arguments, BothSpellingsParseToTheSameValue) {
  const auto options = sample_options();
  for (const auto& args : {std::vector<std::string>{"--window", "-5:-1"},
                           std::vector<std::string>{"--window=-5:-1"}}) {
    const auto map = parse_options(args, options);
    EXPECT_EQ(get_string(map, "window"), "-5:-1");
  }
  const auto map = parse_options({"--car-window", "-1:1", "--car-window", "0:0"}, options);
  EXPECT_EQ(map["car-window"].as<std::vector<std::string>>(),
            (std::vector<std::string>{"-1:1", "0:0"}));
}

TEST(Arguments, UnknownOptionsAndStrayWordsAreUsageErrors) {
  const auto options = sample_options();
  try {
    parse_options({"--windwo", "1:2"}, options);
    FAIL() << "expected a UsageError";
  } catch (const UsageError& error) {
    EXPECT_EQ(error.code(), ExitCode::usage);
    EXPECT_NE(std::string(error.what()).find("--windwo"), std::string::npos);
  }
  EXPECT_THROW(parse_options({"stray"}, options), UsageError);
  EXPECT_THROW(parse_options({"--window"}, options), UsageError);
  EXPECT_THROW(parse_options({"--window", "1:2", "--window", "3:4"}, options), UsageError);
  EXPECT_FALSE(get_string(parse_options({}, options), "window").has_value());
}

TEST(Arguments, BadValueNamesOptionAndValue) {
  try {
    bad_value("window", "abc", "expected A:B");
    FAIL() << "expected a UsageError";
  } catch (const UsageError& error) {
    EXPECT_STREQ(error.what(), "bad value for --window: \"abc\" (expected A:B)");
  }
}

} // namespace
} // namespace aftershock::cli
