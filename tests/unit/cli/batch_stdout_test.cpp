// "Never a partial output" for streamed batch output to stdout (issue 5): `--format jsonl` and
// the CSV firm tables hold their chunks until the first ok firm-event has been computed, so
// the errors found only at the end of a run ("no firm-event can be studied", a model without
// its factor columns) leave stdout empty; an unwritable --dropped path fails before any output.
// Held output is released unchanged: the stream equals the whole-result output.
#include <aftershock/util/error.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "commands.hpp"
#include "support/paths.hpp"
#include "support/temp_dir.hpp"

namespace aftershock::cli {
namespace {

namespace fs = std::filesystem;

class BatchStdoutTest : public ::testing::Test {
protected:
  // Runs `study` with AFTERSHOCK_BATCH_CHUNK=`chunk`; stdout in `out`. Returns the exit code,
  // or -1 when the command threw aftershock::Error.
  int study(const std::string& events, const std::vector<std::string>& args,
            const std::string& chunk, std::string& out) {
    std::vector<std::string> all{"--events", events, "--data", test::data_dir().string(), "-q"};
    all.insert(all.end(), args.begin(), args.end());
    std::ostringstream stdout_stream;
    std::ostringstream err;
    CommandContext context{stdout_stream, err};
    context.getenv = [chunk](std::string_view name) {
      return name == "AFTERSHOCK_BATCH_CHUNK" ? chunk : std::string();
    };
    int code = -1;
    try {
      code = run_study(all, context);
    } catch (const Error&) {
      code = -1;
    }
    out = stdout_stream.str();
    return code;
  }

  static std::string selloffs() {
    return (test::data_dir() / "events" / "ai_selloffs.csv").string();
  }

  test::TempDir m_temp;
  fs::path m_dir = m_temp.path();
};

const std::vector<std::vector<std::string>>& streamed_formats() {
  static const std::vector<std::vector<std::string>> formats{
      {"--format", "jsonl"},
      {"--format", "csv", "--table", "firms"},
      {"--format", "csv", "--table", "days"},
      {"--format", "csv", "--table", "cars"}};
  return formats;
}

// --min-estimation above every estimation window: every firm-event is edatamissing, and the
// run ends with "no firm-event can be studied" after 30 chunks of 7 were computed.
TEST_F(BatchStdoutTest, NothingWrittenWhenNoFirmEventCanBeStudied) {
  for (const auto& format : streamed_formats()) {
    SCOPED_TRACE(format.back());
    auto args = format;
    args.insert(args.end(), {"--min-estimation", "100000"});
    std::string out;
    EXPECT_EQ(study(selloffs(), args, "7", out), -1);
    EXPECT_EQ(out, "");
  }
}

// A factor model without --factors fails at the first firm-event that reaches the model,
// before any firm-event is ok: nothing on stdout.
TEST_F(BatchStdoutTest, NothingWrittenWhenTheModelLacksFactors) {
  std::string out;
  EXPECT_EQ(study(selloffs(), {"--format", "jsonl", "--model", "ff3"}, "7", out), -1);
  EXPECT_EQ(out, "");
}

// --dropped into a folder that does not exist: the error comes before any output.
TEST_F(BatchStdoutTest, UnwritableDroppedFailsBeforeAnyOutput) {
  for (const auto& format : streamed_formats()) {
    SCOPED_TRACE(format.back());
    auto args = format;
    args.insert(args.end(), {"--dropped", (m_dir / "missing" / "dropped.csv").string()});
    std::string out;
    EXPECT_EQ(study(selloffs(), args, "7", out), -1);
    EXPECT_EQ(out, "");
    const auto path = (m_dir / "out.txt").string();
    args.insert(args.end(), {"-o", path});
    EXPECT_EQ(study(selloffs(), args, "7", out), -1);
    EXPECT_FALSE(fs::exists(path));
  }
}

// The first firm-events (in id order) are not ok: their chunks are held, then written
// unchanged once an ok firm-event is computed; the stream equals the whole-result output, and
// --dropped lists the held ones.
TEST_F(BatchStdoutTest, HeldChunksAreReleasedUnchanged) {
  const auto events = (m_dir / "events.csv").string();
  std::ofstream(events) << "event_id,ticker,event_date\n"
                           "1,NOSUCH,2024-08-05\n"
                           "2,NOSUCH2,2024-08-05\n"
                           "3,NVDA,2024-08-05\n"
                           "4,NOSUCH3,2024-08-05\n"
                           "5,AMD,2024-08-05\n";
  for (const auto& format : streamed_formats()) {
    SCOPED_TRACE(format.back());
    std::string whole;
    ASSERT_EQ(study(events, format, "0", whole), 0);
    ASSERT_NE(whole.find("NVDA"), std::string::npos);
    for (const char* chunk : {"1", "2", ""}) {
      std::string streamed;
      const auto dropped = (m_dir / "dropped.csv").string();
      auto args = format;
      args.insert(args.end(), {"--dropped", dropped});
      EXPECT_EQ(study(events, args, chunk, streamed), 0);
      EXPECT_EQ(streamed, whole) << "chunk " << chunk;
      std::ifstream in(dropped);
      const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
      EXPECT_NE(text.find("NOSUCH2"), std::string::npos);
      EXPECT_NE(text.find("NOSUCH3"), std::string::npos);
    }
  }
}

} // namespace
} // namespace aftershock::cli
