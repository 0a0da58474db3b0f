#pragma once
// T15 Lamb (1995) portfolio test with prediction-error correction (design/methods.md T15).

#include <aftershock/stats/test_value.hpp>

#include <span>

namespace aftershock::stats {

// Daily Lamb (1995) statistic, N(0,1):
//   z_t = AAR_t / ( S_AAR sqrt(1 + 1/Mbar + (R_mt - Rbar_m)^2 / S_xx) ),
// S_AAR the sd (divisor M - 1) of `estimation_aar` (estimation-window AAR series, as in T3),
// Mbar = `mean_estimation_length` (mean of the firms' M_i), Rbar_m and S_xx the mean and sum of
// squared deviations of `estimation_market` (market returns of the estimation window).
// NaN when fewer than 2 values in either series, S_AAR = 0, S_xx = 0 or Mbar <= 0.
TestValue lamb_z(double aar, double market_return, std::span<const double> estimation_aar,
                 std::span<const double> estimation_market, double mean_estimation_length);

// Window form used by estudy2 `car_lamb` and `car_brown_warner_1985`: the sum of the daily
// statistics divided by sqrt(number of days), N(0,1). NaN for an empty input or a NaN entry.
TestValue sum_of_daily_statistics(std::span<const double> daily_statistics);

} // namespace aftershock::stats
