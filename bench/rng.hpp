#pragma once
// The harness's seeded random numbers: the integer stream is identical everywhere, and normals
// depend only on the C library's log/sin/cos (no std::*_distribution, whose output is
// implementation-defined), so generated universes are byte-for-byte reproducible.

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numbers>

namespace aftershock::bench {

// xoshiro256** 1.0 (Blackman & Vigna 2018, https://prng.di.unimi.it/xoshiro256starstar.c), seeded
// through splitmix64 as its authors recommend.
class Rng {
public:
  explicit Rng(std::uint64_t seed) noexcept {
    for (auto& word : m_state) {
      seed += 0x9e3779b97f4a7c15ULL;
      std::uint64_t z = seed;
      z = (z ^ (z >> 30U)) * 0xbf58476d1ce4e5b9ULL;
      z = (z ^ (z >> 27U)) * 0x94d049bb133111ebULL;
      word = z ^ (z >> 31U);
    }
  }

  std::uint64_t next() noexcept {
    const std::uint64_t result = rotl(m_state[1] * 5U, 7) * 9U;
    const std::uint64_t t = m_state[1] << 17U;
    m_state[2] ^= m_state[0];
    m_state[3] ^= m_state[1];
    m_state[1] ^= m_state[2];
    m_state[0] ^= m_state[3];
    m_state[2] ^= t;
    m_state[3] = rotl(m_state[3], 45);
    return result;
  }

  // Uniform on [0, 1) with 53 random bits.
  double uniform() noexcept { return static_cast<double>(next() >> 11U) * 0x1.0p-53; }

  // Uniform on [lo, hi).
  double uniform(double lo, double hi) noexcept { return lo + (hi - lo) * uniform(); }

  // Uniform integer in [0, n) (0 < n < 2^53), from one uniform() draw.
  std::size_t below(std::size_t n) noexcept {
    const auto k = static_cast<std::size_t>(uniform() * static_cast<double>(n));
    return k < n ? k : n - 1;
  }

  // N(0, 1) by the Box-Muller transform (Box & Muller 1958, Ann. Math. Statist. 29, eq. 1).
  double normal() noexcept {
    if (m_has_spare) {
      m_has_spare = false;
      return m_spare;
    }
    const double u1 = 1.0 - uniform(); // (0, 1]
    const double u2 = uniform();
    const double radius = std::sqrt(-2.0 * std::log(u1));
    const double angle = 2.0 * std::numbers::pi * u2;
    m_spare = radius * std::sin(angle);
    m_has_spare = true;
    return radius * std::cos(angle);
  }

private:
  static std::uint64_t rotl(std::uint64_t x, int k) noexcept {
    return (x << static_cast<unsigned>(k)) | (x >> static_cast<unsigned>(64 - k));
  }
  std::array<std::uint64_t, 4> m_state{};
  double m_spare = 0.0;
  bool m_has_spare = false;
};

} // namespace aftershock::bench
