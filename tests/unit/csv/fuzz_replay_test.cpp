// Replays the fuzz corpora, the regression inputs and the fixtures through the fuzz entry
// points (tests/fuzz/entry_points.cpp) under gcc + ASan/UBSan: none may crash or abort.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "fuzz/entry_points.hpp"
#include "support/fuzz_replay.hpp"
#include "support/paths.hpp"

namespace aftershock::fuzz {
namespace {

using test::replay_fuzz_inputs;

TEST(FuzzReplay, CsvReaderCorpusRegressionsAndFixtures) {
  const auto root = test::source_dir() / "tests";
  const auto count = replay_fuzz_inputs({root / "fuzz" / "corpus" / "csv_reader",
                                         root / "fuzz" / "regressions" / "csv_reader",
                                         root / "fixtures" / "csv", root / "fixtures" / "sources"},
                                        run_csv_reader);
  EXPECT_GT(count, 20U);
}

TEST(FuzzReplay, DateParserCorpusAndRegressions) {
  const auto root = test::source_dir() / "tests" / "fuzz";
  EXPECT_GE(
      replay_fuzz_inputs({root / "corpus" / "date_parser", root / "regressions" / "date_parser"},
                         run_date_parser),
      10U);
}

TEST(FuzzReplay, HostileInlineInputs) {
  const std::vector<std::string> inputs{
      "",
      "\"",
      "\"\"\"",
      ",,,\n,,,\n",
      std::string("a\0b", 3),
      "date\n2025-01-27\n",
      "date,close\n2025-01-27,1\n2025-01-27,1\n",
      "date,A\n2025-01-27,\n",
      "\xEF\xBB\xBF",
      "\xEF\xBB\xBF\n\n",
      "date,close\r\r\r2025-01-27,1\r",
      "date,close\n9999-12-31,1e308\n1000-01-01,4.9e-324\n",
  };
  for (const auto& input : inputs) {
    SCOPED_TRACE(input);
    run_csv_reader(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
    run_date_parser(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
  }
}

} // namespace
} // namespace aftershock::fuzz
