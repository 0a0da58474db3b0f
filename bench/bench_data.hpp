#pragma once
// Seeded synthetic inputs shared by the micro-benchmarks (same numbers on every run).

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace aftershock::bench {

// Realistic study sizes: 250 estimation days + 11 event days, 1000 firms.
inline constexpr std::size_t k_estimation_days = 250;
inline constexpr std::size_t k_event_days = 11;
inline constexpr std::size_t k_panel_days = k_estimation_days + k_event_days;
inline constexpr std::size_t k_firms = 1000;

// `n` i.i.d. N(0, sd^2) draws from seed `seed`.
std::vector<double> normal_draws(std::size_t n, double sd, std::uint64_t seed);

// A days x firms row-major AR matrix, N(0, 0.02^2), no missing values.
std::vector<double> ar_matrix(std::size_t n_days, std::size_t n_firms, std::uint64_t seed);

// `n` ISO dates (YYYY-MM-DD) of consecutive business days from 2000-01-03.
std::vector<std::string> iso_dates(std::size_t n);

// `n` prices as the loader sees them, "%.4f"-formatted, between 1 and 1000.
std::vector<std::string> price_fields(std::size_t n, std::uint64_t seed);

// A random-walk price path of `n` days (P_0 = 50, daily sd 2%).
std::vector<double> price_path(std::size_t n, std::uint64_t seed);

} // namespace aftershock::bench
