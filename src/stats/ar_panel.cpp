#include <aftershock/stats/ar_panel.hpp>

namespace aftershock::stats {

bool ArPanel::valid() const noexcept {
  if (values.size() != n_days * n_firms)
    return false;
  for (std::size_t k = 0; k < event_rows.size(); ++k) {
    if (event_rows[k] >= n_days)
      return false;
    if (k > 0 && event_rows[k] <= event_rows[k - 1])
      return false;
  }
  return true;
}

} // namespace aftershock::stats
