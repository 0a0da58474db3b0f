#include <aftershock/util/huge_pages.hpp>

#include <cstdint>
#include <sys/mman.h>

namespace aftershock::util {

void advise_huge_pages(void* p, std::size_t n) noexcept {
  constexpr std::size_t k_huge = std::size_t{2} << 20;
  if (p == nullptr || n < k_huge)
    return;
  // Bytes from p to the next 2 MB boundary, then the whole 2 MB blocks after it.
  const std::size_t head = (k_huge - reinterpret_cast<std::uintptr_t>(p) % k_huge) % k_huge;
  if (n <= head)
    return;
  if (const std::size_t length = (n - head) & ~(k_huge - 1); length > 0)
    ::madvise(static_cast<char*>(p) + head, length, MADV_HUGEPAGE);
}

} // namespace aftershock::util
