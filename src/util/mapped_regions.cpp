#include <aftershock/util/mapped_regions.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#include "signal_safe_slots.hpp"

namespace aftershock::util {
namespace {

// One registered mapping; the path is cut to fit (it only names the file in a message).
struct Region {
  std::uintptr_t start = 0;
  std::size_t size = 0;
  std::array<char, 1024> path{};
};

detail::SignalSafeSlots<Region, k_max_mapped_regions>& regions() noexcept {
  static detail::SignalSafeSlots<Region, k_max_mapped_regions> all;
  return all;
}

} // namespace

MappedRegion::MappedRegion(const void* start, std::size_t size,
                           const std::filesystem::path& path) noexcept {
  m_slot = regions().add([&](Region& region) {
    region.start = reinterpret_cast<std::uintptr_t>(start);
    region.size = size;
    const std::string& text = path.native();
    const std::size_t n = std::min(text.size(), region.path.size() - 1);
    std::memcpy(region.path.data(), text.data(), n);
    region.path[n] = '\0';
  });
}

MappedRegion::~MappedRegion() {
  regions().remove(m_slot);
}

bool find_mapped_region(const void* address, char* path, std::size_t path_size,
                        std::size_t& offset) noexcept {
  const auto at = reinterpret_cast<std::uintptr_t>(address);
  return regions().find([&](const Region& region) {
    if (at < region.start || at - region.start >= region.size)
      return false;
    offset = at - region.start;
    if (path_size > 0) {
      const std::size_t n = std::min(std::strlen(region.path.data()), path_size - 1);
      std::memcpy(path, region.path.data(), n);
      path[n] = '\0';
    }
    return true;
  });
}

} // namespace aftershock::util
