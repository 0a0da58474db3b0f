#pragma once
// Where tests find the repository, the build tree and the read-only ../shared folder.

#include <filesystem>
#include <optional>
#include <string>

namespace aftershock::test {

// The repository root (the folder holding CMakeLists.txt).
std::filesystem::path source_dir();

// The repository's bundled data folder (data/).
std::filesystem::path data_dir();

// ../shared next to the repository (or $AFTERSHOCK_SHARED_DIR), when it exists. Tests that
// need it call GTEST_SKIP() with a clear message when this returns nullopt.
std::optional<std::filesystem::path> shared_dir();

// Reads a whole file; throws std::runtime_error when it cannot.
std::string read_file(const std::filesystem::path& path);

} // namespace aftershock::test

// Skips the current test with a message when ../shared is absent (as on a user's clone).
#define AFTERSHOCK_REQUIRE_SHARED(var)                                                             \
  const auto var##_opt = ::aftershock::test::shared_dir();                                         \
  if (!var##_opt)                                                                                  \
    GTEST_SKIP() << "../shared is not present next to the repository; reference case skipped";     \
  const std::filesystem::path var = *var##_opt
