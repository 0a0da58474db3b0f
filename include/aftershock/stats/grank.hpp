#pragma once
// T13 generalized rank test GRANK (Kolari & Pynnonen 2011, J. Empirical Finance 18(5)).
//
// Formulas as written in design/methods.md T13 (equation numbers of the paper not checked here).
// Indexing convention (methods.md marks it uncertain; this is the one implemented and the one the
// report header must print): the CAR window is squeezed into one extra day, so
// every firm has T_i = M_i + 1 generalized SARs (GSAR) and the panel has T = L1 + 1 rows;
//   U_it = rank_i(GSAR_it) / (T_i + 1) - 1/2                         (methods.md T13 step 4)
//   Ubar_t = mean over the N_t firms present on row t
//   S_Ubar = sqrt( (1/T) sum_{t=1..T} (N_t / N) Ubar_t^2 )           (T13 step 5)
//   Z = Ubar_0 / S_Ubar                                               (T13 step 5)
//   t_grank = Z sqrt( (T - 2) / (T - 1 - Z^2) ), t(T - 2)            (T13 step 5)
// Stata estudy is one step off (ranks / (L1 + 1), sums over L1, L1 - 1 df); not implemented.

#include <aftershock/stats/test_value.hpp>

#include <cstddef>
#include <span>

namespace aftershock::stats {

struct GrankResult {
  TestValue z; // "Generalized Rank Z", N(0,1)
  TestValue t; // "Generalized Rank T", t(T - 2)
};

// `estimation_sar`: L1 x N row-major matrix of standardized estimation ARs (AR_it / s_i, or with
// the prediction-error correction; NaN = missing). `scar`: the N standardized CARs SCAR_i =
// CAR_i / sqrt(Var(CAR_i)) (NaN = firm without event data). The function re-standardizes
// SCAR*_i = SCAR_i / sd_i(SCAR) (divisor N - 1; T13 step 2) to absorb event-induced
// volatility. No cross-correlation adjustment (apply kp_adjusted_* on top, KP 2011 fn. 6).
// NaN statistics when sizes disagree, fewer than 2 SCARs, sd(SCAR) = 0, S_Ubar = 0, or (for t)
// T - 1 - Z^2 <= 0.
GrankResult grank(std::span<const double> estimation_sar, std::size_t n_estimation_days,
                  std::size_t n_firms, std::span<const double> scar);

} // namespace aftershock::stats
