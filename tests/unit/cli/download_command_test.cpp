// `aftershock download` against a loopback Yahoo: files the loader reads back, exit codes 0/1/3,
// usage errors, offline use. The downloaded rows must equal the rows of data/prices/<T>.csv the
// server's bodies were generated from.
#include <aftershock/util/error.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <sstream>
#include <unistd.h>

#include "download_command.hpp"
#include "support/fake_yahoo.hpp"
#include "support/paths.hpp"
#include "support/temp_dir.hpp"

namespace aftershock::cli {
namespace {

// The lines of data/prices/<ticker>.csv dated within [from, to] (ISO strings compare by date).
std::string bundled_rows(const std::string& ticker, const std::string& from,
                         const std::string& to) {
  std::istringstream lines(test::read_file(test::data_dir() / "prices" / (ticker + ".csv")));
  std::string line;
  std::string text;
  std::getline(lines, line);
  text = line + "\n";
  while (std::getline(lines, line)) {
    const auto date = line.substr(0, 10);
    if (date >= from && date <= to)
      text += line + "\n";
  }
  return text;
}

class DownloadCommand : public ::testing::Test {
protected:
  void SetUp() override {
    m_yahoo.start();
    test::fake_environment() = {{"AFTERSHOCK_YAHOO_BASE_URL", m_yahoo.base_url()},
                                {"AFTERSHOCK_CACHE_DIR", (m_dir / "cache").string()}};
  }
  void TearDown() override { m_yahoo.stop(); }

  int run(std::vector<std::string> args, bool terminal = false) {
    m_out.str("");
    m_err.str("");
    CommandContext context{m_out, m_err};
    context.stderr_is_terminal = terminal;
    context.getenv = test::fake_getenv;
    return run_download(args, context);
  }

