// `study --events FILE --shard K/N` and `aftershock merge` (issue 5): the merge of the shards
// renders exactly what one run over the whole file renders (byte-identical, every format),
// and shards that are missing, duplicated or from another run are refused. The reference is
// the single run itself (an independent code path for the computation: run_batch_study with
// no serialisation), never a number copied from our output.
#include <aftershock/study/shard.hpp>
#include <aftershock/util/error.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

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

class ShardMergeTest : public ::testing::Test {
protected:
  std::vector<std::string> base(const std::vector<std::string>& extra) const {
    std::vector<std::string> args{"--events",
                                  (test::data_dir() / "events" / "ai_selloffs.csv").string(),
                                  "--data", test::data_dir().string(), "-q"};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  }
  std::string study(const std::vector<std::string>& args,
                    std::map<std::string, std::string> env = {}) {
    std::ostringstream out;
    std::ostringstream err;
    CommandContext context{out, err};
    context.getenv = [env](std::string_view name) {
      const auto it = env.find(std::string(name));
      return it == env.end() ? std::string() : it->second;
    };
    EXPECT_EQ(run_study(args, context), 0) << err.str();
    return out.str();
  }
  std::string merge(const std::vector<std::string>& args) {
    std::ostringstream out;
    std::ostringstream err;
    CommandContext context{out, err};
    EXPECT_EQ(run_merge(args, context), 0) << err.str();
    return out.str();
  }
  // Writes shards 1..n of the run with `extra` options; returns their paths.
  std::vector<std::string> shards(const std::vector<std::string>& extra, int n,
                                  const std::string& stem) {
    std::vector<std::string> paths;
    for (int k = 1; k <= n; ++k) {
      const auto path = (m_dir / (stem + std::to_string(k) + ".json")).string();
      auto args = base(extra);
      for (const auto& a : {std::string("--shard"), std::to_string(k) + "/" + std::to_string(n),
                            std::string("-o"), path})
        args.push_back(a);
      EXPECT_EQ(study(args), "");
      paths.push_back(path);
    }
    return paths;
  }
  // merge(shards) == single run for each output selection in `outputs`.
  void expect_same(const std::vector<std::string>& extra,
                   const std::vector<std::vector<std::string>>& outputs) {
    const auto paths = shards(extra, 3, "shard");
    // Shard order on the command line does not matter.
    const std::vector<std::string> reversed(paths.rbegin(), paths.rend());
    for (const auto& output : outputs) {
      auto single_args = base(extra);
      single_args.insert(single_args.end(), output.begin(), output.end());
      auto merge_args = reversed;
      merge_args.insert(merge_args.end(), output.begin(), output.end());
      const auto single = study(single_args);
      ASSERT_GT(single.size(), 1000U);
      EXPECT_TRUE(single == merge(merge_args)) << "differs for " << output.back();
    }
  }
  // The message of the Error run_merge(paths) throws (a test failure when it accepts them);
  // nothing is written to stdout.
  std::string refusal(const std::vector<std::string>& paths) {
    std::ostringstream out;
    std::ostringstream err;
    CommandContext context{out, err};
    try {
      run_merge(paths, context);
      ADD_FAILURE() << "merge of " << paths.size() << " shard files accepted";
    } catch (const Error& e) {
      EXPECT_EQ(out.str(), "");
      return e.what();
    }
    return {};
  }
  // Writes `shard` (a parsed shard file) to m_dir / name; returns the path.
  std::string write_shard(const nlohmann::json& shard, const std::string& name) const {
    const auto path = m_dir / name;
    std::ofstream(path) << shard.dump();
    return path.string();
  }
  test::TempDir m_temp;
  fs::path m_dir = m_temp.path();
};

TEST_F(ShardMergeTest, MergeOfThreeShardsEqualsTheSingleRun) {
  expect_same({}, {{"--format", "json"},
                   {"--format", "csv", "--table", "firms"},
                   {"--format", "csv", "--table", "days"},
                   {"--format", "csv", "--table", "cars"},
                   {"--format", "csv", "--table", "aggregate-days"},
                   {"--format", "csv", "--table", "aggregate-cars"},
                   {"--format", "table"},
                   {"--format", "markdown"}});
}

TEST_F(ShardMergeTest, MergeWithGroupsEqualsTheSingleRun) {
  expect_same({"--groups", (test::data_dir() / "deepseek_groups.csv").string()},
              {{"--format", "json"},
               {"--format", "csv", "--table", "aggregate-cars"},
               {"--format", "table"},
               {"--format", "markdown"}});
}

