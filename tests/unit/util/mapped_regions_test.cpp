// util::MappedRegion / find_mapped_region (mapped_regions.hpp's contract): a registered range
// is found with its path and offset while registered, and not before, after or outside it.
#include <aftershock/util/mapped_regions.hpp>

#include <gtest/gtest.h>

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace aftershock::util {
namespace {

TEST(MappedRegion, FoundWhileRegisteredWithPathAndOffset) {
  std::array<char, 100> a{};
  std::array<char, 50> b{};
  std::array<char, 64> path{};
  std::size_t offset = 0;
  EXPECT_FALSE(find_mapped_region(a.data() + 10, path.data(), path.size(), offset));
  {
    const MappedRegion first(a.data(), a.size(), "/data/prices.csv");
    const MappedRegion second(b.data(), b.size(), "/tmp/cache.panel");
    ASSERT_TRUE(find_mapped_region(a.data() + 10, path.data(), path.size(), offset));
    EXPECT_EQ(std::string(path.data()), "/data/prices.csv");
    EXPECT_EQ(offset, 10U);
    ASSERT_TRUE(find_mapped_region(b.data() + 49, path.data(), path.size(), offset));
    EXPECT_EQ(std::string(path.data()), "/tmp/cache.panel");
    EXPECT_EQ(offset, 49U);
    EXPECT_FALSE(find_mapped_region(b.data() + 50, path.data(), path.size(), offset)); // one past
  }
  EXPECT_FALSE(find_mapped_region(a.data() + 10, path.data(), path.size(), offset));
}

TEST(MappedRegion, LongPathsAreCutAndSlotsAreReused) {
  std::array<char, 8> bytes{};
  std::array<char, 6> path{};
  std::size_t offset = 0;
  {
    const MappedRegion region(bytes.data(), bytes.size(), "/a/very/long/path.csv");
    ASSERT_TRUE(find_mapped_region(bytes.data(), path.data(), path.size(), offset));
    EXPECT_EQ(std::string(path.data()), "/a/ve"); // path.size() - 1 bytes and the NUL
  }
  // More registrations in a row than there are slots: each one freed is reused.
  for (std::size_t k = 0; k < 3 * k_max_mapped_regions; ++k) {
    const MappedRegion region(bytes.data(), bytes.size(), "/x.csv");
    ASSERT_TRUE(find_mapped_region(bytes.data() + 3, path.data(), path.size(), offset));
    EXPECT_EQ(offset, 3U);
  }
  // All slots taken: the next region is simply not registered.
  std::vector<std::array<char, 4>> blocks(k_max_mapped_regions + 1);
  std::vector<std::optional<MappedRegion>> held(blocks.size());
  for (std::size_t k = 0; k < blocks.size(); ++k)
    held[k].emplace(blocks[k].data(), blocks[k].size(), "/held.csv");
  EXPECT_TRUE(find_mapped_region(blocks.front().data(), path.data(), path.size(), offset));
  EXPECT_FALSE(find_mapped_region(blocks.back().data(), path.data(), path.size(), offset));
}

} // namespace
} // namespace aftershock::util
