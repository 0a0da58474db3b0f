// Ranking the AR panel once per firm, with one reusable buffer per thread.
#include <aftershock/stats/panel_ranks.hpp>
#include <aftershock/util/parallel_for.hpp>

#include <cmath>
#include <limits>

#include "ranking.hpp"

namespace aftershock::stats {

PanelRanks rank_panel(const ArPanel& panel, std::size_t threads) {
  PanelRanks out;
  out.n_days = panel.n_days;
  out.n_firms = panel.n_firms;
  out.k.assign(panel.n_days * panel.n_firms, std::numeric_limits<double>::quiet_NaN());
  out.m.assign(panel.n_firms, 0);
  util::parallel_for(panel.n_firms, threads, [&](std::size_t begin, std::size_t end) {
    std::vector<double> column(panel.n_days);
    std::vector<double> ranks(panel.n_days);
    detail::RankScratch scratch;
    scratch.reserve(panel.n_days);
    for (std::size_t i = begin; i < end; ++i) {
      for (std::size_t t = 0; t < panel.n_days; ++t)
        column[t] = panel.at(t, i);
      out.m[i] = detail::average_ranks_into(column, scratch, ranks);
      for (std::size_t t = 0; t < panel.n_days; ++t)
        out.k[t * panel.n_firms + i] = ranks[t];
    }
  });
  return out;
}

PanelRanks restrict_ranks(const ArPanel& panel, const PanelRanks& ranks,
                          std::span<const std::size_t> rows, std::size_t threads) {
  PanelRanks out;
  out.n_days = rows.size();
  out.n_firms = panel.n_firms;
  out.k.assign(out.n_days * out.n_firms, std::numeric_limits<double>::quiet_NaN());
  out.m.assign(panel.n_firms, 0);
  std::vector<std::size_t> removed; // rows of the panel not in `rows`
  for (std::size_t t = 0, r = 0; t < panel.n_days; ++t) {
    if (r < rows.size() && rows[r] == t)
      ++r;
    else
      removed.push_back(t);
  }
  util::parallel_for(panel.n_firms, threads, [&](std::size_t begin, std::size_t end) {
    std::vector<double> gone; // the firm's non-missing removed values
    for (std::size_t i = begin; i < end; ++i) {
      gone.clear();
      for (const std::size_t t : removed)
        if (const double v = panel.at(t, i); !std::isnan(v))
          gone.push_back(v);
      out.m[i] = ranks.m[i] - gone.size();
      for (std::size_t r = 0; r < rows.size(); ++r) {
        const double v = panel.at(rows[r], i);
        if (std::isnan(v))
          continue;
        // 2 x average rank = start + 1 + end of the value's tie block in the sorted column
        // (ranking.hpp); each removed smaller value moves start and end down by one, each
        // removed tie moves end down by one.
        auto twice = static_cast<long long>(2.0 * ranks.at(rows[r], i));
        for (const double g : gone)
          twice -= g < v ? 2 : (g == v ? 1 : 0);
        out.k[r * out.n_firms + i] = static_cast<double>(twice) / 2.0;
      }
    }
  });
  return out;
}

} // namespace aftershock::stats
