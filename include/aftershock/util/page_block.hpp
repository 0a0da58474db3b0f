#pragma once
// Anonymous memory for the large arrays of a panel (issue 6): one mapping for many columns.

#include <cstddef>
#include <memory>

namespace aftershock::util {

// `bytes` of zero-filled memory from an anonymous mapping, 2 MiB aligned and advised
// MADV_HUGEPAGE, so the first touch faults one transparent huge page instead of 512 small ones
// (where the kernel allows it; otherwise ordinary pages). Freed (munmap) when the last copy of
// the returned pointer goes. Null for 0 bytes. Throws std::bad_alloc when the mapping fails.
std::shared_ptr<void> allocate_page_block(std::size_t bytes);

} // namespace aftershock::util
