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

namespace aftershock::study {

namespace {
constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();
} // namespace

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

  stats::TestMap tests;
  tests.emplace_back("t_csect", stats::cross_sectional_t(s.raw));
  // Brown & Warner (1980): for a window, the sum over L days gives sqrt(L sum s_i^2)/N.
  tests.emplace_back("t_bw1980", stats::brown_warner_1980_t(mean, s.length, s.sigma2, df_bw));
  tests.emplace_back("t_cda", stats::crude_dependence_t(mean, s.length, c.estimation_aar));
  const auto patell = stats::patell_z(s.standardized, s.df);
  tests.emplace_back("patell", patell);
  tests.emplace_back("patell_kp", stats::kp_adjusted_patell(patell, c.rbar, n));
  const auto bmp = stats::bmp_t(s.standardized);
  tests.emplace_back("bmp", bmp);
  tests.emplace_back("bmp_kp", stats::kp_adjusted_bmp(bmp, c.rbar, n));
  tests.emplace_back("lamb", p.lamb);
  tests.emplace_back("skew_adj_t", stats::skew_adjusted_t(s.raw, c.skewness));
  tests.emplace_back("j1", stats::clm_j1(s.raw, s.variance));
  tests.emplace_back("j2", stats::clm_j2(s.standardized, s.df));
  tests.emplace_back("sign", stats::sign_test(s.raw));
  tests.emplace_back("gen_sign", stats::generalized_sign_test(s.raw, c.gen_sign_p_hat));
  tests.emplace_back("cz_sign", p.cz_sign);
  tests.emplace_back("rank", p.rank);
  tests.emplace_back("cz_rank", p.cz_rank);
  tests.emplace_back("grank_t", p.grank_t);
  tests.emplace_back("grank_z", p.grank_z);
  tests.emplace_back("wilcoxon", stats::wilcoxon_signed_rank(s.raw));
  return tests;
}

} // namespace aftershock::study
