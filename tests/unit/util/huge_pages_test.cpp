// util::allocate_page_block (huge_pages.hpp's contract): zero-filled, writable, 2 MiB aligned;
// null for 0 bytes.
#include <aftershock/util/huge_pages.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>

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

} // namespace
} // namespace aftershock::util
