// Ranking the AR panel once per firm, with one reusable buffer per thread.
#include <aftershock/stats/panel_ranks.hpp>
#include <aftershock/util/parallel_for.hpp>

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

} // namespace aftershock::stats
