#pragma once
// Campbell, Lo & MacKinlay (1997, The Econometrics of Financial Markets, ch. 4) CAR tests J1 and J2
// (design/methods.md T4 (b)).

#include <aftershock/stats/test_value.hpp>

#include <span>

namespace aftershock::stats {

// J1 = CAAR / sqrt(sigma^2(CAAR)), sigma^2(CAAR) = (1/N^2) sum_i Var(CAR_i) (CLM ch. 4,
// aggregation across securities), CAAR = mean of `cars`; `car_variances[i]` = Var(CAR_i) (e.g. the
// full market-model CAR variance of design/methods.md section 4). N(0,1) asymptotically; assumes
// independence. NaN when sizes differ, N = 0 or a variance is NaN / the sum is not positive.
TestValue clm_j1(std::span<const double> cars, std::span<const double> car_variances);

// J2 = sum_i SCAR_i / sqrt( sum_i d_i / (d_i - 2) ), SCAR_i = CAR_i / sqrt(Var(CAR_i)),
// d_i = residual df (M_i - 2 for the market model). With equal M_i = L1 this is CLM's J2,
// J2 = sqrt(N (L1 - 4) / (L1 - 2)) mean SCAR; unequal M_i use the exact variance of each
// t-distributed SCAR_i (Patell's form). N(0,1). NaN when sizes differ, N = 0 or any d_i <= 2.
TestValue clm_j2(std::span<const double> scars, std::span<const int> residual_df);

} // namespace aftershock::stats
