#include <aftershock/util/huge_pages.hpp>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <limits>
#include <mutex>
#include <new>
#include <optional>
#include <string>
#include <sys/mman.h>
#include <system_error>
#include <vector>

namespace aftershock::util {
namespace {
constexpr std::size_t k_huge = std::size_t{2} << 20;
// Freed blocks kept for reuse, at most this many bytes (a panel of 16,000 columns of 1,000
// days is 256 MiB).
constexpr std::size_t k_pool_max_bytes = std::size_t{256} << 20;

// A whole mapping of its own: 2 MiB aligned, a multiple of 2 MiB long.
struct Region {
  char* start = nullptr;
  std::size_t length = 0;
};

// The freed blocks of the process. Fresh anonymous memory is the dearest memory a run touches:
// the kernel zeroes every page on its first fault, and on the benchmark VM a fresh 2 MiB page
// costs 0.3 to 4 ms (the host backs it first). A freed block, reused, costs a memset of warm
// memory. The CSV reader's windows (2 MiB per chunk), freed when the panel is built, serve a
// later block that fits; larger blocks (the aggregate's AR rows, the output block) are fresh
// since the reader stopped copying the whole CSV into one (session 9 in
// bench/performance_notes.md).
class Pool {
public:
  // The smallest kept region of at least `length` bytes, cut to `length` (the rest stays).
  std::optional<Region> take(std::size_t length) {
    const std::lock_guard lock(m_mutex);
    std::size_t best = m_free.size();
    for (std::size_t k = 0; k < m_free.size(); ++k)
      if (m_free[k].length >= length &&
          (best == m_free.size() || m_free[k].length < m_free[best].length))
        best = k;
    if (best == m_free.size())
      return std::nullopt;
    Region region = m_free[best];
    m_free.erase(m_free.begin() + static_cast<std::ptrdiff_t>(best));
    m_bytes -= region.length;
    if (region.length > length) {
      const Region rest{region.start + length, region.length - length};
      m_free.push_back(rest);
      m_bytes += rest.length;
      region.length = length;
    }
    return region;
  }
  // Keeps `region` for reuse; false (the caller unmaps it) when the pool is full or its list
  // cannot grow (called from a deleter: never throws).
  bool give(Region region) noexcept {
    try {
      const std::lock_guard lock(m_mutex);
      if (m_bytes + region.length > k_pool_max_bytes)
        return false;
      m_free.push_back(region);
      m_bytes += region.length;
      return true;
    } catch (...) {
      return false;
    }
  }

private:
  std::mutex m_mutex;
  std::vector<Region> m_free;
  std::size_t m_bytes = 0;
};

Pool& pool() {
  static Pool* const instance = new Pool(); // never destroyed: blocks may be freed at exit
  return *instance;
}

// A fresh mapping of `length` bytes (a multiple of 2 MiB), 2 MiB aligned: mapped 2 MiB larger,
// the unaligned ends unmapped.
Region map_region(std::size_t length) {
  const std::size_t mapped = length + k_huge;
  void* base = ::mmap(nullptr, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (base == MAP_FAILED)
    throw std::bad_alloc();
  const auto address = reinterpret_cast<std::uintptr_t>(base);
  const std::size_t head = (k_huge - address % k_huge) % k_huge;
  char* start = static_cast<char*>(base) + head;
  if (head > 0)
    ::munmap(base, head);
  if (const std::size_t tail = mapped - head - length; tail > 0)
    ::munmap(start + length, tail);
  advise_huge_pages(start, length); // advice only: ordinary pages when refused
  return {start, length};
}

std::atomic<HugePages> g_setting{HugePages::automatic};

// The first line of a small sysfs file, without its newline; empty when it cannot be read.
std::string first_line(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  return line;
}

} // namespace

void set_huge_pages(HugePages setting) noexcept {
  g_setting.store(setting, std::memory_order_relaxed);
}

bool huge_pages_enabled() noexcept {
  switch (g_setting.load(std::memory_order_relaxed)) {
  case HugePages::on:
    return true;
  case HugePages::off:
    return false;
  case HugePages::automatic:
    break;
  }
  static const bool reporting = [] {
    try {
      return balloon_reports_free_pages("/sys/bus/virtio/devices");
    } catch (...) {
      return false;
    }
  }();
  return !reporting;
}

bool balloon_reports_free_pages(const std::filesystem::path& virtio_devices) {
  constexpr std::size_t k_page_reporting_bit = 5; // VIRTIO_BALLOON_F_PAGE_REPORTING
  std::error_code error;
  for (std::filesystem::directory_iterator it(virtio_devices, error), end; !error && it != end;
       it.increment(error)) {
    // The device ID as Linux prints it ("0x%04x", drivers/virtio/virtio.c); 5 = memory balloon.
    if (first_line(it->path() / "device") != "0x0005")
      continue;
    const std::string features = first_line(it->path() / "features");
    if (features.size() > k_page_reporting_bit && features[k_page_reporting_bit] == '1')
      return true;
  }
  return false;
}

void advise_huge_pages(void* p, std::size_t n) noexcept {
  if (p == nullptr || n < k_huge || !huge_pages_enabled())
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
  if (bytes > std::numeric_limits<std::size_t>::max() - 2 * k_huge)
    throw std::bad_alloc();
  const std::size_t length = (bytes + k_huge - 1) / k_huge * k_huge;
  Region region;
  if (const auto reused = pool().take(length)) {
    region = *reused;
    std::memset(region.start, 0, bytes); // a fresh mapping is zero; a reused one is made so
  } else {
    region = map_region(length);
  }
  try {
    return {region.start, [region](void*) {
              if (!pool().give(region))
                ::munmap(region.start, region.length);
            }};
  } catch (...) {
    ::munmap(region.start, region.length);
    throw;
  }
}

void populate_heap_head() noexcept {
#ifndef MADV_POPULATE_WRITE
  constexpr int MADV_POPULATE_WRITE = 23; // Linux 5.14 (older headers lack the name)
#endif
  std::FILE* maps = std::fopen("/proc/self/maps", "re");
  if (maps == nullptr)
    return;
  std::uintptr_t start = 0;
  std::uintptr_t end = 0;
  char line[512];
  while (std::fgets(line, sizeof line, maps) != nullptr) {
    unsigned long long first = 0;
    unsigned long long last = 0;
    // NOLINTNEXTLINE(cert-err34-c): a line that does not parse is skipped
    if (std::strstr(line, "[heap]") != nullptr &&
        std::sscanf(line, "%llx-%llx", &first, &last) == 2) {
      start = static_cast<std::uintptr_t>(first);
      end = static_cast<std::uintptr_t>(last);
      break;
    }
  }
  std::fclose(maps);
  const std::uintptr_t boundary = (start + k_huge - 1) / k_huge * k_huge;
  const std::uintptr_t stop = boundary < end ? boundary : end;
  if (start == 0 || stop <= start)
    return;
  // An address read from /proc/self/maps, so an integer made a pointer. A failure (EINVAL
  // before Linux 5.14, ENOMEM) leaves the pages to fault as before.
  void* head = reinterpret_cast<void*>(start); // NOLINT(performance-no-int-to-ptr)
  static_cast<void>(::madvise(head, stop - start, MADV_POPULATE_WRITE));
}

} // namespace aftershock::util
