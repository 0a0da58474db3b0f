#pragma once
// The parametric tests of the foundation (design/methods.md T1, T3, T4, T5, T6). Each takes
// plain arrays so it can be checked on hand-built cases. Inputs hold only the firms with data
// (no NaN); every test returns a NaN statistic when it is undefined (e.g. N < 2, zero sd).
//
// "Daily" and "window" forms share one function: pass AR_i / SAR_i for a day, CAR_i / SCAR_i
// for a window (SCAR_i = CAR_i / sqrt(Var(CAR_i)) with the full CAR variance, the
// Kolari-Pynnonen 2010 / ARC form).

#include <aftershock/stats/test_value.hpp>

#include <span>

namespace aftershock::stats {

// T1 cross-sectional t: sqrt(N) mean(x) / sd(x), sd with divisor N-1; t(N-1).
TestValue cross_sectional_t(std::span<const double> x);

// T3 crude dependence adjustment (Brown & Warner 1980, 1985): `aar_sum` is AAR_t (daily) or
// CAAR (window of `window_length` days); `estimation_aar` the estimation-window time series of
// the equally weighted AAR. t = aar_sum / (sqrt(L) S_AAR), S_AAR with divisor M-1; t(M-1).
TestValue crude_dependence_t(double aar_sum, int window_length,
                             std::span<const double> estimation_aar);

// T4 Patell (1976) Z: sum_i SAR_i / sqrt(sum_i d_i/(d_i-2)), d_i = residual df M_i - k of
// firm i (variance of a t variable with d_i df); N(0,1). Firms with d_i <= 2 make it NaN.
TestValue patell_z(std::span<const double> standardized, std::span<const int> residual_df);

// T5 BMP (Boehmer, Musumeci & Poulsen 1991): sqrt(N) mean(SAR) / sd(SAR); t(N-1).
TestValue bmp_t(std::span<const double> standardized);

// T6 Kolari & Pynnonen (2010) adjustments with the mean pairwise residual correlation `rbar`:
// adjusted BMP t x sqrt((1-rbar)/(1+(N-1)rbar)) (p. 4003), same df;
// adjusted Patell Z / sqrt(1+(N-1)rbar) (eq. 13), N(0,1). NaN statistic when rbar is NaN or
// 1+(N-1)rbar <= 0 (and, for BMP, N < 2 or rbar >= 1).
TestValue kp_adjusted_bmp(const TestValue& bmp, double rbar, int n);
TestValue kp_adjusted_patell(const TestValue& patell, double rbar, int n);

// Mean of the N(N-1)/2 pairwise Pearson correlations of the columns of a days x firms
// residual matrix (row-major, NaN = missing); each pair uses the days both firms have.
// Pairs with fewer than 3 common days, or with a column constant on them, are left out. NaN
// when no pair qualifies or residuals.size() != n_days * n_firms.
// Up to 64 firms it is the direct pair loop; above, the matrix form (same definition, equal to
// the loop within ~1e-15; O(N L) for the firms without missing residuals).
double mean_pairwise_correlation(std::span<const double> residuals, std::size_t n_days,
                                 std::size_t n_firms);
// The same (bit-identical) for firm-major residuals: firm i's residual on day t is
// values[i * firm_stride + t] (firm_stride >= n_days, e.g. the rows of a
// PanelLayout::firms_by_days ArPanel whose first n_days days are the estimation days).
// NaN when values.size() < (n_firms - 1) * firm_stride + n_days or firm_stride < n_days.
double mean_pairwise_correlation_firm_major(std::span<const double> values, std::size_t n_days,
                                            std::size_t n_firms, std::size_t firm_stride,
                                            std::size_t threads = 1);

// The two implementations behind mean_pairwise_correlation, for tests and benchmarks: the
// direct loop over the N(N-1)/2 pairs (two-pass moments per pair, O(N^2 L)), and the matrix
// form (standardized columns for the complete firms, masked-moment Eigen products for the
// pairs with a firm that misses days). A column whose present values are all equal counts as
// constant in both.
double mean_pairwise_correlation_direct(std::span<const double> residuals, std::size_t n_days,
                                        std::size_t n_firms);
double mean_pairwise_correlation_matrix(std::span<const double> residuals, std::size_t n_days,
                                        std::size_t n_firms);

} // namespace aftershock::stats
