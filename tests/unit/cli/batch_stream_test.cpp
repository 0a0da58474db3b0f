// Streaming output of batch studies (issue 5): `--format json` and `jsonl` (issue 6) and the CSV
// firm, day and CAR tables are written chunk by chunk as firm-events complete, and must be
// byte-identical to the output rendered from the whole result (AFTERSHOCK_BATCH_CHUNK=0 turns
// streaming off), with 1 and 2 threads, to stdout and with --output (atomic: no file, and no
// temporary file, after an error). The reference is our own non-streaming renderer: this test
// checks equivalence, not numbers.
#include <aftershock/util/error.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "commands.hpp"
#include "support/paths.hpp"
#include "support/temp_dir.hpp"

namespace aftershock::cli {
namespace {

namespace fs = std::filesystem;

class BatchStreamTest : public ::testing::Test {
protected:
  // `study` with AFTERSHOCK_BATCH_CHUNK=`chunk`; returns stdout, or the --output file's text.
  std::string study(const std::vector<std::string>& args, const std::string& chunk,
                    int expected_exit, const std::string& output = "") {
    std::vector<std::string> all{"--events",
                                 (test::data_dir() / "events" / "ai_selloffs.csv").string(),
                                 "--data", test::data_dir().string(), "-q"};
    all.insert(all.end(), args.begin(), args.end());
    if (!output.empty()) {
      all.emplace_back("-o");
      all.push_back(output);
    }
    std::ostringstream out;
    std::ostringstream err;
    CommandContext context{out, err};
    context.getenv = [chunk](std::string_view name) {
      return name == "AFTERSHOCK_BATCH_CHUNK" ? chunk : std::string();
    };
    EXPECT_EQ(run_study(all, context), expected_exit) << err.str();
    if (output.empty())
      return out.str();
    EXPECT_TRUE(out.str().empty());
    std::ifstream in(output, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }

  test::TempDir m_temp;
  fs::path m_dir = m_temp.path();
};

TEST_F(BatchStreamTest, StreamedEqualsWholeResult) {
  const std::vector<std::vector<std::string>> formats{
      {"--format", "json"},
      {"--format", "json", "--group-by", "group", "--overlap", "trim"},
      {"--format", "jsonl"},
      {"--format", "jsonl", "--group-by", "group", "--overlap", "trim"},
      {"--format", "csv", "--table", "firms"},
      {"--format", "csv", "--table", "days"},
      {"--format", "csv", "--table", "cars"},
      {"--format", "csv", "--table", "cars", "--columns", "event_id,car"}};
  for (const auto& format : formats) {
    const std::string whole = study(format, "0", 0);
    ASSERT_GT(whole.size(), 1000U);
    for (const char* threads : {"1", "2"}) {
      auto args = format;
      args.insert(args.end(), {"--threads", threads});
      // 210 firm-events in chunks of 7 (30 chunks), 1000 (one chunk), the default.
      for (const char* chunk : {"7", "1000", ""}) {
        SCOPED_TRACE(format.at(1) + " " + format.back() + " threads " + threads + " chunk " +
                     chunk);
        EXPECT_EQ(study(args, chunk, 0), whole);
        const auto path = (m_dir / "out.txt").string();
        EXPECT_EQ(study(args, chunk, 0, path), whole);
      }
    }
  }
}

// The jsonl stream ends with the one summary line and has one line per firm-event before it.
TEST_F(BatchStreamTest, JsonlHasOneLinePerFirmEventThenTheSummary) {
  const std::string text = study({"--format", "jsonl"}, "7", 0);
  std::istringstream in(text);
  std::string line;
  std::size_t firms = 0;
  std::size_t summaries = 0;
  while (std::getline(in, line)) {
    if (line.rfind("{\"type\":\"firm_event\"", 0) == 0) {
      EXPECT_EQ(summaries, 0U);
      ++firms;
    } else if (line.rfind("{\"type\":\"summary\"", 0) == 0) {
      ++summaries;
    }
  }
  EXPECT_EQ(firms, 210U); // the rows of data/events/ai_selloffs.csv
  EXPECT_EQ(summaries, 1U);
  EXPECT_NE(text.find("\"n_firm_events\":210"), std::string::npos);
}

// An error after some chunks were written: --output leaves no file and no temporary file.
TEST_F(BatchStreamTest, OutputIsAtomicOnError) {
  const auto path = (m_dir / "out.jsonl").string();
  // --min-estimation above every estimation window: no firm-event is ok, an error at the end,
  // after 30 chunks were streamed.
  std::ostringstream out;
  std::ostringstream err;
  CommandContext context{out, err};
  context.getenv = [](std::string_view name) {
    return name == "AFTERSHOCK_BATCH_CHUNK" ? std::string("7") : std::string();
  };
  for (const char* format : {"jsonl", "json"}) {
    EXPECT_THROW(
        (void)run_study({"--events", (test::data_dir() / "events" / "ai_selloffs.csv").string(),
                         "--data", test::data_dir().string(), "-q", "--format", format,
                         "--min-estimation", "100000", "-o", path},
                        context),
        Error);
    EXPECT_FALSE(fs::exists(path));
    EXPECT_TRUE(fs::is_empty(m_dir));
  }
}

} // namespace
} // namespace aftershock::cli
