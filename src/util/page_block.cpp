#include <aftershock/util/page_block.hpp>

#include <cstdint>
#include <new>
#include <sys/mman.h>

namespace aftershock::util {

std::shared_ptr<void> allocate_page_block(std::size_t bytes) {
  if (bytes == 0)
    return nullptr;
  constexpr std::size_t k_huge = std::size_t{2} << 20;
  const std::size_t length = bytes + k_huge;
  void* base = ::mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (base == MAP_FAILED)
    throw std::bad_alloc();
  const auto address = reinterpret_cast<std::uintptr_t>(base);
  const std::size_t skip = (k_huge - address % k_huge) % k_huge;
  char* start = static_cast<char*>(base) + skip;
  ::madvise(start, bytes, MADV_HUGEPAGE); // advice only: ordinary pages when refused
  try {
    return {start, [base, length](void*) { ::munmap(base, length); }};
  } catch (...) {
    ::munmap(base, length);
    throw;
  }
}

} // namespace aftershock::util
