// util::allocate_page_block (huge_pages.hpp's contract): zero-filled, writable, 2 MiB aligned;
// null for 0 bytes. The huge-page choice: the balloon's feature bits read from a sysfs-shaped
// folder (the layout and bit numbers of Linux's virtio bus and the virtio 1.2 spec, section
// 5.5.3), and the advice given or withheld as the choice says (VmFlags "hg" in
// /proc/self/smaps, proc(5)).
#include <aftershock/util/huge_pages.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "support/temp_dir.hpp"

namespace aftershock::util {
namespace {

TEST(PageBlock, ZeroFilledAlignedAndWritable) {
  EXPECT_EQ(allocate_page_block(0), nullptr);
  constexpr std::size_t k_bytes = (std::size_t{3} << 20) + 17;
  const auto block = allocate_page_block(k_bytes);
  ASSERT_NE(block, nullptr);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(block.get()) % (std::size_t{2} << 20), 0U);
  auto* bytes = static_cast<unsigned char*>(block.get());
  std::size_t nonzero = 0;
  for (std::size_t k = 0; k < k_bytes; ++k)
    nonzero += bytes[k] != 0 ? 1U : 0U;
  EXPECT_EQ(nonzero, 0U);
  std::memset(bytes, 0xab, k_bytes);
  EXPECT_EQ(bytes[k_bytes - 1], 0xab);
}

// A freed block is reused, zero-filled again; a smaller request takes its first part. (Other
// tests' blocks may be kept too, none of 12 MiB or more: the best fit below is this block.)
TEST(PageBlock, AFreedBlockIsReusedZeroFilled) {
  constexpr std::size_t k_mib = std::size_t{1} << 20;
  constexpr std::size_t k_bytes = 20 * k_mib;
  const auto count_nonzero = [](const std::shared_ptr<void>& block, std::size_t n) {
    const auto* bytes = static_cast<const unsigned char*>(block.get());
    std::size_t nonzero = 0;
    for (std::size_t k = 0; k < n; ++k)
      nonzero += bytes[k] != 0 ? 1U : 0U;
    return nonzero;
  };
  void* first = nullptr;
  {
    const auto block = allocate_page_block(k_bytes);
    first = block.get();
    std::memset(first, 0xab, k_bytes);
  }
  {
    const auto again = allocate_page_block(k_bytes);
    EXPECT_EQ(again.get(), first);
    EXPECT_EQ(count_nonzero(again, k_bytes), 0U);
    std::memset(again.get(), 0xcd, k_bytes);
  }
  const auto part = allocate_page_block(13 * k_mib); // 14 MiB of the 20 kept
  EXPECT_EQ(part.get(), first);
  EXPECT_EQ(count_nonzero(part, 13 * k_mib), 0U);
}

// Blocks allocated and freed on several threads at once: each is zero-filled and its own.
TEST(PageBlock, ThreadsShareThePool) {
  constexpr std::size_t k_bytes = (std::size_t{2} << 20) + 5;
  std::vector<std::thread> threads;
  std::vector<int> bad(4, 0);
  for (std::size_t t = 0; t < bad.size(); ++t)
    threads.emplace_back([&bad, t] {
      for (int round = 0; round < 50; ++round) {
        const auto block = allocate_page_block(k_bytes);
        auto* bytes = static_cast<unsigned char*>(block.get());
        if (bytes[0] != 0 || bytes[k_bytes - 1] != 0)
          ++bad[t];
        std::memset(bytes, static_cast<int>(t + 1), k_bytes);
        if (bytes[k_bytes / 2] != t + 1)
          ++bad[t];
      }
    });
  for (auto& thread : threads)
    thread.join();
  EXPECT_EQ(bad, std::vector<int>(bad.size(), 0));
}

// The [heap] mapping of this process, or {0, 0}.
std::pair<std::uintptr_t, std::uintptr_t> heap_range() {
  std::ifstream maps("/proc/self/maps");
  std::string line;
  while (std::getline(maps, line))
    if (line.find("[heap]") != std::string::npos) {
      const auto dash = line.find('-');
      const auto space = line.find(' ');
      return {std::stoull(line.substr(0, dash), nullptr, 16),
              std::stoull(line.substr(dash + 1, space - dash - 1), nullptr, 16)};
    }
  return {0, 0};
}

// Populating the heap's head faults pages in without changing what the heap holds: the head's
// bytes (malloc chunks written before the call) and memory allocated and written before the
// call read back the same, and the heap stays usable.
TEST(HeapHead, PopulatingKeepsTheHeapContents) {
  std::vector<std::unique_ptr<std::vector<std::uint32_t>>> blocks;
  for (std::uint32_t b = 0; b < 64; ++b) {
    auto block = std::make_unique<std::vector<std::uint32_t>>(1000);
    for (std::uint32_t i = 0; i < block->size(); ++i)
      (*block)[i] = b * 1000 + i;
    blocks.push_back(std::move(block));
  }
  const auto [start, end] = heap_range();
  std::vector<unsigned char> head;
  if (start != 0) {
    const auto* first = reinterpret_cast<const unsigned char*>(start);
    head.assign(first, first + std::min<std::uintptr_t>(end - start, 64 * 1024));
  }
  populate_heap_head();
  populate_heap_head(); // again: nothing left to fault
  if (start != 0) {
    EXPECT_EQ(std::memcmp(head.data(), reinterpret_cast<const unsigned char*>(start), head.size()),
              0);
  }
  for (std::uint32_t b = 0; b < blocks.size(); ++b) {
    for (std::uint32_t i = 0; i < blocks[b]->size(); ++i) {
      ASSERT_EQ((*blocks[b])[i], b * 1000 + i);
    }
  }
  std::vector<std::uint32_t> after(4096, 7U);
  EXPECT_EQ(after.back(), 7U);
}

// A virtio device folder as Linux's sysfs shows it: `device` "0x%04x", `features` one character
// per feature bit.
void write_device(const test::TempDir& dir, const std::string& name, const std::string& device,
                  const std::string& features) {
  dir.write(name + "/device", device + "\n");
  if (!features.empty())
    dir.write(name + "/features", features + "\n");
}

std::string bits(std::initializer_list<std::size_t> set, std::size_t size = 64) {
  std::string out(size, '0');
  for (const auto bit : set)
    out[bit] = '1';
  return out;
}

TEST(HugePageChoice, ABalloonWithPageReportingIsFound) {
  const test::TempDir dir;
  write_device(dir, "virtio1", "0x0002", bits({5, 32})); // a block device's bit 5 is not ours
  EXPECT_FALSE(balloon_reports_free_pages(dir.path()));
  write_device(dir, "virtio0", "0x0005", bits({1, 2, 32})); // balloon: stats, deflate on OOM
  EXPECT_FALSE(balloon_reports_free_pages(dir.path()));
  write_device(dir, "virtio0", "0x0005", bits({1, 2, 5, 32})); // ... and page reporting
  EXPECT_TRUE(balloon_reports_free_pages(dir.path()));
  // The benchmark VM's balloon (session 9), as its features file reads.
  write_device(dir, "virtio0", "0x0005",
               "0110010100000000000000000000000010000000000000000000000000000000"
               "0000000000000000000000000000000000000000000000000000000000000000");
  EXPECT_TRUE(balloon_reports_free_pages(dir.path()));
}

TEST(HugePageChoice, MissingOrShortFilesMeanNoReporting) {
  const test::TempDir dir;
  EXPECT_FALSE(balloon_reports_free_pages(dir.path() / "absent"));
  EXPECT_FALSE(balloon_reports_free_pages(dir.path()));
  write_device(dir, "virtio0", "0x0005", ""); // no features file
  EXPECT_FALSE(balloon_reports_free_pages(dir.path()));
  write_device(dir, "virtio0", "0x0005", "01100"); // bit 5 not listed
  EXPECT_FALSE(balloon_reports_free_pages(dir.path()));
  write_device(dir, "virtio0", "0x00050", bits({5})); // another device ID
  EXPECT_FALSE(balloon_reports_free_pages(dir.path()));
}

// The VmFlags of the mapping holding `address` (proc(5): "hg" = advised MADV_HUGEPAGE).
std::string vm_flags(const void* address) {
  std::ifstream smaps("/proc/self/smaps");
  const auto at = reinterpret_cast<std::uintptr_t>(address);
  bool inside = false;
  for (std::string line; std::getline(smaps, line);) {
    unsigned long long first = 0;
    unsigned long long last = 0;
    if (line.find('-') < line.find(' ') &&
        std::sscanf(line.c_str(), "%llx-%llx", &first, &last) == 2) // NOLINT(cert-err34-c)
      inside = at >= first && at < last;
    else if (inside && line.starts_with("VmFlags:"))
      return line;
  }
  return {};
}

bool advised_huge(const void* address) {
  const std::string flags = vm_flags(address);
  return flags.find(" hg") != std::string::npos;
}

TEST(HugePageChoice, AdviceFollowsTheChoice) {
  const int on_the_stack = 0;
  if (vm_flags(&on_the_stack).empty())
    GTEST_SKIP() << "no /proc/self/smaps";
  // Larger than the pool keeps (256 MiB), so each block is a fresh mapping; never touched.
  constexpr std::size_t k_bytes = std::size_t{260} << 20;
  set_huge_pages(HugePages::off);
  EXPECT_FALSE(huge_pages_enabled());
  {
    const auto block = allocate_page_block(k_bytes);
    EXPECT_FALSE(advised_huge(block.get()));
  }
  set_huge_pages(HugePages::on);
  EXPECT_TRUE(huge_pages_enabled());
  {
    const auto block = allocate_page_block(k_bytes);
    EXPECT_TRUE(advised_huge(block.get()));
  }
  set_huge_pages(HugePages::automatic);
  EXPECT_EQ(huge_pages_enabled(), !balloon_reports_free_pages("/sys/bus/virtio/devices"));
}

} // namespace
} // namespace aftershock::util
