// Ranking the AR panel once per firm, with one reusable buffer per thread.
#include <aftershock/stats/panel_ranks.hpp>
#include <aftershock/util/huge_pages.hpp>
#include <aftershock/util/parallel_for.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

#include "ranking.hpp"

namespace aftershock::stats {

namespace {

constexpr float k_nan_float = std::numeric_limits<float>::quiet_NaN();

// PanelRanks::order holds row indices as 16-bit integers.
constexpr std::size_t k_max_ordered_days = 65536;

// An unsigned key with the order of the doubles (IEEE 754 total order; -0 sorts just below +0
// and no other double lies between them, so equal values stay adjacent).
std::uint64_t order_key(double v) noexcept {
  const auto bits = std::bit_cast<std::uint64_t>(v);
  return (bits >> 63) != 0 ? ~bits : bits | (std::uint64_t{1} << 63);
}

// Keys and their rows, sorted together by radix_sort (buffers reused across firms).
struct RadixScratch {
  std::vector<std::uint64_t> keys;
  std::vector<std::uint16_t> rows;
  std::vector<std::uint64_t> keys_tmp;
  std::vector<std::uint16_t> rows_tmp;
};

// Sorts s.keys ascending, moving s.rows along: least-significant-digit radix sort with 8-bit
// digits, skipping the digits all keys share (a firm's ARs mostly share sign and exponent
// bytes). For the ~250 values of a firm this is several times cheaper than a comparison sort.
void radix_sort(RadixScratch& s) {
  const std::size_t n = s.keys.size();
  if (n < 2)
    return;
  std::array<std::array<std::uint32_t, 256>, 8> count{};
  for (const std::uint64_t key : s.keys)
    for (std::size_t d = 0; d < 8; ++d)
      ++count[d][(key >> (8 * d)) & 0xFFU];
  s.keys_tmp.resize(n);
  s.rows_tmp.resize(n);
  for (std::size_t d = 0; d < 8; ++d) {
    auto& c = count[d];
    if (c[(s.keys[0] >> (8 * d)) & 0xFFU] == n)
      continue; // every key has this digit
    std::uint32_t sum = 0;
    for (auto& slot : c) {
      const std::uint32_t here = slot;
      slot = sum;
      sum += here;
    }
    for (std::size_t j = 0; j < n; ++j) {
      const std::uint32_t to = c[(s.keys[j] >> (8 * d)) & 0xFFU]++;
      s.keys_tmp[to] = s.keys[j];
      s.rows_tmp[to] = s.rows[j];
    }
    s.keys.swap(s.keys_tmp);
    s.rows.swap(s.rows_tmp);
  }
}

// Firms are gathered and scattered in blocks of this many adjacent columns, so each row access
// reads or writes whole cache lines instead of one value per line (the panel is row-major).
constexpr std::size_t k_block = 16;

} // namespace

PanelRanks rank_panel(const ArPanel& panel, std::size_t threads) {
  PanelRanks out;
  out.n_days = panel.n_days;
  out.n_firms = panel.n_firms;
  out.k.reserve(panel.n_days * panel.n_firms);
  util::advise_huge_pages(out.k.data(), out.k.capacity() * sizeof(float));
  out.k.resize(panel.n_days * panel.n_firms); // every entry is written below
  out.m.assign(panel.n_firms, 0);
  out.layout = panel.layout;
  if (panel.layout == PanelLayout::firms_by_days && panel.n_days <= k_max_ordered_days) {
    // Each firm's values and ranks are contiguous: no gather or scatter. The sorted rows are
    // kept (PanelRanks::order).
    out.order.reserve(panel.n_days * panel.n_firms);
    util::advise_huge_pages(out.order.data(), out.order.capacity() * sizeof(std::uint16_t));
    out.order.resize(panel.n_days * panel.n_firms);
    util::parallel_for(panel.n_firms, threads, [&](std::size_t begin, std::size_t end) {
      RadixScratch scratch;
      for (std::size_t i = begin; i < end; ++i) {
        const std::span<const double> x = panel.firm_values(i);
        float* k = out.k.data() + i * panel.n_days;
        std::uint16_t* order = out.order.data() + i * panel.n_days;
        scratch.keys.clear();
        scratch.rows.clear();
        for (std::size_t t = 0; t < x.size(); ++t) {
          k[t] = k_nan_float;
          if (!std::isnan(x[t])) {
            scratch.keys.push_back(order_key(x[t]));
            scratch.rows.push_back(static_cast<std::uint16_t>(t));
          }
        }
        radix_sort(scratch);
        // Average ranks as detail::average_ranks_into: a tie block of equal values (adjacent
        // in the sorted order, -0 and +0 included) at positions start..stop-1 has average rank
        // (start + 1 + stop) / 2, whatever the order inside the block.
        const std::vector<std::uint16_t>& sorted = scratch.rows;
        const std::size_t n = sorted.size();
        detail::for_each_tie_block(
            n, [&](std::size_t a, std::size_t b) { return x[sorted[b]] == x[sorted[a]]; },
            [&](std::size_t start, std::size_t stop) {
              const auto rank = static_cast<float>(detail::average_rank(start, stop));
              for (std::size_t j = start; j < stop; ++j) {
                k[sorted[j]] = rank;
                order[j] = sorted[j];
              }
            });
        out.m[i] = n;
      }
    });
    return out;
  }
  const std::size_t n_blocks = (panel.n_firms + k_block - 1) / k_block;
  util::parallel_for(n_blocks, threads, [&](std::size_t begin, std::size_t end) {
    std::vector<double> columns(k_block * panel.n_days); // firm-major block
    std::vector<double> ranks(k_block * panel.n_days);
    detail::RankScratch scratch;
    scratch.reserve(panel.n_days);
    for (std::size_t b = begin; b < end; ++b) {
      const std::size_t first = b * k_block;
      const std::size_t width = std::min(k_block, panel.n_firms - first);
      for (std::size_t t = 0; t < panel.n_days; ++t)
        for (std::size_t c = 0; c < width; ++c)
          columns[c * panel.n_days + t] = panel.at(t, first + c);
      for (std::size_t c = 0; c < width; ++c)
        out.m[first + c] = detail::average_ranks_into(
            std::span<const double>(columns).subspan(c * panel.n_days, panel.n_days), scratch,
            std::span<double>(ranks).subspan(c * panel.n_days, panel.n_days));
      for (std::size_t t = 0; t < panel.n_days; ++t)
        for (std::size_t c = 0; c < width; ++c)
          out.k[t * panel.n_firms + first + c] = static_cast<float>(ranks[c * panel.n_days + t]);
    }
  });
  return out;
}

PanelRanks restrict_ranks(const ArPanel& panel, const PanelRanks& ranks,
                          std::span<const std::size_t> rows, std::size_t threads) {
  PanelRanks out;
  out.n_days = rows.size();
  out.n_firms = panel.n_firms;
  out.k.resize(out.n_days * out.n_firms); // every entry is written below
  out.m.assign(panel.n_firms, 0);
  const std::vector<std::size_t> removed = detail::complement_rows(rows, panel.n_days);
  // Each firm's non-missing removed values (firm-major, removed.size() slots per firm).
  const std::size_t slots = removed.size();
  std::vector<double> gone(panel.n_firms * slots);
  std::vector<std::size_t> n_gone(panel.n_firms, 0);
  util::parallel_for(panel.n_firms, threads, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      for (const std::size_t t : removed)
        if (const double v = panel.at(t, i); !std::isnan(v))
          gone[i * slots + n_gone[i]++] = v;
      out.m[i] = ranks.m[i] - n_gone[i];
    }
  });
  // Row by row (contiguous reads and writes), each row owned by one thread.
  util::parallel_for(rows.size(), threads, [&](std::size_t begin, std::size_t end) {
    for (std::size_t r = begin; r < end; ++r) {
      float* target = out.k.data() + r * out.n_firms;
      for (std::size_t i = 0; i < panel.n_firms; ++i) {
        const double v = panel.at(rows[r], i);
        if (std::isnan(v)) {
          target[i] = k_nan_float;
          continue;
        }
        // 2 x average rank = start + 1 + end of the value's tie block in the sorted column
        // (ranking.hpp); each removed smaller value moves start and end down by one, each
        // removed tie moves end down by one.
        auto twice = static_cast<long long>(2.0 * ranks.at(rows[r], i));
        const double* g = gone.data() + i * slots;
        for (std::size_t s = 0; s < n_gone[i]; ++s)
          twice -= g[s] < v ? 2 : (g[s] == v ? 1 : 0);
        target[i] = static_cast<float>(static_cast<double>(twice) / 2.0);
      }
    }
  });
  return out;
}

} // namespace aftershock::stats
