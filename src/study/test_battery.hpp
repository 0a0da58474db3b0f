#pragma once
// Internal to study: the full battery of significance tests on one cross-section (one event day
// or one CAR window), in the stable key order of issue 3:
//   t_csect, t_bw1980, t_cda, patell, patell_kp, bmp, bmp_kp, lamb, skew_adj_t, j1, j2,
//   sign, gen_sign, cz_sign, rank, cz_rank, grank_t, grank_z, wilcoxon.
// The panel-based tests (lamb, cz_sign, rank, cz_rank, grank) need the AR panel over the
// estimation + event window, so the caller computes them and passes them in.

#include <aftershock/stats/skewness.hpp>
#include <aftershock/stats/test_value.hpp>
#include <aftershock/study/config.hpp>
#include <aftershock/study/test_selection.hpp>

#include <array>
#include <cstdint>
#include <initializer_list>
#include <utility>
#include <vector>

namespace aftershock::study {

// The intermediates of the aggregation (aggregate.cpp) that only some tests need. Everything
// else (the cross-sections, the estimation AAR series of t_cda / lamb, the market in event
// time, the SCARs as presence markers) is cheap and always built.
enum class Intermediate : std::uint8_t {
  rbar,           // KP 2010 mean pairwise residual correlation (reads the AR panel)
  gen_sign_p_hat, // Cowan (1992) p-hat (reads the AR panel)
  rank_panel,     // stats::rank_panel of the AR panel (per-firm ranks)
  rank_daily,     // corrado_rank_daily
  cz_rank_daily,  // cz_rank_daily
  cz_sign_daily,  // cz_sign_daily (also the cz_sign of the full event window)
  window_ranks,   // stats::window_rank_tests of the CAR windows other than the event window
  grank,          // GRANK's GrankPanel over the estimation SARs and the SCARs
  lamb,           // Lamb (1995) daily statistics (summed for windows)
  panel,          // make_panel: the AR panel, when rbar, the p-hat or the ranks need it
};

// A set of intermediates.
class Needs {
public:
  constexpr Needs() noexcept = default;
  constexpr Needs(std::initializer_list<Intermediate> items) noexcept {
    for (const auto item : items)
      m_bits = static_cast<std::uint16_t>(m_bits | bit(item));
  }
  [[nodiscard]] constexpr bool has(Intermediate item) const noexcept {
    return (m_bits & bit(item)) != 0;
  }
  constexpr void add(Needs other) noexcept {
    m_bits = static_cast<std::uint16_t>(m_bits | other.m_bits);
  }

private:
  static constexpr std::uint16_t bit(Intermediate item) noexcept {
    return static_cast<std::uint16_t>(1U << static_cast<unsigned>(item));
  }
  std::uint16_t m_bits = 0;
};

// The needs table: test -> the intermediates it reads, in the battery order. GRANK reads rbar
// only under GrankAdjustment::kp (needs_of adds it).
inline constexpr std::array<std::pair<TestId, Needs>, k_test_count> k_test_needs{{
    {TestId::t_csect, {}},
    {TestId::t_bw1980, {}},
    {TestId::t_cda, {}}, // estimation AAR series, built from the firms' residuals
    {TestId::patell, {}},
    {TestId::patell_kp, {Intermediate::rbar}},
    {TestId::bmp, {}},
    {TestId::bmp_kp, {Intermediate::rbar}},
    {TestId::lamb, {Intermediate::lamb}},
    {TestId::skew_adj_t, {}},
    {TestId::j1, {}},
    {TestId::j2, {}},
    {TestId::sign, {}},
    {TestId::gen_sign, {Intermediate::gen_sign_p_hat}},
    {TestId::cz_sign,
     {Intermediate::rank_panel, Intermediate::cz_sign_daily, Intermediate::window_ranks}},
    {TestId::rank,
     {Intermediate::rank_panel, Intermediate::rank_daily, Intermediate::window_ranks}},
    {TestId::cz_rank,
     {Intermediate::rank_panel, Intermediate::cz_rank_daily, Intermediate::window_ranks}},
    {TestId::grank_t, {Intermediate::rank_panel, Intermediate::grank}},
    {TestId::grank_z, {Intermediate::rank_panel, Intermediate::grank}},
    {TestId::wilcoxon, {}},
}};

// The intermediates the selected tests need (k_test_needs), plus rbar for GRANK under the KP
// adjustment and the panel when rbar, the p-hat or the ranks are needed.
Needs needs_of(const TestSelection& tests, GrankAdjustment grank);

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
  TestSelection tests = TestSelection::all(); // the tests run_battery computes
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

// The selected tests (context.tests), in the battery order; undefined ones have a NaN statistic
// (never dropped, so keys are stable). A selected test is bit-identical to the same test in a
// run of all 19. PanelTests members of unselected tests are not read.
stats::TestMap run_battery(const CrossSection& section, const BatteryContext& context,
                           const PanelTests& panel);

} // namespace aftershock::study
