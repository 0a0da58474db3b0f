#pragma once
// Transparent huge pages for large, freshly allocated arrays (issue 6: page faults): advice for
// an existing allocation, or a fresh 2 MiB-aligned anonymous block.

#include <cstddef>
#include <filesystem>
#include <memory>

namespace aftershock::util {

// Whether this process asks the kernel for transparent huge pages: advise_huge_pages,
// allocate_page_block, the residual store's chunks and (cli::tune_heap) the malloc heap.
// `automatic` (the default) asks unless the machine reports free memory to its host
// (balloon_reports_free_pages): there the guest's free 2 MiB blocks are handed back to the host,
// so a fresh huge page is one the host must back again, while small pages come mostly from
// smaller free fragments it never took back. Measured on such a VM (sessions 9 and 11 in
// bench/performance_notes.md): after a few seconds' pause the first touch of a huge page costs
// 5-8 ms against 1.2-1.5 ms for its 512 small pages (back to back, before the host has taken
// the memory back, 0.4-0.6 ms against 1.1 ms), and a 100,000-firm-event batch after a pause
// took 5.9-6.9 s with huge pages against 4.4-5.4 s without. On a VM without reporting it was
// the other way round (session 8: a small page's fault cost 14-20 us, 7-10 ms per 2 MiB, a huge
// page 0.3-3 ms).
enum class HugePages { automatic, on, off };
// Sets the choice for the rest of the process (the CLI's AFTERSHOCK_HEAP_HUGE_PAGES). Call it
// before any thread allocates.
void set_huge_pages(HugePages setting) noexcept;
// The choice: `on` / `off` as set; for `automatic`, !balloon_reports_free_pages() of the
// machine's /sys/bus/virtio/devices, read once.
bool huge_pages_enabled() noexcept;
// Whether a virtio memory balloon (a folder of `virtio_devices` whose `device` file reads 0x0005,
// virtio spec 1.2 section 5.5) has negotiated free page reporting: the character for bit 5
// (VIRTIO_BALLOON_F_PAGE_REPORTING, section 5.5.3) of its `features` file, one '0' or '1' per
// feature bit from bit 0 (Linux's sysfs virtio bus), is '1'. False when the folder or the files
// are missing or unreadable (no virtio bus: bare metal, most other hypervisors).
bool balloon_reports_free_pages(const std::filesystem::path& virtio_devices);

// Asks the kernel to back the whole 2 MB blocks inside [p, p + n) with transparent huge pages
// (madvise MADV_HUGEPAGE) when they are first touched, so filling a 200 MB matrix takes about a
// hundred page faults instead of fifty thousand. Call it on anonymous memory before writing it.
// A hint only: no effect when THP is disabled, huge_pages_enabled() is false or the range holds
// no whole 2 MB block; the contents are never changed.
void advise_huge_pages(void* p, std::size_t n) noexcept;

// `bytes` of zero-filled memory from an anonymous mapping, 2 MiB aligned and advised
// MADV_HUGEPAGE, so the first touch faults one transparent huge page instead of 512 small ones
// (where the kernel allows it and huge_pages_enabled(); otherwise ordinary pages). Used for one
// mapping that holds many panel columns. When the last copy of the returned pointer goes, the block
// is kept for a later call (up to 256 MiB of freed blocks per process; beyond that it is unmapped):
// a later block that fits in it reuses its pages, zeroed with memset, instead of faulting fresh
// ones (the kernel's zeroing of fresh pages is the costliest part of the 10,000-firm-event
// benchmark run). Thread-safe. Null for 0 bytes. Throws std::bad_alloc when the mapping fails.
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
