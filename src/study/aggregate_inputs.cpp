#include "aggregate_inputs.hpp"

#include <aftershock/util/huge_pages.hpp>
#include <aftershock/util/parallel_for.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string_view>
#include <unordered_set>

namespace aftershock::study::detail {

namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

// The first row when the ok firm-events' residuals are consecutive PanelRows rows of `n_days`
// (n_est residuals, then the event ARs) in one block: the panel as it is. Else nullptr.
const double* panel_in_rows(const std::vector<const FirmComputation*>& ok, std::size_t n_est,
                            std::size_t n_days) {
  if (ok.empty() || n_est == 0)
    return nullptr;
  const double* first = ok.front()->residuals.data();
  const void* block = ok.front()->residuals.owner();
  for (std::size_t i = 0; i < ok.size(); ++i) {
    const auto& r = ok[i]->residuals;
    if (r.owner() != block || r.size() != n_est || r.row_tail() != n_days - n_est ||
        r.data() != first + i * n_days)
      return nullptr;
  }
  return first;
}

} // namespace

OwnedPanel make_panel(const std::vector<const FirmComputation*>& ok, std::size_t n_est,
                      const events::Window& event_window, std::size_t threads) {
  OwnedPanel p;
  p.n_firms = ok.size();
  p.n_days = n_est + static_cast<std::size_t>(event_window.length());
  for (std::size_t r = n_est; r < p.n_days; ++r)
    p.event_rows.push_back(r);
  if (const double* rows = panel_in_rows(ok, n_est, p.n_days)) {
    p.values = ok.front()->residuals.share(rows);
    return p;
  }
  std::shared_ptr<double[]> owned(new double[p.n_days * p.n_firms]);
  double* values = owned.get();
  p.values = std::shared_ptr<const double>(owned, values);
  util::advise_huge_pages(values, p.n_days * p.n_firms * sizeof(double));
  util::parallel_for(p.n_firms, threads, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      double* row = values + i * p.n_days;
      const auto& residuals = ok[i]->residuals;
      std::copy(residuals.begin(), residuals.begin() + static_cast<std::ptrdiff_t>(n_est), row);
      const auto& days = ok[i]->result.days;
      for (std::size_t j = 0; j + n_est < p.n_days; ++j)
        row[n_est + j] = days[j].abnormal_return;
    }
  });
  return p;
}

// input of the bootstrap and the portfolio dollar inference).
std::vector<double> day_major_residuals(const std::vector<const FirmComputation*>& ok,
                                        std::span<const std::size_t> firms, std::size_t n_est) {
  std::vector<double> out(n_est * firms.size());
  for (std::size_t k = 0; k < firms.size(); ++k)
    for (std::size_t d = 0; d < n_est; ++d)
      out[d * firms.size() + k] = ok[firms[k]]->residuals[d];
  return out;
}

EventTimeMarket event_time_market(const std::vector<const FirmComputation*>& ok, std::size_t n_est,
                                  int n_days) {
  const auto days = static_cast<std::size_t>(n_days);
  EventTimeMarket m;
  m.estimation.assign(n_est, k_nan);
  m.event.assign(days, k_nan);
  m.dates.assign(days, calendar::Date{});
  m.mixed_dates.assign(days, false);
  std::vector<const FirmComputation*> keys;  // first firm-event of each distinct market key
  std::unordered_set<std::string_view> seen; // (a hash set: K keys over N firm-events was O(N K))
  for (const auto* f : ok)
    if (seen.insert(f->market_key).second)
      keys.push_back(f);
  const auto average = [&](auto value) {
    if (keys.size() == 1)
      return value(*keys.front());
    double sum = 0.0;
    int n = 0;
    for (const auto* k : keys)
      if (const double v = value(*k); std::isfinite(v)) {
        sum += v;
        ++n;
      }
    return n == 0 ? k_nan : sum / static_cast<double>(n);
  };
  for (std::size_t d = 0; d < n_est; ++d)
    m.estimation[d] = average([&](const FirmComputation& f) { return f.estimation_market[d]; });
  for (std::size_t j = 0; j < days; ++j) {
    m.event[j] = average([&](const FirmComputation& f) { return f.result.days[j].market_return; });
    if (!ok.empty())
      m.dates[j] = ok.front()->result.days[j].date.value_or(calendar::Date{});
    for (const auto* f : ok) // a firm-event without a date on this day makes it "mixed" too
      m.mixed_dates[j] = m.mixed_dates[j] || f->result.days[j].date != m.dates[j];
  }
  return m;
}

} // namespace aftershock::study::detail
