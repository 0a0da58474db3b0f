// util::allocate_page_block (huge_pages.hpp's contract): zero-filled, writable, 2 MiB aligned;
// null for 0 bytes.
#include <aftershock/util/huge_pages.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

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

} // namespace
} // namespace aftershock::util