TEST_F(ShardMergeTest, MissingDuplicateAndForeignShardsAreRefused) {
  const auto paths = shards({}, 3, "a");
  auto message = refusal({paths[0], paths[2]});
  EXPECT_NE(message.find("shard 2/3 is missing"), std::string::npos) << message;
  message = refusal({paths[0], paths[1], paths[1], paths[2]});
  EXPECT_NE(message.find("shard 2/3 is given twice"), std::string::npos) << message;
  const auto other = shards({"--window=-3:3"}, 3, "b");
  message = refusal({paths[0], paths[1], other[2]});
  EXPECT_NE(message.find("differ in the study options"), std::string::npos) << message;
  const auto bad = m_dir / "bad.json";
  std::ofstream(bad) << "{\"format\": \"something else\"}";
  std::ostringstream out;
  std::ostringstream err;
  CommandContext context{out, err};
  EXPECT_THROW(run_merge({bad.string()}, context), Error);
  EXPECT_EQ(out.str(), "");
}

// --tests: the shards carry the selection (the merge renders only the selected tests, as the
// single run does), and shards of different selections are refused naming both.
TEST_F(ShardMergeTest, MergeWithSelectedTestsEqualsTheSingleRun) {
  expect_same({"--tests", "rank,standard"}, {{"--format", "json"},
                                             {"--format", "csv", "--table", "aggregate-cars"},
                                             {"--format", "table"}});
}

TEST_F(ShardMergeTest, ShardsOfDifferentTestSelectionsAreRefused) {
  const auto standard = shards({"--tests", "standard"}, 2, "s");
  const auto all = shards({}, 2, "t");
  const auto message = refusal({standard[0], all[1]});
  EXPECT_NE(message.find("differ in the selected tests"), std::string::npos) << message;
  EXPECT_NE(message.find("bmp_kp"), std::string::npos) << message;
}

// Shard files whose config.tests names no test, or an unknown one, are refused naming the problem
// (never read as "no tests"); both shards carry the same edited list, so they agree otherwise.
TEST_F(ShardMergeTest, ShardsWithBadTestListsAreRefused) {
  const auto paths = shards({"--tests", "standard"}, 2, "e");
  auto first = nlohmann::json::parse(test::read_file(paths[0]));
  auto second = nlohmann::json::parse(test::read_file(paths[1]));
  const auto with_tests = [&](const nlohmann::json& tests, const std::string& stem) {
    first["config"]["tests"] = tests;
    second["config"]["tests"] = tests;
    return std::vector<std::string>{write_shard(first, stem + "1.json"),
                                    write_shard(second, stem + "2.json")};
  };
  auto message = refusal(with_tests(nlohmann::json::array(), "empty"));
  EXPECT_NE(message.find("config.tests is empty"), std::string::npos) << message;
  message = refusal(with_tests(nlohmann::json::array({"t_csect", "t_bogus"}), "bogus"));
  EXPECT_NE(message.find("unknown test \"t_bogus\""), std::string::npos) << message;
}

// Shard file version 2 stores enums by name (the words of the command line and the reports);
// a version 1 file (numeric codes) is refused with a message naming both versions.
TEST_F(ShardMergeTest, EnumsAreNamesAndOldVersionsAreRefused) {
  const auto paths = shards({"--returns", "log", "--adjust", "holm"}, 2, "v");
  const auto shard = nlohmann::json::parse(test::read_file(paths[0]));
  EXPECT_EQ(shard.at("version"), 2);
  const auto& config = shard.at("config");
  EXPECT_EQ(config.at("model"), "market");
  EXPECT_EQ(config.at("returns"), "log");
  EXPECT_EQ(config.at("adjust"), "holm");
  EXPECT_EQ(config.at("gaps"), "missing");
  EXPECT_EQ(config.at("policy"), "next");
  EXPECT_EQ(config.at("overlap"), "warn");
  ASSERT_FALSE(shard.at("firm_events").empty());
  EXPECT_TRUE(shard.at("firm_events").at(0).at("computation").at("status").is_string());

  auto old = shard;
  old["version"] = 1;
  auto message = refusal({write_shard(old, "old.json"), paths[1]});
  EXPECT_NE(message.find("version 1; this aftershock reads version 2"), std::string::npos)
      << message;
  auto unknown = shard;
  unknown["firm_events"][0]["computation"]["status"] = "bogus";
  message = refusal({write_shard(unknown, "unknown.json"), paths[1]});
  EXPECT_NE(message.find("unknown.json"), std::string::npos) << message;
  EXPECT_NE(message.find("unknown status \"bogus\""), std::string::npos) << message;
}

