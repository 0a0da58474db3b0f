#pragma once
// Internal to study: the full battery of significance tests on one cross-section (one event day
// or one CAR window), in the stable key order of issue 3:
//   t_csect, t_bw1980, t_cda, patell, patell_kp, bmp, bmp_kp, lamb, skew_adj_t, j1, j2,
//   sign, gen_sign, cz_sign, rank, cz_rank, grank_t, grank_z, wilcoxon.
// The panel-based tests (lamb, cz_sign, rank, cz_rank, grank) need the AR panel over the
// estimation + event window, so the caller computes them and passes them in.

#include <aftershock/stats/skewness.hpp>
#include <aftershock/stats/test_value.hpp>

#include <vector>

namespace aftershock::study {

// One cross-section over the firms with data: AR_i (day) or CAR_i (window), its standardized
// form, its variance and each firm's estimation facts.
struct CrossSection {
  std::vector<double> raw;          // AR_it or CAR_i
  std::vector<double> standardized; // SAR_it or SCAR_i
  std::vector<double> variance;     // Var(AR_it) or Var(CAR_i), prediction-error corrected
  std::vector<double> sigma2;       // s_i^2, the firm's residual variance
  std::vector<int> df;              // residual df M_i - k
  std::vector<int> m;               // M_i
  int length = 1;                   // L: 1 for a day, the window's length for a CAR
};

// Estimation-window facts shared by every cross-section of the event.
struct BatteryContext {
  std::vector<double> estimation_aar; // equally weighted AAR series (for t_cda)
  double rbar = 0.0;                  // KP 2010 mean pairwise residual correlation
  double gen_sign_p_hat = 0.0;        // estimation-window share of positive ARs
  bool estudy2_bw1980_df = false;     // t_bw1980 df: mean M_i - 1 (estudy2) or mean(M_i - k)
  stats::SkewnessEstimator skewness = stats::SkewnessEstimator::lyon_barber_tsai;
};

// The tests computed on the AR panel by the caller.
struct PanelTests {
  stats::TestValue lamb;
  stats::TestValue cz_sign;
  stats::TestValue rank;
  stats::TestValue cz_rank;
  stats::TestValue grank_t; // with the configured cross-correlation adjustment
  stats::TestValue grank_z;
};

// All 19 tests; undefined ones have a NaN statistic (never dropped, so keys are stable).
stats::TestMap run_battery(const CrossSection& section, const BatteryContext& context,
                           const PanelTests& panel);

} // namespace aftershock::study
