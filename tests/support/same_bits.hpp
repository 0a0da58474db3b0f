#pragma once
// Bit-for-bit comparison of double columns: the check of the tests that require a fast path or
// a cache to give exactly the numbers of the general path (NaN payloads and -0.0 included).

#include <bit>
#include <cstdint>
#include <span>

namespace aftershock::test {

// True when `a` and `b` have the same size and every element the same bit pattern.
inline bool same_bits(std::span<const double> a, std::span<const double> b) {
  if (a.size() != b.size())
    return false;
  for (std::size_t k = 0; k < a.size(); ++k)
    if (std::bit_cast<std::uint64_t>(a[k]) != std::bit_cast<std::uint64_t>(b[k]))
      return false;
  return true;
}

// True when `a` and `b` have the same bit pattern, or are both NaN (any payload): the
// comparison of two computations of one statistic that may return either NaN.
inline bool same_bits_or_nan(double a, double b) {
  return (a != a && b != b) || std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

} // namespace aftershock::test
