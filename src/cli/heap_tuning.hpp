#pragma once
// Heap tuning of the process (issue 6). glibc's malloc can back its heap with transparent huge
// pages (the tunable glibc.malloc.hugetlb=1, glibc >= 2.35; "Memory Allocation Tunables" in the
// glibc manual). On a system whose THP mode is "madvise" (Debian's default) that removes about
// half of the page-fault time of a large batch (100,000 firm-events: ~0.7 s of ~5 s on the
// benchmark VM). Tunables are read only at start-up, so `study` re-executes itself once with the
// tunable added to GLIBC_TUNABLES. The re-exec costs a second process start (~6-8 ms CPU) and
// huge pages cost 2 MB of zeroing each, so a small study (the bundled DeepSeek data: 0.6 MB)
// runs as it is: only a study whose inputs reach k_huge_pages_min_input is re-executed.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace aftershock::cli {

// GLIBC_TUNABLES with glibc.malloc.hugetlb=1 appended to `current` (':'-separated), or nullopt
// when `current` already sets glibc.malloc.hugetlb (the user's value stands).
std::optional<std::string> with_heap_huge_pages(std::string_view current);

// Inputs from which a study's heap is large enough for huge pages to pay for the re-exec. Measured
// on the benchmark VM (Release): the bundled data (0.6 MB) runs 8 ms CPU faster without the
// re-exec; a one-event study over a 54 MB long CSV runs ~200 ms CPU faster with huge pages.
inline constexpr std::uintmax_t k_huge_pages_min_input = std::uintmax_t{4} << 20;

// The bytes of the input files a `study` command line names (`args`: the arguments after
// "study"): every --data and --events path (`--opt VALUE` or `--opt=VALUE`); a folder counts its
// files and those of its prices/ subfolder; without --data, the default folder data/. Paths
// that do not exist count 0 (the study reports them). An estimate of the heap the study needs.
std::uintmax_t study_input_bytes(std::span<const std::string_view> args);

// Re-executes the running binary (/proc/self/exe) with the same arguments and the GLIBC_TUNABLES
// of with_heap_huge_pages, at most once (AFTERSHOCK_HEAP_TUNED marks the second process).
// Returns, and the process runs as it is, when: the inputs named by argv[2...] are smaller than
// k_huge_pages_min_input (study_input_bytes; AFTERSHOCK_HEAP_HUGE_PAGES=1 re-executes whatever
// the size), not Linux with glibc >= 2.35, built with a
// sanitizer (its allocator replaces malloc), AFTERSHOCK_HEAP_HUGE_PAGES=0, the tunable is
// already set, or the exec fails. Call before anything is written or any thread is started.
void tune_heap(char** argv);

} // namespace aftershock::cli
