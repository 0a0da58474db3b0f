// The test battery of one cross-section (issue 3 key order; formulas in the stats module).
#include "test_battery.hpp"

#include <aftershock/stats/brown_warner_1980.hpp>
#include <aftershock/stats/car_tests.hpp>
#include <aftershock/stats/distributions.hpp>
#include <aftershock/stats/parametric.hpp>
#include <aftershock/stats/sign_tests.hpp>
#include <aftershock/stats/wilcoxon.hpp>

#include <cmath>
#include <limits>
#include <string>

namespace aftershock::study {

namespace {
constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();
} // namespace

Needs needs_of(const TestSelection& tests, GrankAdjustment grank) {
  Needs needs;
  for (const auto& [id, own] : k_test_needs)
    if (tests.contains(id))
      needs.add(own);
  if (needs.has(Intermediate::grank) && grank == GrankAdjustment::kp)
    needs.add({Intermediate::rbar});
  if (needs.has(Intermediate::rbar) || needs.has(Intermediate::gen_sign_p_hat) ||
      needs.has(Intermediate::rank_panel))
    needs.add({Intermediate::panel});
  return needs;
}

stats::TestMap run_battery(const CrossSection& s, const BatteryContext& c, const PanelTests& p) {
  const int n = static_cast<int>(s.raw.size());
  double sum = 0.0;
  for (const double v : s.raw)
    sum += v;
  const double mean = n > 0 ? sum / n : k_nan; // AAR_t or CAAR (methods.md s.1)

  // t_bw1980 df: estudy2 uses mean M_i - 1 (README estudy2_covid19); textbook mean(M_i - k).
  double df_bw = 0.0;
  for (std::size_t i = 0; i < s.m.size(); ++i)
    df_bw += c.estudy2_bw1980_df ? s.m[i] - 1 : s.df[i];
  df_bw = s.m.empty() ? k_nan : df_bw / static_cast<double>(s.m.size());

  const TestSelection& selected = c.tests;
  stats::TestMap tests;
  tests.reserve(selected.size());
  const auto add = [&](TestId id, auto&& compute) {
    if (selected.contains(id))
      tests.emplace_back(std::string(test_name(id)), compute());
  };
  add(TestId::t_csect, [&] { return stats::cross_sectional_t(s.raw); });
  // Brown & Warner (1980): for a window, the sum over L days gives sqrt(L sum s_i^2)/N.
  add(TestId::t_bw1980,
      [&] { return stats::brown_warner_1980_t(mean, s.length, s.sigma2, df_bw); });
  add(TestId::t_cda, [&] { return stats::crude_dependence_t(mean, s.length, c.estimation_aar); });
  const bool any_patell = selected.contains(TestId::patell) || selected.contains(TestId::patell_kp);
  const auto patell = any_patell ? stats::patell_z(s.standardized, s.df) : stats::TestValue{};
  add(TestId::patell, [&] { return patell; });
  add(TestId::patell_kp, [&] { return stats::kp_adjusted_patell(patell, c.rbar, n); });
  const bool any_bmp = selected.contains(TestId::bmp) || selected.contains(TestId::bmp_kp);
  const auto bmp = any_bmp ? stats::bmp_t(s.standardized) : stats::TestValue{};
  add(TestId::bmp, [&] { return bmp; });
  add(TestId::bmp_kp, [&] { return stats::kp_adjusted_bmp(bmp, c.rbar, n); });
  add(TestId::lamb, [&] { return p.lamb; });
  add(TestId::skew_adj_t, [&] { return stats::skew_adjusted_t(s.raw, c.skewness); });
  add(TestId::j1, [&] { return stats::clm_j1(s.raw, s.variance); });
  add(TestId::j2, [&] { return stats::clm_j2(s.standardized, s.df); });
  add(TestId::sign, [&] { return stats::sign_test(s.raw); });
  add(TestId::gen_sign, [&] { return stats::generalized_sign_test(s.raw, c.gen_sign_p_hat); });
  add(TestId::cz_sign, [&] { return p.cz_sign; });
  add(TestId::rank, [&] { return p.rank; });
  add(TestId::cz_rank, [&] { return p.cz_rank; });
  add(TestId::grank_t, [&] { return p.grank_t; });
  add(TestId::grank_z, [&] { return p.grank_z; });
  add(TestId::wilcoxon, [&] { return stats::wilcoxon_signed_rank(s.raw); });
  return tests;
}

} // namespace aftershock::study
