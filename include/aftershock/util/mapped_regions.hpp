#pragma once
// Input files mapped into memory, registered so that a fault on one can be reported clearly. A
// mapped file that another program truncates while aftershock reads it loses the pages past its
// new end: touching one raises SIGBUS. cli's handler (cli/fault_handler.hpp) asks
// find_mapped_region which file the faulting address belongs to and ends the run with a message
// naming it, instead of "Bus error".

#include <cstddef>
#include <filesystem>

namespace aftershock::util {

// Registers [start, start + size) as a mapping of `path` for its lifetime. Lock-free; at most
// k_max_mapped_regions at once (further regions are not registered: a fault in one gets the
// generic message).
class MappedRegion {
public:
  MappedRegion(const void* start, std::size_t size, const std::filesystem::path& path) noexcept;
  MappedRegion(const MappedRegion&) = delete;
  MappedRegion& operator=(const MappedRegion&) = delete;
  ~MappedRegion();

private:
  int m_slot = -1;
};

inline constexpr std::size_t k_max_mapped_regions = 32;

// The registered region holding `address`: its path copied into `path` (NUL-terminated, cut to
// `path_size` - 1 bytes) and the offset of `address` in it. False when no region holds it.
// Async-signal-safe (no allocation, no lock).
bool find_mapped_region(const void* address, char* path, std::size_t path_size,
                        std::size_t& offset) noexcept;

} // namespace aftershock::util
