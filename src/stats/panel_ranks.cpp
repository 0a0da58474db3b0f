// Ranking the AR panel once per firm, with one reusable buffer per thread.
#include <aftershock/stats/panel_ranks.hpp>
#include <aftershock/util/huge_pages.hpp>
#include <aftershock/util/parallel_for.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

#include "ranking.hpp"

namespace aftershock::stats {

namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

// Firms are gathered and scattered in blocks of this many adjacent columns, so each row access
// reads or writes whole cache lines instead of one value per line (the panel is row-major).
constexpr std::size_t k_block = 16;

} // namespace

PanelRanks rank_panel(const ArPanel& panel, std::size_t threads) {
  PanelRanks out;
  out.n_days = panel.n_days;
  out.n_firms = panel.n_firms;
  out.k.reserve(panel.n_days * panel.n_firms);
  util::advise_huge_pages(out.k.data(), out.k.capacity() * sizeof(double));
  out.k.resize(panel.n_days * panel.n_firms); // every entry is written below
  out.m.assign(panel.n_firms, 0);
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
          out.k[t * panel.n_firms + first + c] = ranks[c * panel.n_days + t];
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
      const double* values = panel.values.data() + rows[r] * panel.n_firms;
      const double* k = ranks.k.data() + rows[r] * panel.n_firms;
      double* target = out.k.data() + r * out.n_firms;
      for (std::size_t i = 0; i < panel.n_firms; ++i) {
        const double v = values[i];
        if (std::isnan(v)) {
          target[i] = k_nan;
          continue;
        }
        // 2 x average rank = start + 1 + end of the value's tie block in the sorted column
        // (ranking.hpp); each removed smaller value moves start and end down by one, each
        // removed tie moves end down by one.
        auto twice = static_cast<long long>(2.0 * k[i]);
        const double* g = gone.data() + i * slots;
        for (std::size_t s = 0; s < n_gone[i]; ++s)
          twice -= g[s] < v ? 2 : (g[s] == v ? 1 : 0);
        target[i] = static_cast<double>(twice) / 2.0;
      }
    }
  });
  return out;
}

} // namespace aftershock::stats
