#pragma once
// A per-test scratch directory for inline input files and outputs, removed at the end of the
// test (RAII): the one temp-folder fixture of the unit tests.

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <unistd.h>

namespace aftershock::test {

class TempDir {
public:
  // Creates (emptied when it exists) <temp>/aftershock_<pid>_<test>_<k>, k counting the
  // TempDirs of the process; must be constructed while a test runs (a TEST body or a fixture
  // member).
  TempDir() {
    static std::atomic<unsigned> created{0};
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    // Short: error messages that quote a path inside it shorten long paths.
    std::string name = "aftershock_" + std::to_string(::getpid()) + "_" + info->name() + "_" +
                       std::to_string(created++);
    std::replace(name.begin(), name.end(), '/', '_'); // parameterised tests: "Suite/0"
    m_path = std::filesystem::temp_directory_path() / name;
    std::filesystem::remove_all(m_path);
    std::filesystem::create_directories(m_path);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
  }

  // Writes `bytes` to `name` inside the directory and returns its path.
  std::filesystem::path write(const std::string& name, std::string_view bytes) const {
    const auto path = m_path / name;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return path;
  }

  [[nodiscard]] const std::filesystem::path& path() const noexcept { return m_path; }

private:
  std::filesystem::path m_path;
};

} // namespace aftershock::test
