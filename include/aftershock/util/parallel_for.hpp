#pragma once
// Deterministic data-parallel loops: [0, n) is split into contiguous chunks, one per thread, and
// every index is processed exactly once by the body. Results are identical for any thread
// count as long as the body writes only to slots owned by its indices (no shared reductions).

#include <cstddef>
#include <functional>

namespace aftershock::util {

// The number of threads to use when the user gave none: std::thread::hardware_concurrency(),
// at least 1.
std::size_t default_thread_count() noexcept;

// Calls body(begin, end) on `threads` (>= 1; 0 means default_thread_count()) contiguous chunks
// that cover [0, n), each on its own std::thread (the first chunk on the calling thread); runs
// inline when threads == 1 or n < 2. Waits for all chunks. If bodies throw, the exception of
// the lowest chunk is rethrown after every chunk has finished (the same one whatever the timing).
void parallel_for(std::size_t n, std::size_t threads,
                  const std::function<void(std::size_t begin, std::size_t end)>& body);

} // namespace aftershock::util
