// util::parallel_for covers every index exactly once, for any thread count, and rethrows the
// exception of the lowest chunk.
#include <aftershock/util/parallel_for.hpp>

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace aftershock::util {
namespace {

TEST(parallel_for_test, every_index_once_for_any_thread_count) {
  for (const std::size_t threads : {0U, 1U, 2U, 3U, 8U}) {
    for (const std::size_t n : {0U, 1U, 2U, 7U, 100U}) {
      std::vector<int> hits(n, 0);
      parallel_for(n, threads, [&hits](std::size_t begin, std::size_t end) {
        for (std::size_t k = begin; k < end; ++k)
          ++hits[k];
      });
      EXPECT_EQ(hits, std::vector<int>(n, 1)) << threads << " threads, n " << n;
    }
  }
  EXPECT_GE(default_thread_count(), 1U);
}

TEST(parallel_for_test, rethrows_the_lowest_chunk_exception) {
  const auto body = [](std::size_t begin, std::size_t) {
    throw std::runtime_error("chunk at " + std::to_string(begin));
  };
  try {
    parallel_for(10, 2, body);
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), "chunk at 0");
  }
}

} // namespace
} // namespace aftershock::util
