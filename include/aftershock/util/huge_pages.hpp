#pragma once
// Transparent huge pages for large, freshly allocated arrays (issue 6: page faults): advice for
// an existing allocation, or a fresh 2 MiB-aligned anonymous block.

#include <cstddef>
#include <memory>

namespace aftershock::util {

// Asks the kernel to back the whole 2 MB blocks inside [p, p + n) with transparent huge pages
// (madvise MADV_HUGEPAGE) when they are first touched, so filling a 200 MB matrix takes about a
// hundred page faults instead of fifty thousand. Call it on anonymous memory before writing it.
// A hint only: no effect when THP is disabled or the range holds no whole 2 MB block; the
// contents are never changed.
void advise_huge_pages(void* p, std::size_t n) noexcept;

// `bytes` of zero-filled memory from an anonymous mapping, 2 MiB aligned and advised
// MADV_HUGEPAGE, so the first touch faults one transparent huge page instead of 512 small ones
// (where the kernel allows it; otherwise ordinary pages). Used for one mapping that holds many
// panel columns. When the last copy of the returned pointer goes, the block is kept for a later
// call (up to 256 MiB of freed blocks per process; beyond that it is unmapped): a later block
// that fits in it reuses its pages, zeroed with memset, instead of faulting fresh ones (the
// kernel's zeroing of fresh pages is the costliest part of the 10,000-firm-event benchmark
// run). Thread-safe. Null for 0 bytes. Throws std::bad_alloc when the mapping fails.
std::shared_ptr<void> allocate_page_block(std::size_t bytes);

// Faults in, in one call (madvise MADV_POPULATE_WRITE), the small pages at the start of the
// malloc heap ("[heap]" in /proc/self/maps) up to its first 2 MiB boundary: the heap is advised
// for huge pages (glibc.malloc.hugetlb=1), but that head (0 to 2 MiB, placed at random) is too
// short for one, so the first small allocations fault 4 KiB page by page. On the benchmark VM
// such a fault costs 14-20 us; populated in the kernel's loop, the page costs ~1 us, and its
// first touch still ~7-12 us (the host's shadow paging), so about half is saved. The contents
// are not changed (the pages are zero-filled as a first touch would fill them). Best effort:
// nothing when there is no heap, no /proc, or the kernel predates 5.14.
void populate_heap_head() noexcept;

} // namespace aftershock::util
