#pragma once
// Transparent huge pages for large, freshly allocated work arrays (issue 6: page faults).

#include <cstddef>

namespace aftershock::util {

// Asks the kernel to back the whole 2 MB blocks inside [p, p + n) with transparent huge pages
// (madvise MADV_HUGEPAGE) when they are first touched, so filling a 200 MB matrix takes about a
// hundred page faults instead of fifty thousand. Call it on anonymous memory before writing it.
// A hint only: no effect when THP is disabled or the range holds no whole 2 MB block; the
// contents are never changed.
void advise_huge_pages(void* p, std::size_t n) noexcept;

} // namespace aftershock::util
