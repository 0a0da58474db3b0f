// write_file_atomically: the whole text or nothing, and a clear Error on failure.
#include <aftershock/util/atomic_file.hpp>
#include <aftershock/util/error.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <support/paths.hpp>
#include <unistd.h>

namespace aftershock::util {
namespace {

namespace fs = std::filesystem;

class AtomicFileTest : public ::testing::Test {
protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "aftershock-atomic-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    m_dir = pattern;
  }
  void TearDown() override {
    std::error_code ignored;
    fs::permissions(m_dir, fs::perms::owner_all, ignored);
    fs::remove_all(m_dir, ignored);
  }
  // Number of entries in the folder (temporary files included).
  std::size_t entries() const {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(m_dir))
      ++n;
    return n;
  }
  fs::path m_dir;
};

TEST_F(AtomicFileTest, WritesAndReplaces) {
  const auto path = m_dir / "out.json";
  write_file_atomically(path, "first\n");
  EXPECT_EQ(test::read_file(path), "first\n");
  write_file_atomically(path, "second\n");
  EXPECT_EQ(test::read_file(path), "second\n");
  EXPECT_EQ(entries(), 1U); // no temporary file left behind
}

TEST_F(AtomicFileTest, MissingFolderIsAClearError) {
  const auto path = m_dir / "no-such-folder" / "out.csv";
  try {
    write_file_atomically(path, "x");
    FAIL() << "expected an Error";
  } catch (const Error& error) {
    EXPECT_THAT(error.what(), ::testing::HasSubstr("cannot write"));
    EXPECT_THAT(error.what(), ::testing::HasSubstr("out.csv"));
    EXPECT_THAT(error.what(), ::testing::HasSubstr("No such file or directory"));
    EXPECT_FALSE(error.hint().empty());
  }
  EXPECT_EQ(entries(), 0U);
}

TEST_F(AtomicFileTest, FailedRenameLeavesNoTemporaryFile) {
  // The target is a non-empty folder, so the final rename fails after the data was written.
  const auto path = m_dir / "taken";
  fs::create_directory(path);
  std::ofstream(path / "keep") << "keep";
  EXPECT_THROW(write_file_atomically(path, "x"), Error);
  EXPECT_EQ(entries(), 1U);
  EXPECT_EQ(test::read_file(path / "keep"), "keep");
}

TEST_F(AtomicFileTest, ReadOnlyFolderIsAClearError) {
  if (::geteuid() == 0)
    GTEST_SKIP() << "running as root: permissions are not enforced";
  fs::permissions(m_dir, fs::perms::owner_read | fs::perms::owner_exec);
  EXPECT_THROW(write_file_atomically(m_dir / "out.txt", "x"), Error);
}

} // namespace
} // namespace aftershock::util
