// cli/fault_handler.hpp: a registered mapped input truncated by another program while it is read
// ends the process with exit code 1 and the usual two lines naming the file; a fault anywhere
// else keeps the default action (killed by SIGBUS). Death tests: each case runs in a child.
#include <aftershock/util/atomic_file.hpp>
#include <aftershock/util/mapped_regions.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <optional>
#include <string>
#include <sys/mman.h>
#include <unistd.h>
#include <vector>

#include "fault_handler.hpp"
#include "support/temp_dir.hpp"

namespace aftershock::cli {
namespace {

constexpr std::size_t k_page = 4096;

// Maps `file` (3 pages), registers it when `registered`, truncates it to one page behind the
// mapping's back (as another program would) and reads the third page.
void read_after_truncation(const std::filesystem::path& file, bool registered) {
  install_fault_handler();
  // An output being written when the fault comes: its temporary file must not stay behind.
  util::AtomicFile output(file.parent_path() / "report.json");
  output.write("{\"partial\": ");
  const int fd = ::open(file.c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0)
    std::_Exit(3);
  const void* p = ::mmap(nullptr, 3 * k_page, PROT_READ, MAP_PRIVATE, fd, 0);
  if (p == MAP_FAILED)
    std::_Exit(4);
  const auto* bytes = static_cast<const volatile char*>(p);
  std::optional<util::MappedRegion> region;
  if (registered)
    region.emplace(p, 3 * k_page, file);
  if (bytes[2 * k_page + 5] != 'x' || ::ftruncate(fd, k_page) != 0)
    std::_Exit(5);
  ::madvise(const_cast<void*>(p), 3 * k_page, MADV_DONTNEED); // drop the pages already read
  const char c = bytes[2 * k_page + 5];                       // gone: SIGBUS
  std::_Exit(c == 'x' ? 6 : 7);
}

// The default ("fast") death test style: the child is a fork, so it writes into this test's
// folder, which is checked after it.
TEST(FaultHandlerDeathTest, ATruncatedMappedInputIsAnErrorNamingTheFile) {
  const test::TempDir dir;
  const auto file = dir.write("prices.csv", std::string(3 * k_page, 'x'));
  EXPECT_EXIT(read_after_truncation(file, true), ::testing::ExitedWithCode(1),
              "aftershock: error: .*prices\\.csv shrank while it was being read \\(its bytes "
              "from offset 8197 on are gone\\)\nhint: another program truncated or rewrote the "
              "file in place");
  // Nothing but the input is left in the folder: no report.json, no hidden temporary file.
  std::vector<std::string> left;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
    left.push_back(entry.path().filename().string());
  std::sort(left.begin(), left.end());
  EXPECT_EQ(left, std::vector<std::string>{"prices.csv"});
}

TEST(FaultHandlerDeathTest, AFaultOutsideTheRegisteredFilesKeepsTheDefaultAction) {
  const test::TempDir dir;
  const auto file = dir.write("other.bin", std::string(3 * k_page, 'x'));
  EXPECT_EXIT(read_after_truncation(file, false), ::testing::KilledBySignal(SIGBUS), "");
}

} // namespace
} // namespace aftershock::cli
