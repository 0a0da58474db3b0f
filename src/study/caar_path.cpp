#include <aftershock/stats/mean_interval.hpp>
#include <aftershock/study/caar_path.hpp>

#include <cmath>
#include <limits>
#include <vector>

namespace aftershock::study {

namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

// CAR_i(first..t) = sum_{tau = first..t} AR_i,tau (Campbell, Lo & MacKinlay 1997, s.4.4, with
// tau_1 = the window's first day); days without an AR are left out, as in the CAR rows of
// firm_study.cpp.
std::vector<double> car_path(const std::vector<DayRow>& days) {
  std::vector<double> path;
  path.reserve(days.size());
  double sum = 0.0;
  bool any = false;
  for (const auto& day : days) {
    if (std::isfinite(day.abnormal_return)) {
      sum += day.abnormal_return;
      any = true;
    }
    path.push_back(any ? sum : k_nan);
  }
  return path;
}

// CAAR(t) = (1/N) sum_i CAR_i(t), band from the cross-section of the CAR_i(t): the
// cross-sectional t of design/methods.md T1 (sqrt(N) CAAR / sd_i(CAR_i), t(N - 1)), as the
// window CAAR interval of aggregate.cpp and the "classic" interval of xKDR eventstudies
// (R t.test). Robust to event-induced variance; assumes independent firms. `cars[j]` holds the
// CAR_i(t_j) of the ok firms with a value, in firm order.
void fill_caar_path(Aggregate& aggregate, const std::vector<std::vector<double>>& cars) {
  aggregate.caar_path.clear();
  for (std::size_t j = 0; j < aggregate.days.size(); ++j) {
    const auto interval = stats::t_mean_interval(cars[j]);
    CaarPathPoint point;
    point.offset = aggregate.days[j].offset;
    if (!aggregate.days[j].mixed_dates)
      point.date = aggregate.days[j].date;
    point.n = static_cast<int>(cars[j].size());
    point.caar = interval.mean;
    point.ci_low = interval.low;
    point.ci_high = interval.high;
    aggregate.caar_path.push_back(point);
  }
}

// Appends the ok firm's CAR_i(t_j) with a value to cars[j].
void collect(const FirmResult& firm, const std::vector<double>& path,
             std::vector<std::vector<double>>& cars) {
  if (firm.status != FirmStatus::ok)
    return;
  for (std::size_t j = 0; j < cars.size() && j < path.size(); ++j)
    if (std::isfinite(path[j]))
      cars[j].push_back(path[j]);
}

} // namespace

void add_caar_paths(EventResult& event) {
  std::vector<std::vector<double>> cars(event.aggregate.days.size());
  for (auto& firm : event.firms) {
    firm.car_path = car_path(firm.days);
    collect(firm, firm.car_path, cars);
  }
  fill_caar_path(event.aggregate, cars);
}

void add_caar_path(Aggregate& aggregate, std::span<const FirmResult* const> firms) {
  std::vector<std::vector<double>> cars(aggregate.days.size());
  for (auto& day : cars)
    day.reserve(firms.size());
  for (const FirmResult* firm : firms)
    if (firm->status == FirmStatus::ok)
      collect(*firm, car_path(firm->days), cars);
  fill_caar_path(aggregate, cars);
}

} // namespace aftershock::study
