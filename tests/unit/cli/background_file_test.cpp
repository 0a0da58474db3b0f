// cli::BackgroundFile (issue 6): the text queued from the main thread reaches the file in order,
// only at commit(); without commit() no file and no temporary file remain; a failed write is
// reported as aftershock::Error naming the file. Recycled buffers come back empty.
#include <aftershock/util/error.hpp>

#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <vector>

#include "background_file.hpp"
#include "support/temp_dir.hpp"

namespace aftershock::cli {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::size_t entries(const fs::path& folder) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(folder))
    ++n;
  return n;
}

TEST(BackgroundFile, WritesEverythingInOrderAtCommit) {
  const test::TempDir dir;
  const fs::path path = dir.path() / "out.json";
  std::string expected;
  {
    // A tiny queue bound: write() must wait for the thread rather than reorder or drop text.
    BackgroundFile file(path, 64);
    for (int chunk = 0; chunk < 200; ++chunk) {
      std::vector<std::string> pieces;
      for (int p = 0; p < 3; ++p) {
        std::string piece = file.buffer();
        EXPECT_TRUE(piece.empty());
        piece += "chunk " + std::to_string(chunk) + " piece " + std::to_string(p) + "\n";
        expected += piece;
        pieces.push_back(std::move(piece));
      }
      pieces.emplace_back(); // empty pieces are skipped
      file.write(std::move(pieces));
      file.write(std::string("-\n"));
      expected += "-\n";
    }
    EXPECT_FALSE(fs::exists(path)); // not before commit
    file.commit();
  }
  EXPECT_EQ(slurp(path), expected);
  EXPECT_EQ(entries(dir.path()), 1U); // no temporary file left
}

TEST(BackgroundFile, NoFileWithoutCommit) {
  const test::TempDir dir;
  const fs::path path = dir.path() / "out.json";
  {
    BackgroundFile file(path);
    file.write(std::string(1 << 20, 'a'));
  } // an error ended the run
  EXPECT_FALSE(fs::exists(path));
  EXPECT_EQ(entries(dir.path()), 0U);
}

TEST(BackgroundFile, FailedWriteIsAnError) {
  // A file size limit of 4 KB makes the writer thread's write fail (EFBIG; SIGXFSZ ignored).
  const test::TempDir dir;
  const fs::path path = dir.path() / "out.json";
  rlimit old{};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &old), 0);
  if (old.rlim_max != RLIM_INFINITY && old.rlim_max < 4096)
    GTEST_SKIP() << "file size limit already below 4 KB";
  const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  const rlimit small{4096, old.rlim_max};
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
  bool thrown = false;
  try {
    BackgroundFile file(path);
    for (int i = 0; i < 100; ++i)
      file.write(std::string(1000, 'a'));
    file.commit();
  } catch (const Error& error) {
    thrown = true;
    EXPECT_NE(std::string(error.what()).find("out.json"), std::string::npos) << error.what();
  }
  ::setrlimit(RLIMIT_FSIZE, &old);
  std::signal(SIGXFSZ, old_handler);
  EXPECT_TRUE(thrown);
  EXPECT_FALSE(fs::exists(path));
  EXPECT_EQ(entries(dir.path()), 0U);
}

TEST(BackgroundFile, MissingFolderIsAnError) {
  const test::TempDir dir;
  EXPECT_THROW(BackgroundFile(dir.path() / "no" / "such" / "out.json"), Error);
}

} // namespace
} // namespace aftershock::cli