// The data fingerprint: shards computed on prices that changed between the runs (same paths,
// same events file, same options) are refused.
TEST_F(ShardMergeTest, ShardsOfChangedPricesAreRefused) {
  const auto data = m_dir / "data";
  fs::copy(test::data_dir(), data, fs::copy_options::recursive);
  const auto run_shard = [&](int k, const std::string& name) {
    const auto path = (m_dir / name).string();
    EXPECT_EQ(study({"--events", (data / "events" / "ai_selloffs.csv").string(), "--data",
                     data.string(), "-q", "--shard", std::to_string(k) + "/2", "-o", path}),
              "");
    return path;
  };
  const auto first = run_shard(1, "p1.json");
  const auto second = run_shard(2, "p2.json");
  EXPECT_NE(merge({first, second, "--format", "json"}), ""); // same data: merges

  // One close of NVDA (a firm of the events file) edited: 14.315 -> 14.316 on 2023-01-03.
  const auto nvda = data / "prices" / "NVDA.csv";
  auto text = test::read_file(nvda);
  const auto at = text.find("2023-01-03,14.315,");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 18, "2023-01-03,14.316,");
  std::ofstream(nvda, std::ios::binary | std::ios::trunc) << text;
  const auto changed = run_shard(2, "p2_changed.json");
  const auto message = refusal({first, changed});
  EXPECT_NE(message.find("differ in the price data"), std::string::npos) << message;
}

TEST_F(ShardMergeTest, ArrayJobEnvironmentChoosesTheShard) {
  const auto given = shards({}, 3, "given");
  const auto path = (m_dir / "slurm.json").string();
  study(base({"-o", path}), {{"SLURM_ARRAY_TASK_ID", "2"}, {"SLURM_ARRAY_TASK_COUNT", "3"}});
  EXPECT_EQ(test::read_file(path), test::read_file(given[1]));
  const auto sge = (m_dir / "sge.json").string();
  study(base({"-o", sge}), {{"SGE_TASK_ID", "3"}, {"SGE_TASK_LAST", "3"}});
  EXPECT_EQ(test::read_file(sge), test::read_file(given[2]));
}

// --format jsonl: every line parses; one per firm-event in the JSON result's order, then the
// summary with the aggregate; the merge of shards writes the same lines.
TEST_F(ShardMergeTest, JsonLinesHoldEveryFirmEventThenTheSummary) {
  const auto json = nlohmann::json::parse(study(base({"--format", "json"})));
  const auto jsonl = study(base({"--format", "jsonl"}));
  std::vector<nlohmann::json> lines;
  std::istringstream in(jsonl);
  for (std::string line; std::getline(in, line);)
    lines.push_back(nlohmann::json::parse(line));
  const auto& firms = json["events"][0]["firms"];
  ASSERT_EQ(lines.size(), firms.size() + 1);
  for (std::size_t i = 0; i < firms.size(); ++i) {
    EXPECT_EQ(lines[i]["type"], "firm_event");
    EXPECT_EQ(lines[i]["event_id"], firms[i]["event_id"]);
    EXPECT_EQ(lines[i]["status"], firms[i]["status"]);
  }
  EXPECT_EQ(lines.back()["type"], "summary");
  EXPECT_EQ(lines.back()["event"]["aggregate"], json["events"][0]["aggregate"]);
  EXPECT_EQ(lines.back()["config"], json["config"]);
  EXPECT_FALSE(lines.back()["event"].contains("firms"));
  const auto paths = shards({}, 2, "l");
  EXPECT_TRUE(merge({paths[0], paths[1], "--format", "jsonl"}) == jsonl);
  // A single-date study too.
  std::istringstream single(study(
      {"--event", "deepseek", "--data", test::data_dir().string(), "-q", "--format", "jsonl"}));
  int n = 0;
  for (std::string line; std::getline(single, line); ++n)
    EXPECT_TRUE(nlohmann::json::accept(line)) << line;
  EXPECT_GT(n, 2);
}

TEST(ShardSpec, Parses) {
  const auto spec = study::parse_shard_spec("2/4");
  ASSERT_TRUE(spec);
  EXPECT_EQ(spec->index, 2);
  EXPECT_EQ(spec->count, 4);
  for (const auto* bad : {"0/4", "5/4", "2", "/4", "2/", "a/b", "-1/3", "1/0"})
    EXPECT_FALSE(study::parse_shard_spec(bad)) << bad;
}

} // namespace
} // namespace aftershock::cli