  test::TempDir m_temp; // removed after TearDown
  std::filesystem::path m_dir = m_temp.path();
  std::ostringstream m_out;
  std::ostringstream m_err;
  test::FakeYahoo m_yahoo{{"NVDA", "AMD"}};
};

TEST_F(DownloadCommand, PerTickerFilesEqualTheSourceRowsAndPartialFailureExitsThree) {
  const auto out = m_dir / "prices";
  const int code = run({"--source", "yahoo", "NVDA", "AMD", "NOPE", "--from", "2024-05-01", "--to",
                        "2024-06-30", "--output", out.string()});
  EXPECT_EQ(code, 3);
  EXPECT_EQ(test::read_file(out / "NVDA.csv"), bundled_rows("NVDA", "2024-05-01", "2024-06-30"));
  EXPECT_EQ(test::read_file(out / "AMD.csv"), bundled_rows("AMD", "2024-05-01", "2024-06-30"));
  EXPECT_FALSE(std::filesystem::exists(out / "NOPE.csv"));
  EXPECT_NE(m_err.str().find("NOPE failed (not_found)"), std::string::npos) << m_err.str();
  for (const auto& entry : std::filesystem::directory_iterator(out))
    EXPECT_EQ(entry.path().extension(), ".csv") << entry.path(); // no temp files left

  // Offline now reads the same data from the cache.
  const auto again = m_dir / "again";
  EXPECT_EQ(run({"--source", "yahoo", "NVDA", "--from", "2024-05-01", "--to", "2024-06-30",
                 "--output", again.string(), "--offline"}),
            0);
  EXPECT_EQ(test::read_file(again / "NVDA.csv"), test::read_file(out / "NVDA.csv"));
  EXPECT_NE(m_err.str().find("1 from the cache"), std::string::npos) << m_err.str();
}

TEST_F(DownloadCommand, LongFileAndStdout) {
  const auto file = m_dir / "long.csv";
  EXPECT_EQ(run({"--source", "yahoo", "NVDA,AMD", "--from", "2024-06-03", "--to", "2024-06-04",
                 "--output", file.string(), "--quiet"}),
            0);
  const auto text = test::read_file(file);
  EXPECT_EQ(text.substr(0, text.find('\n')), "date,ticker,close,adj_close,volume");
  EXPECT_NE(text.find("2024-06-03,NVDA,"), std::string::npos);
  EXPECT_NE(text.find("2024-06-04,AMD,"), std::string::npos);
  EXPECT_TRUE(m_err.str().empty()); // --quiet and nothing failed
  EXPECT_EQ(run({"--source", "yahoo", "NVDA", "--from", "2024-06-03", "--to", "2024-06-04"}), 0);
  const std::string printed = m_out.str();
  EXPECT_EQ(std::count(printed.begin(), printed.end(), '\n'), 3); // header and two rows
}

TEST_F(DownloadCommand, NothingLoadedExitsOneAndWritesNothing) {
  const auto out = m_dir / "none";
  EXPECT_EQ(run({"--source", "yahoo", "NOPE", "--from", "2024-05-01", "--to", "2024-06-30",
                 "--output", out.string()}),
            1);
  EXPECT_FALSE(std::filesystem::exists(out));
  EXPECT_EQ(run({"--source", "yahoo", "AMD", "--from", "2024-05-01", "--to", "2024-06-30",
                 "--output", out.string(), "--offline"}),
            1);
  EXPECT_NE(m_err.str().find("not_in_cache"), std::string::npos);
}

TEST_F(DownloadCommand, PathLikeTickerNeverLeavesTheOutputFolder) {
  const auto out = m_dir / "inside";
  EXPECT_EQ(run({"--source", "yahoo", "../../escape", "--from", "2024-05-01", "--to", "2024-06-30",
                 "--output", out.string()}),
            1);
  EXPECT_FALSE(std::filesystem::exists(m_dir / "escape.csv"));
  EXPECT_FALSE(std::filesystem::exists(m_dir.parent_path() / "escape.csv"));
}

TEST_F(DownloadCommand, ProgressLinesOnlyOnATerminalAndNotWithQuiet) {
  const std::vector<std::string> args = {"--source", "yahoo",      "NVDA", "NOPE",
                                         "--from",   "2024-05-01", "--to", "2024-06-30"};
  EXPECT_EQ(run(args, true), 3);
  EXPECT_NE(m_err.str().find("] NVDA       done"), std::string::npos) << m_err.str();
  EXPECT_NE(m_err.str().find("] NOPE       failed"), std::string::npos) << m_err.str();
  EXPECT_EQ(run(args, false), 3);
  EXPECT_EQ(m_err.str().find("] NVDA"), std::string::npos) << m_err.str();
  auto quiet = args;
  quiet.push_back("--quiet");
  EXPECT_EQ(run(quiet, true), 3);
  EXPECT_EQ(m_err.str().find("] NVDA"), std::string::npos) << m_err.str();
  EXPECT_NE(m_err.str().find("NOPE failed (not_found)"), std::string::npos); // failures always
}

TEST_F(DownloadCommand, UsageErrors) {
  EXPECT_THROW(run({"--source", "yahoo", "NVDA", "--from", "2024-05-01"}), UsageError);
  EXPECT_THROW(run({"--source", "yahoo", "--from", "2024-05-01", "--to", "2024-06-01"}),
               UsageError);
  EXPECT_THROW(run({"--source", "yahoo", "NVDA", "--from", "2024-13-01", "--to", "2024-06-01"}),
               UsageError);
  EXPECT_THROW(run({"--source", "yahoo", "NVDA", "--from", "2024-05-01", "--to", "2024-06-01",
                    "--offline", "--refresh"}),
               UsageError);
  EXPECT_THROW(run({"--source", "bloomberg", "NVDA", "--from", "2024-05-01", "--to", "2024-06-01"}),
               UsageError);
  EXPECT_THROW(
      run({"--source", "yahoo", "NV\x1b[2JDA", "--from", "2024-05-01", "--to", "2024-06-01"}),
      UsageError);
  EXPECT_EQ(run({"--help"}), 0);
  EXPECT_NE(m_out.str().find("exit codes"), std::string::npos);
}

} // namespace
} // namespace aftershock::cli
