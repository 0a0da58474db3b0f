#include "bench_data.hpp"

#include <fmt/format.h>

#include <chrono>

#include "rng.hpp"

namespace aftershock::bench {

std::vector<double> normal_draws(std::size_t n, double sd, std::uint64_t seed) {
  Rng rng(seed);
  std::vector<double> out(n);
  for (auto& x : out)
    x = sd * rng.normal();
  return out;
}

std::vector<double> ar_matrix(std::size_t n_days, std::size_t n_firms, std::uint64_t seed) {
  return normal_draws(n_days * n_firms, 0.02, seed);
}

std::vector<std::string> iso_dates(std::size_t n) {
  std::vector<std::string> out;
  out.reserve(n);
  std::chrono::sys_days day{std::chrono::year{2000} / 1 / 3};
  while (out.size() < n) {
    if (std::chrono::weekday{day}.iso_encoding() <= 5) {
      const std::chrono::year_month_day ymd{day};
      out.push_back(fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                                static_cast<unsigned>(ymd.month()),
                                static_cast<unsigned>(ymd.day())));
    }
    day += std::chrono::days{1};
  }
  return out;
}

std::vector<std::string> price_fields(std::size_t n, std::uint64_t seed) {
  Rng rng(seed);
  std::vector<std::string> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i)
    out.push_back(fmt::format("{:.4f}", rng.uniform(1.0, 1000.0)));
  return out;
}

std::vector<double> price_path(std::size_t n, std::uint64_t seed) {
  Rng rng(seed);
  std::vector<double> out(n);
  double price = 50.0;
  for (auto& p : out) {
    p = price;
    price *= 1.0 + 0.02 * rng.normal();
  }
  return out;
}

} // namespace aftershock::bench
