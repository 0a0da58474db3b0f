#include "heap_tuning.hpp"

#include <algorithm>
#include <cstdlib>
#include <string>
#include <string_view>
#include <unistd.h>

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer) ||                         \
    __has_feature(thread_sanitizer)
#define AFTERSHOCK_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define AFTERSHOCK_SANITIZED 1
#endif

namespace aftershock::cli {

namespace {

constexpr std::string_view k_tunable = "glibc.malloc.hugetlb";

} // namespace

std::optional<std::string> with_heap_huge_pages(std::string_view current) {
  // GLIBC_TUNABLES is name=value[:name=value...] (glibc manual, "Tunables").
  std::size_t start = 0;
  while (start <= current.size()) {
    const std::size_t end = std::min(current.find(':', start), current.size());
    const std::string_view item = current.substr(start, end - start);
    if (item.substr(0, item.find('=')) == k_tunable)
      return std::nullopt;
    start = end + 1;
  }
  std::string tuned(current);
  if (!tuned.empty())
    tuned += ':';
  tuned += k_tunable;
  tuned += "=1";
  return tuned;
}

void tune_heap(char** argv) {
#if defined(__linux__) && defined(__GLIBC__) && !defined(AFTERSHOCK_SANITIZED) &&                  \
    (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 35))
  constexpr const char* k_marker = "AFTERSHOCK_HEAP_TUNED";
  if (std::getenv(k_marker) != nullptr)
    return;
  if (const char* off = std::getenv("AFTERSHOCK_HEAP_HUGE_PAGES");
      off != nullptr && std::string_view(off) == "0")
    return;
  const char* found = std::getenv("GLIBC_TUNABLES");
  const std::optional<std::string> current =
      found == nullptr ? std::nullopt : std::optional<std::string>(found);
  const auto tuned = with_heap_huge_pages(current.value_or(""));
  if (!tuned)
    return;
  if (::setenv(k_marker, "1", 1) != 0 || ::setenv("GLIBC_TUNABLES", tuned->c_str(), 1) != 0)
    return;
  ::execv("/proc/self/exe", argv);
  // The exec failed (no /proc, say): run untuned, with the environment as it was.
  if (current)
    ::setenv("GLIBC_TUNABLES", current->c_str(), 1);
  else
    ::unsetenv("GLIBC_TUNABLES");
  ::unsetenv(k_marker);
#else
  static_cast<void>(argv);
#endif
}

} // namespace aftershock::cli
