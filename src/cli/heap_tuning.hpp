#pragma once
// Heap tuning of the process (issue 6). glibc's malloc can back its heap with transparent huge
// pages (the tunable glibc.malloc.hugetlb=1, glibc >= 2.35; "Memory Allocation Tunables" in the
// glibc manual). On a system whose THP mode is "madvise" (Debian's default) that removes about
// half of the page-fault time of a large batch (100,000 firm-events: ~0.7 s of ~5 s on the
// benchmark VM). Tunables are read only at start-up, so `study` re-executes itself once with the
// tunable added to GLIBC_TUNABLES. The re-exec costs a second process start (~6-8 ms CPU) and
// huge pages cost 2 MB of zeroing each, so a small study (the bundled DeepSeek data: 0.6 MB)
// runs as it is: only a study whose inputs reach k_huge_pages_min_input is re-executed. Nor is
// one on a machine where fresh huge pages cost more than small ones (util::HugePages).

#include <aftershock/util/huge_pages.hpp>

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace aftershock::cli {

// The tunables `study` sets (glibc manual, "Memory Allocation Tunables"):
// - glibc.malloc.hugetlb=1: malloc advises transparent huge pages for its heap (madvise).
// - glibc.malloc.top_pad=64 MiB: each time the heap grows, it grows by this much more than the
//   request (the default is 128 KiB), and a trim keeps this much. The 10,000-firm-event
//   side-by-side run grows its heap in thousands of small steps otherwise, each step faulting
//   fresh 4 KiB pages: 5,900-6,700 page faults per run against 1,200-1,800 with the pad, and
//   about 60 ms less wall time (median of 15 interleaved runs on the benchmark VM, where a
//   fault on fresh memory costs ~10 us). Untouched padding is address space only.
// - glibc.malloc.mmap_threshold=32 MiB: setting top_pad turns off malloc's dynamic mmap
//   threshold, which would leave every block of 128 KiB or more to a fresh mmap (fresh pages
//   each time); with 32 MiB, blocks up to that size come from the heap and are reused after
//   free, as the dynamic threshold did. 100,000-firm-event JSON run: 3.44 s against 4.17 s
//   with the pad alone and 4.00 s with neither (medians of 4 interleaved runs).
struct HeapTunable {
  std::string_view name;
  std::string_view value;
};
inline constexpr std::array<HeapTunable, 3> k_heap_tunables{
    {{"glibc.malloc.hugetlb", "1"},
     {"glibc.malloc.top_pad", "67108864"},
     {"glibc.malloc.mmap_threshold", "33554432"}}};

// GLIBC_TUNABLES with each of k_heap_tunables that `current` (':'-separated name=value items)
// does not name appended, in that order; nullopt when `current` names them all (the user's
// values stand).
std::optional<std::string> with_heap_tunables(std::string_view current);

// Inputs from which a study's heap is large enough for huge pages to pay for the re-exec. Measured
// on the benchmark VM (Release): the bundled data (0.6 MB) runs 8 ms CPU faster without the
// re-exec; a one-event study over a 54 MB long CSV runs ~200 ms CPU faster with huge pages.
inline constexpr std::uintmax_t k_huge_pages_min_input = std::uintmax_t{4} << 20;

// The bytes of the input files a `study` command line names (`args`: the arguments after
// "study"): every --data and --events path (`--opt VALUE` or `--opt=VALUE`); a folder counts its
// files and those of its prices/ subfolder; without --data, the default folder data/. Paths
// that do not exist count 0 (the study reports them). An estimate of the heap the study needs.
std::uintmax_t study_input_bytes(std::span<const std::string_view> args);

// The --data and --events arguments a study takes from its configuration file (the file the
// command line names, config_file_path): for each of the two options that `args` (the arguments
// after "study") does not give, the file's values from its [study] section and from before the
// first section, as {"--data", VALUE, ...}. None when there is no file or it cannot be read or
// parsed (the study itself reports that). `getenv` reads the environment.
std::vector<std::string>
config_study_inputs(std::span<const std::string> args,
                    const std::function<std::string(std::string_view)>& getenv);

// The huge-page choice that AFTERSHOCK_HEAP_HUGE_PAGES (`value`, null when unset) asks for:
// "0" off, "1" on, anything else automatic (util::HugePages).
util::HugePages huge_pages_setting(const char* value);

// Re-executes the running binary (/proc/self/exe) with the same arguments and the GLIBC_TUNABLES
// of with_heap_tunables, at most once (AFTERSHOCK_HEAP_TUNED marks the second process).
// Returns, and the process runs as it is, when: the inputs named by argv[2...] and by the
// configuration file (config_study_inputs) are smaller than
// k_huge_pages_min_input (study_input_bytes; AFTERSHOCK_HEAP_HUGE_PAGES=1 re-executes whatever
// the size), not Linux with glibc >= 2.35, built with a
// sanitizer (its allocator replaces malloc), util::huge_pages_enabled() is false
// (AFTERSHOCK_HEAP_HUGE_PAGES=0, or automatic on a machine that reports free pages to its host),
// the tunables are already set, or the exec fails. Call before anything is written or any thread is
// started.
void tune_heap(char** argv);

} // namespace aftershock::cli
