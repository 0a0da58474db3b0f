#pragma once
// Replays stored fuzz inputs (corpora, regressions, fixtures) through a fuzz entry point inside a
// unit test (tests/fuzz/entry_points.hpp), so every ASan/UBSan test run covers them.

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <vector>

#include "support/paths.hpp"

namespace aftershock::test {

// A fuzz entry point: LLVMFuzzerTestOneInput's signature.
using FuzzEntry = void (*)(const std::uint8_t*, std::size_t);

// Runs `entry` on every regular file below each folder of `dirs` (a missing folder is passed
// over), with the file's path as SCOPED_TRACE; returns the number of files run.
inline std::size_t replay_fuzz_inputs(const std::vector<std::filesystem::path>& dirs,
                                      FuzzEntry entry) {
  std::size_t count = 0;
  for (const auto& dir : dirs) {
    if (!std::filesystem::is_directory(dir))
      continue;
    for (const auto& item : std::filesystem::recursive_directory_iterator(dir)) {
      if (!item.is_regular_file())
        continue;
      SCOPED_TRACE(item.path().string());
      const auto bytes = read_file(item.path());
      entry(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
      ++count;
    }
  }
  return count;
}

} // namespace aftershock::test
