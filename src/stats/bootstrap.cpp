// Day-resampling bootstrap of the CAAR cross-sectional t (methods.md T17).
#include <aftershock/stats/bootstrap.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

namespace aftershock::stats {

namespace {
constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

// Nearest-rank percentile of sorted values (Hyndman & Fan 1996, definition 1).
double percentile(const std::vector<double>& sorted, double q) {
  const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(sorted.size())));
  return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}
} // namespace

BootstrapResult bootstrap_caar(std::span<const double> residuals, std::size_t n_days,
                               std::size_t n_firms, int window_length, double caar,
                               double t_observed, int replications, std::uint64_t seed) {
  BootstrapResult out{replications, seed, k_nan, k_nan, k_nan};
  if (replications < 1 || n_days == 0 || window_length < 1 || residuals.size() != n_days * n_firms)
    return out;
  std::mt19937_64 rng(seed);
  std::vector<double> caars;
  std::size_t extreme = 0;
  std::vector<double> car(n_firms);
  std::vector<int> count(n_firms);
  for (int b = 0; b < replications; ++b) {
    std::fill(car.begin(), car.end(), 0.0);
    std::fill(count.begin(), count.end(), 0);
    for (int l = 0; l < window_length; ++l) {
      const std::size_t d = static_cast<std::size_t>(rng() % n_days);
      for (std::size_t i = 0; i < n_firms; ++i)
        if (const double e = residuals[d * n_firms + i]; !std::isnan(e)) {
          car[i] += e;
          ++count[i];
        }
    }
    double sum = 0.0;
    double sum_sq = 0.0;
    double n = 0.0;
    for (std::size_t i = 0; i < n_firms; ++i)
      if (count[i] > 0) {
        sum += car[i];
        sum_sq += car[i] * car[i];
        n += 1.0;
      }
    if (n < 2.0)
      continue;
    const double mean = sum / n;
    const double var = (sum_sq - n * mean * mean) / (n - 1.0);
    const double t = var > 0.0 ? std::sqrt(n) * mean / std::sqrt(var) : k_nan;
    caars.push_back(mean);
    // A NaN t* (all pseudo CARs equal) counts as not extreme.
    if (std::abs(t) >= std::abs(t_observed))
      ++extreme;
  }
  if (caars.empty())
    return out;
  std::sort(caars.begin(), caars.end());
  const auto b = static_cast<double>(caars.size());
  out.replications = static_cast<int>(caars.size());
  out.p_value = std::isnan(t_observed) ? k_nan : (1.0 + static_cast<double>(extreme)) / (b + 1.0);
  out.ci_low = caar + percentile(caars, 0.025);
  out.ci_high = caar + percentile(caars, 0.975);
  return out;
}

ResampledMeanInterval bootstrap_mean_interval(std::span<const double> x, int replications,
                                              std::uint64_t seed) {
  ResampledMeanInterval out{k_nan, k_nan, k_nan};
  const std::size_t n = x.size();
  if (n == 0 || std::any_of(x.begin(), x.end(), [](double v) { return std::isnan(v); }))
    return out;
  double sum = 0.0;
  for (const double v : x)
    sum += v;
  out.mean = sum / static_cast<double>(n);
  if (replications < 1)
    return out;
  std::mt19937_64 rng(seed);
  std::vector<double> means;
  means.reserve(static_cast<std::size_t>(replications));
  for (int b = 0; b < replications; ++b) {
    double s = 0.0;
    for (std::size_t k = 0; k < n; ++k)
      s += x[static_cast<std::size_t>(rng() % n)];
    means.push_back(s / static_cast<double>(n));
  }
  std::sort(means.begin(), means.end());
  out.low = percentile(means, 0.025);
  out.high = percentile(means, 0.975);
  return out;
}

} // namespace aftershock::stats
