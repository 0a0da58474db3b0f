#include <aftershock/util/parallel_for.hpp>

#include <algorithm>
#include <exception>
#include <system_error>
#include <thread>
#include <vector>

namespace aftershock::util {

std::size_t default_thread_count() noexcept {
  return std::max<std::size_t>(1, std::thread::hardware_concurrency());
}

void parallel_for(std::size_t n, std::size_t threads,
                  const std::function<void(std::size_t begin, std::size_t end)>& body) {
  if (threads == 0)
    threads = default_thread_count();
  threads = std::min(threads, n);
  if (threads <= 1) {
    if (n > 0)
      body(0, n);
    return;
  }
  // Chunk c covers [c n / threads, (c + 1) n / threads).
  const auto bound = [n, threads](std::size_t c) { return c * n / threads; };
  std::vector<std::exception_ptr> errors(threads);
  const auto run_chunk = [&](std::size_t c) {
    try {
      body(bound(c), bound(c + 1));
    } catch (...) {
      errors[c] = std::current_exception();
    }
  };
  std::vector<std::thread> workers;
  workers.reserve(threads - 1);
  for (std::size_t c = 1; c < threads; ++c) {
    try {
      workers.emplace_back(run_chunk, c);
    } catch (const std::system_error&) {
      run_chunk(c); // no thread available: run this chunk here
    }
  }
  run_chunk(0);
  for (auto& w : workers)
    w.join();
  for (const auto& e : errors)
    if (e)
      std::rethrow_exception(e);
}

} // namespace aftershock::util
