// `study --events FILE --cache-panel CACHE` (issue 6, "binary panel cache"): the batch path reads
// and writes the same panel cache as a single-event study. The first run writes the cache, the
// second reads it, and both give the same result as a run without the cache (everything but
// the note that names the cache). The reference is the run without the cache: this test checks
// equivalence, not numbers. An events file with several markets, or an EventStudyTools request
// file, is refused with a usage error (exit 2 in cli::run) rather than silently ignoring the
// option.
#include <aftershock/util/error.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

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

class BatchCacheTest : public ::testing::Test {
protected:
  // Runs `study` and returns the exit code; stdout and stderr in `out` / `err`.
  static int study(std::vector<std::string> args, std::string& out, std::string& err) {
    std::ostringstream o;
    std::ostringstream e;
    CommandContext context{o, e};
    context.getenv = [](std::string_view) { return std::string(); };
    const int code = run_study(args, context);
    out = o.str();
    err = e.str();
    return code;
  }

  // The JSON report of the ai_selloffs events file, with `extra` options; `notes` receives the
  // top-level notes, which are removed from the returned document.
  static nlohmann::json report(const std::vector<std::string>& extra,
                               std::vector<std::string>& notes) {
    std::vector<std::string> args{
        "--events", (test::data_dir() / "events" / "ai_selloffs.csv").string(),
        "--data",   test::data_dir().string(),
        "--format", "json",
        "-q"};
    args.insert(args.end(), extra.begin(), extra.end());
    std::string out;
    std::string err;
    EXPECT_EQ(study(args, out, err), 0) << err;
    auto doc = nlohmann::json::parse(out);
    notes = doc.at("notes").get<std::vector<std::string>>();
    doc.erase("notes");
    return doc;
  }

  test::TempDir m_temp;
  fs::path m_dir = m_temp.path();
};

bool has_note(const std::vector<std::string>& notes, const std::string& text) {
  for (const auto& n : notes)
    if (n.find(text) != std::string::npos)
      return true;
  return false;
}

TEST_F(BatchCacheTest, WritesThenReadsTheCacheWithTheSameResult) {
  const auto cache = (m_dir / "panel.cache").string();
  std::vector<std::string> plain_notes;
  std::vector<std::string> first_notes;
  std::vector<std::string> second_notes;
  const auto plain = report({}, plain_notes);
  const auto first = report({"--cache-panel", cache}, first_notes);
  ASSERT_TRUE(fs::exists(cache));
  EXPECT_TRUE(has_note(first_notes, "panel cache " + cache + " written"));
  const auto second = report({"--cache-panel", cache}, second_notes);
  EXPECT_TRUE(has_note(second_notes, "prices read from the panel cache " + cache));
  EXPECT_EQ(plain, first);
  EXPECT_EQ(plain, second);
  EXPECT_FALSE(has_note(plain_notes, "panel cache"));
}

TEST_F(BatchCacheTest, SeveralMarketsAreAUsageError) {
  const auto events = m_dir / "two_markets.csv";
  {
    std::ofstream f(events);
    f << "event_id,ticker,event_date,market\n1,NVDA,2025-01-27,SPY\n2,AMD,2025-01-27,QQQ\n";
  }
  std::string out;
  std::string err;
  try {
    study({"--events", events.string(), "--data", test::data_dir().string(), "--cache-panel",
           (m_dir / "p.cache").string()},
          out, err);
    ADD_FAILURE() << "no usage error";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("--cache-panel holds the panel of one market"),
              std::string::npos)
        << e.what();
  }
  EXPECT_FALSE(fs::exists(m_dir / "p.cache"));
  EXPECT_TRUE(out.empty());
}

} // namespace
} // namespace aftershock::cli
