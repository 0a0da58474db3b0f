#include <aftershock/util/huge_pages.hpp>

#include <cstdint>
#include <new>
#include <sys/mman.h>

namespace aftershock::util {
namespace {
constexpr std::size_t k_huge = std::size_t{2} << 20;
} // namespace

void advise_huge_pages(void* p, std::size_t n) noexcept {
  if (p == nullptr || n < k_huge)
    return;
  // Bytes from p to the next 2 MB boundary, then the whole 2 MB blocks after it.
  const std::size_t head = (k_huge - reinterpret_cast<std::uintptr_t>(p) % k_huge) % k_huge;
  if (n <= head)
    return;
  if (const std::size_t length = (n - head) & ~(k_huge - 1); length > 0)
    ::madvise(static_cast<char*>(p) + head, length, MADV_HUGEPAGE);
}

std::shared_ptr<void> allocate_page_block(std::size_t bytes) {
  if (bytes == 0)
    return nullptr;
  const std::size_t length = bytes + k_huge;
  void* base = ::mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (base == MAP_FAILED)
    throw std::bad_alloc();
  const auto address = reinterpret_cast<std::uintptr_t>(base);
  const std::size_t skip = (k_huge - address % k_huge) % k_huge;
  char* start = static_cast<char*>(base) + skip;
  advise_huge_pages(start, bytes); // advice only: ordinary pages when refused
  try {
    return {start, [base, length](void*) { ::munmap(base, length); }};
  } catch (...) {
    ::munmap(base, length);
    throw;
  }
}

} // namespace aftershock::util
