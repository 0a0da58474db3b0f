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

// Direct mode (O_DIRECT where the file system allows it, else the page cache): the same bytes
// whatever the sizes of the pieces, across the 8 MB staging block, with a tail that is not a
// multiple of the block size; an empty file stays empty.
TEST_F(AtomicFileTest, DirectModeWritesTheSameBytes) {
  std::string expected;
  const auto path = m_dir / "big.json";
  {
    AtomicFile file(path, AtomicFile::Caching::direct_when_possible);
    std::size_t k = 0;
    while (expected.size() < (std::size_t{17} << 20) + 123) {
      // pieces of 1 .. ~2 MB of varying text
      const std::size_t n = 1 + (k * 7919 + 13) % (std::size_t{2} << 20);
      std::string piece(n, static_cast<char>('a' + k % 26));
      piece.back() = '\n';
      expected += piece;
      file.write(piece);
      ++k;
    }
    file.write("end");
    expected += "end";
    file.commit();
  }
  EXPECT_EQ(fs::file_size(path), expected.size());
  EXPECT_TRUE(test::read_file(path) == expected);
  EXPECT_EQ(entries(), 1U);

  const auto empty = m_dir / "empty.json";
  {
    AtomicFile file(empty, AtomicFile::Caching::direct_when_possible);
    file.commit();
  }
  EXPECT_EQ(fs::file_size(empty), 0U);
  const auto small = m_dir / "small.json";
  {
    AtomicFile file(small, AtomicFile::Caching::direct_when_possible);
    file.write("{}\n");
    file.commit();
  }
  EXPECT_EQ(test::read_file(small), "{}\n");
}

// Direct mode replacing an existing output: the old file is held open over the rename and
// released on a thread of its own; a reader that has it open still reads the old bytes, the
// path gives the new ones. A symbolic link as the target is replaced by the file (rename), its
// destination untouched.
TEST_F(AtomicFileTest, DirectModeReplacesAnExistingFileAndALink) {
  const auto path = m_dir / "out.json";
  const std::string old_text(std::size_t{9} << 20, 'o');
  write_file_atomically(path, old_text);
  std::ifstream reader(path, std::ios::binary); // opened before the replacement
  const std::string new_text = std::string(std::size_t{8} << 20, 'n') + "tail";
  {
    AtomicFile file(path, AtomicFile::Caching::direct_when_possible);
    file.write(new_text);
    file.commit();
  }
  EXPECT_TRUE(test::read_file(path) == new_text);
  std::string seen(old_text.size(), '\0');
  reader.read(seen.data(), static_cast<std::streamsize>(seen.size()));
  EXPECT_TRUE(seen == old_text);
  EXPECT_EQ(entries(), 1U);

  const auto destination = m_dir / "destination.txt";
  write_file_atomically(destination, "kept");
  const auto link = m_dir / "link.json";
  fs::create_symlink(destination, link);
  {
    AtomicFile file(link, AtomicFile::Caching::direct_when_possible);
    file.write("{}\n");
    file.commit();
  }
  EXPECT_FALSE(fs::is_symlink(link));
  EXPECT_EQ(test::read_file(link), "{}\n");
  EXPECT_EQ(test::read_file(destination), "kept");
}

// Without commit() the direct-mode temporary file is removed too.
TEST_F(AtomicFileTest, DirectModeWithoutCommitLeavesNothing) {
  {
    AtomicFile file(m_dir / "out.json", AtomicFile::Caching::direct_when_possible);
    file.write(std::string(std::size_t{9} << 20, 'x'));
  }
  EXPECT_EQ(entries(), 0U);
}

} // namespace
} // namespace aftershock::util
