#pragma once
// Giving memory-mapped file pages back to the kernel once they have been read.

#include <cstddef>

namespace aftershock::util {

// Drops the whole pages inside [p, p + n) of a file-backed, read-only mapping from this
// process (madvise MADV_DONTNEED): the file keeps the data, a later read faults it back in.
// Partial pages at either end are kept. No effect when the range holds no whole page.
void release_pages(const char* p, std::size_t n) noexcept;

} // namespace aftershock::util
