// GLIBC_TUNABLES for the heap huge pages of `study` (src/cli/heap_tuning.hpp). The expected
// strings follow the tunables syntax of the glibc manual ("Tunables": name=value pairs
// separated by ':').
#include <gtest/gtest.h>

#include "heap_tuning.hpp"

namespace aftershock::cli {
namespace {

TEST(HeapTuning, AddsTheTunableToAnEmptyEnvironment) {
  EXPECT_EQ(with_heap_huge_pages(""), "glibc.malloc.hugetlb=1");
}

TEST(HeapTuning, AppendsToTheUsersTunables) {
  EXPECT_EQ(with_heap_huge_pages("glibc.malloc.arena_max=2"),
            "glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1");
  EXPECT_EQ(with_heap_huge_pages("glibc.malloc.hugetlb_x=1"),
            "glibc.malloc.hugetlb_x=1:glibc.malloc.hugetlb=1");
}

TEST(HeapTuning, KeepsTheUsersOwnValue) {
  EXPECT_FALSE(with_heap_huge_pages("glibc.malloc.hugetlb=0"));
  EXPECT_FALSE(with_heap_huge_pages("glibc.malloc.arena_max=2:glibc.malloc.hugetlb=2"));
  EXPECT_FALSE(with_heap_huge_pages("glibc.malloc.hugetlb"));
}

} // namespace
} // namespace aftershock::cli
