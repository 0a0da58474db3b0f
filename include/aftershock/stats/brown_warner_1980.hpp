#pragma once
// T2 traditional t under cross-sectional independence (Brown & Warner 1980, J. Financial Economics
// 8; design/methods.md T2).

#include <aftershock/stats/test_value.hpp>

#include <span>

namespace aftershock::stats {

// t = aar_sum / ( sqrt(L sum_i s_i^2) / N ), N = estimation_variances.size(), s_i^2 firm i's
// estimation residual variance (the caller picks the divisor: estudy2 uses M_i - 1), L the
// window length (1 for a daily AAR). Reference distribution t(df); estudy2 passes
// df = mean M_i - 1. Assumes independent firms and no event-induced variance.
// NaN statistic for N = 0, window_length < 1, a NaN variance or a zero variance sum.
TestValue brown_warner_1980_t(double aar_sum, int window_length,
                              std::span<const double> estimation_variances, double df);

} // namespace aftershock::stats
