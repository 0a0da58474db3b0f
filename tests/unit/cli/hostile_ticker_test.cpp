// Tickers with terminal escapes or path syntax on the command line (issue 7): refused or
// reported with the control bytes escaped; nothing raw reaches the terminal, and a path-like
// ticker is looked up as a name, never opened as a file.
#include <gtest/gtest.h>

#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "run.hpp"
#include "support/paths.hpp"

namespace aftershock::cli {
namespace {

struct Outcome {
  int code = 0;
  std::string out;
  std::string err;
};

Outcome run_cli(std::vector<std::string> args) {
  args.insert(args.begin(), "aftershock");
  std::vector<char*> argv;
  for (auto& arg : args)
    argv.push_back(arg.data());
  argv.push_back(nullptr);
  std::ostringstream out;
  std::ostringstream err;
  auto* old_out = std::cout.rdbuf(out.rdbuf());
  auto* old_err = std::cerr.rdbuf(err.rdbuf());
  const int code = run(static_cast<int>(args.size()), argv.data());
  std::cout.rdbuf(old_out);
  std::cerr.rdbuf(old_err);
  return {code, out.str(), err.str()};
}

bool has_control_bytes(const std::string& text) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\n' && c != '\t') || byte == 0x7f)
      return true;
  }
  return false;
}

TEST(HostileTicker, TerminalEscapesNeverReachTheTerminal) {
  const auto data = (test::data_dir() / "prices").string();
  const std::vector<std::vector<std::string>> cases = {
      {"download", "--source", "yahoo", "A\x1b]0;owned\x07", "--from", "2024-01-01", "--to",
       "2024-02-01", "--offline"},
      {"study", "--event", "2025-01-27", "--data", data, "--tickers", "NVDA,\x1b[2J\x1b[31mX",
       "--market", "SPY"},
      {"study", "--event", "2025-01-27", "--data", data, "--tickers", "NVDA", "--market",
       "SPY\r\x1b[1A"},
      {"study", "--event", "2025-01-27\x1b[31m", "--data", data},
  };
  for (const auto& args : cases) {
    SCOPED_TRACE(args[0] + " " + args[3]);
    const auto outcome = run_cli(args);
    EXPECT_NE(outcome.code, 0);
    EXPECT_FALSE(has_control_bytes(outcome.out));
    EXPECT_FALSE(has_control_bytes(outcome.err)) << outcome.err;
    EXPECT_NE(outcome.err.find("\\x1b"), std::string::npos) << outcome.err; // shown escaped
  }
}

TEST(HostileTicker, PathLikeTickerIsANameNotAFile) {
  const auto data = (test::data_dir() / "prices").string();
  const auto outcome = run_cli({"study", "--event", "2025-01-27", "--data", data, "--tickers",
                                "NVDA,../../etc/passwd", "--market", "SPY", "--format", "json"});
  // The ticker is looked up among the loaded series and reported as absent; /etc/passwd is
  // never opened (nothing of it appears).
  EXPECT_EQ(outcome.code, 1);
  EXPECT_TRUE(outcome.out.empty());
  EXPECT_EQ(outcome.err.find("root:"), std::string::npos);
  EXPECT_NE(outcome.err.find("\"../../ETC/PASSWD\" is not in the data"), std::string::npos)
      << outcome.err;
}

} // namespace
} // namespace aftershock::cli
