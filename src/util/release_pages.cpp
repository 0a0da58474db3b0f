#include <aftershock/util/release_pages.hpp>

#include <cstdint>
#include <sys/mman.h>

namespace aftershock::util {

void release_pages(const char* p, std::size_t n) noexcept {
  constexpr std::size_t k_page = 4096;
  // Bytes from p to the next page boundary, then the whole pages after it.
  const std::size_t head = (k_page - reinterpret_cast<std::uintptr_t>(p) % k_page) % k_page;
  if (n <= head)
    return;
  if (const std::size_t length = (n - head) & ~(k_page - 1); length > 0)
    ::madvise(const_cast<char*>(p + head), length, MADV_DONTNEED);
}

} // namespace aftershock::util
