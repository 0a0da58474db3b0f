#include <aftershock/util/mapped_regions.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <cstring>

namespace aftershock::util {
namespace {

constexpr std::size_t k_path_bytes = 1024;

// One registered mapping. `state` publishes the other fields: 0 free, 1 being written or
// cleared, 2 readable.
struct Slot {
  std::atomic<int> state{0};
  std::uintptr_t start = 0;
  std::size_t size = 0;
  std::array<char, k_path_bytes> path{};
};

std::array<Slot, k_max_mapped_regions>& slots() noexcept {
  static std::array<Slot, k_max_mapped_regions> all{};
  return all;
}

} // namespace

MappedRegion::MappedRegion(const void* start, std::size_t size,
                           const std::filesystem::path& path) noexcept {
  auto& all = slots();
  for (std::size_t k = 0; k < all.size(); ++k) {
    int expected = 0;
    if (!all[k].state.compare_exchange_strong(expected, 1, std::memory_order_acquire))
      continue;
    Slot& slot = all[k];
    slot.start = reinterpret_cast<std::uintptr_t>(start);
    slot.size = size;
    const std::string& text = path.native();
    const std::size_t n = std::min(text.size(), slot.path.size() - 1);
    std::memcpy(slot.path.data(), text.data(), n);
    slot.path[n] = '\0';
    slot.state.store(2, std::memory_order_release);
    m_slot = static_cast<int>(k);
    return;
  }
}

MappedRegion::~MappedRegion() {
  if (m_slot >= 0)
    slots()[static_cast<std::size_t>(m_slot)].state.store(0, std::memory_order_release);
}

bool find_mapped_region(const void* address, char* path, std::size_t path_size,
                        std::size_t& offset) noexcept {
  const auto at = reinterpret_cast<std::uintptr_t>(address);
  for (const Slot& slot : slots()) {
    if (slot.state.load(std::memory_order_acquire) != 2)
      continue;
    if (at < slot.start || at - slot.start >= slot.size)
      continue;
    offset = at - slot.start;
    if (path_size > 0) {
      const std::size_t n = std::min(std::strlen(slot.path.data()), path_size - 1);
      std::memcpy(path, slot.path.data(), n);
      path[n] = '\0';
    }
    return true;
  }
  return false;
}

} // namespace aftershock::util
