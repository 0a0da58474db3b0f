#include "residual_store.hpp"

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace aftershock::study {
namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();
constexpr std::size_t k_huge_page = std::size_t{2} << 20;
constexpr std::size_t k_chunk_bytes = 8 * k_huge_page; // 8,000 firm-events of 250 days

struct Chunk {
  std::shared_ptr<double> block; // frees the chunk when the last series and the thread let go
  std::size_t capacity = 0;      // doubles
  std::size_t used = 0;
};

std::shared_ptr<double> allocate_chunk(std::size_t bytes) {
  void* memory = std::aligned_alloc(k_huge_page, bytes); // bytes: a multiple of the alignment
  if (memory == nullptr)
    throw std::bad_alloc();
#if defined(MADV_HUGEPAGE)
  // A hint only (transparent huge pages in "madvise" mode); failure changes nothing.
  (void)::madvise(memory, bytes, MADV_HUGEPAGE);
#endif
  return {static_cast<double*>(memory), [](double* p) { std::free(p); }};
}

// `n` doubles from the calling thread's current chunk (a new chunk when it is full).
std::pair<std::shared_ptr<double>, double*> take(std::size_t n) {
  thread_local Chunk chunk;
  if (chunk.block == nullptr || chunk.capacity - chunk.used < n) {
    const std::size_t bytes =
        std::max(k_chunk_bytes, (n * sizeof(double) + k_huge_page - 1) / k_huge_page * k_huge_page);
    chunk.block = allocate_chunk(bytes);
    chunk.capacity = bytes / sizeof(double);
    chunk.used = 0;
  }
  double* out = chunk.block.get() + chunk.used;
  chunk.used += n;
  return {chunk.block, out};
}

} // namespace

ResidualSeries::ResidualSeries(std::span<const double> values) {
  auto owned = std::make_shared<std::vector<double>>(values.begin(), values.end());
  m_data = owned->data();
  m_size = owned->size();
  m_owner = std::move(owned);
}

ResidualSeries ResidualSeries::from_thread_chunk(std::size_t n_missing,
                                                 std::span<const double> values) {
  ResidualSeries out;
  const std::size_t n = n_missing + values.size();
  if (n == 0)
    return out;
  auto [owner, data] = take(n);
  std::fill(data, data + n_missing, k_nan);
  std::copy(values.begin(), values.end(), data + n_missing);
  out.m_owner = std::move(owner);
  out.m_data = data;
  out.m_size = n;
  return out;
}

void ResidualSeries::pad_front(std::size_t n) {
  if (n == 0)
    return;
  *this = from_thread_chunk(n, std::span<const double>(m_data, m_size));
}

} // namespace aftershock::study
