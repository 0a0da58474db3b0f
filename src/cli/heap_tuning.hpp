#pragma once
// Heap tuning of the process (issue 6). glibc's malloc can back its heap with transparent huge
// pages (the tunable glibc.malloc.hugetlb=1, glibc >= 2.35; "Memory Allocation Tunables" in the
// glibc manual). On a system whose THP mode is "madvise" (Debian's default) that removes about
// half of the page-fault time of a large batch (100,000 firm-events: ~0.7 s of ~5 s on the
// benchmark VM). Tunables are read only at start-up, so `study` re-executes itself once with the
// tunable added to GLIBC_TUNABLES.

#include <optional>
#include <string>
#include <string_view>

namespace aftershock::cli {

// GLIBC_TUNABLES with glibc.malloc.hugetlb=1 appended to `current` (':'-separated), or nullopt
// when `current` already sets glibc.malloc.hugetlb (the user's value stands).
std::optional<std::string> with_heap_huge_pages(std::string_view current);

// Re-executes the running binary (/proc/self/exe) with the same arguments and the GLIBC_TUNABLES
// of with_heap_huge_pages, at most once (AFTERSHOCK_HEAP_TUNED marks the second process).
// Returns, and the process runs as it is, when: not Linux with glibc >= 2.35, built with a
// sanitizer (its allocator replaces malloc), AFTERSHOCK_HEAP_HUGE_PAGES=0, the tunable is
// already set, or the exec fails. Call before anything is written or any thread is started.
void tune_heap(char** argv);

} // namespace aftershock::cli
