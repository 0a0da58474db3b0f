// Replays the option-parser fuzz corpus and regression inputs (tests/fuzz/corpus/cli_args)
// through fuzz::run_cli_args under gcc + ASan/UBSan (issue 7): no crash, no abort, an exit
// code in 0..3, nothing written outside the scratch folder.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "fuzz/entry_points.hpp"
#include "support/paths.hpp"

namespace aftershock::fuzz {
namespace {

TEST(CliFuzzReplay, CorpusAndRegressions) {
  const auto root = test::source_dir() / "tests" / "fuzz";
  const auto data = test::data_dir().string();
  const auto cwd = std::filesystem::current_path();
  std::size_t count = 0;
  for (const auto& dir : {root / "corpus" / "cli_args", root / "regressions" / "cli_args"}) {
    if (!std::filesystem::is_directory(dir))
      continue;
    for (const auto& item : std::filesystem::directory_iterator(dir)) {
      SCOPED_TRACE(item.path().string());
      const auto bytes = test::read_file(item.path());
      run_cli_args(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size(), data.c_str());
      ++count;
    }
  }
  EXPECT_GE(count, 10U);
  EXPECT_EQ(std::filesystem::current_path(), cwd);
}

} // namespace
} // namespace aftershock::fuzz
