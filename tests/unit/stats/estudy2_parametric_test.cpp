// The estudy2 COVID-19 reference case (../shared/reference/estudy2_covid19, see its README):
// the parametric tests on estudy2's own abnormal returns, once in estudy2's conventions (quirk
// Q2: s_i with divisor M_i - 1, market mean and S_xx over the whole estimation window) against
// the package output (expected_parametric_daily.csv, 12 significant digits), once in textbook
// conventions (divisor M_i - 2, firm's own days) against independent_recomputation_daily.csv
// (10 significant digits, an independent recomputation from design/methods.md, not our output).
#include <aftershock/stats/parametric.hpp>

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "support/paths.hpp"
#include "support/ref_csv.hpp"

namespace aftershock::stats {
namespace {

constexpr std::array<const char*, 7> k_firms{"AMZN", "ZM", "UBER", "NFLX", "SHOP", "FB", "UPWK"};
constexpr std::array<const char*, 5> k_event_days{"2020-03-16", "2020-03-17", "2020-03-18",
                                                  "2020-03-19", "2020-03-20"};
constexpr double k_tolerance = 1e-8;

enum class Convention { estudy2, textbook };

// The case's ARs and market returns, split into the estimation window (2019-04-02..2020-03-13)
// and the event rows.
struct Case {
  test::RefCsv ar;
  test::RefCsv returns;
  std::size_t est_first = 0;
  std::size_t est_last = 0; // inclusive

  explicit Case(const std::filesystem::path& dir)
      : ar(dir / "abnormal_returns.csv"), returns(dir / "log_returns.csv"),
        est_first(ar.row_of("2019-04-02")), est_last(ar.row_of("2020-03-13")) {}

  // Firm i's non-missing estimation ARs.
  std::vector<double> estimation_ar(const std::string& firm) const {
    std::vector<double> out;
    for (std::size_t r = est_first; r <= est_last; ++r)
      if (const double v = ar.number(r, firm); !std::isnan(v))
        out.push_back(v);
    return out;
  }

  // Market return of the AR row `r` (looked up by date in log_returns.csv).
  double market(std::size_t r) const {
    return returns.number(returns.row_of(ar.text(r, "date")), "GSPC");
  }
};

// SAR_it = AR_it / (s_i sqrt(1 + 1/M_i + (Rm_t - Rbar_m)^2 / S_xx)) (Patell 1976; Campbell, Lo &
// MacKinlay 1997 ch. 4 for the market-model prediction-error variance).
struct Standardizer {
  double s = 0.0;
  int m = 0;
  double rbar_m = 0.0;
  double sxx = 0.0;

  double sar(double ar, double rm) const {
    const double d = rm - rbar_m;
    return ar / (s * std::sqrt(1.0 + 1.0 / m + d * d / sxx));
  }
};

Standardizer make_standardizer(const Case& c, const std::string& firm, Convention convention) {
  std::vector<double> ars;
  std::vector<double> rms;
  for (std::size_t r = c.est_first; r <= c.est_last; ++r) {
    const double v = c.ar.number(r, firm);
    // estudy2 runs the market moments over every estimation day; textbook over the firm's own.
    if (convention == Convention::estudy2 || !std::isnan(v))
      rms.push_back(c.market(r));
    if (!std::isnan(v))
      ars.push_back(v);
  }
  Standardizer out;
  out.m = static_cast<int>(ars.size());
  double mean_ar = 0.0;
  for (const double v : ars)
    mean_ar += v;
  mean_ar /= static_cast<double>(ars.size());
  double ss = 0.0;
  for (const double v : ars)
    ss += (v - mean_ar) * (v - mean_ar);
  const int divisor = convention == Convention::estudy2 ? out.m - 1 : out.m - 2;
  out.s = std::sqrt(ss / divisor);
  for (const double v : rms)
    out.rbar_m += v;
  out.rbar_m /= static_cast<double>(rms.size());
  for (const double v : rms)
    out.sxx += (v - out.rbar_m) * (v - out.rbar_m);
  return out;
}

struct DailyInputs {
  std::vector<double> ar;
  std::vector<double> sar;
  std::vector<int> residual_df;
};

DailyInputs daily_inputs(const Case& c, const std::vector<Standardizer>& st, std::size_t row) {
  DailyInputs out;
  for (std::size_t i = 0; i < k_firms.size(); ++i) {
    const double v = c.ar.number(row, k_firms[i]);
    if (std::isnan(v))
      continue;
    out.ar.push_back(v);
    out.sar.push_back(st[i].sar(v, c.market(row)));
    out.residual_df.push_back(st[i].m - 2); // market model: k = 2
  }
  return out;
}

std::vector<Standardizer> standardizers(const Case& c, Convention convention) {
  std::vector<Standardizer> out;
  for (const char* firm : k_firms)
    out.push_back(make_standardizer(c, firm, convention));
  return out;
}

TEST(estudy2_parametric_test, estimation_moments_match_fit_file) {
  AFTERSHOCK_REQUIRE_SHARED(shared);
  const auto dir = shared / "reference" / "estudy2_covid19";
  const Case c(dir);
  const test::RefCsv fit(dir / "market_model_fit.csv");
  const test::RefCsv by_firm(dir / "independent_recomputation_car_by_firm.csv");
  for (const char* firm : k_firms) {
    const Standardizer e = make_standardizer(c, firm, Convention::estudy2);
    const Standardizer t = make_standardizer(c, firm, Convention::textbook);
    EXPECT_EQ(e.m, static_cast<int>(fit.number(fit.row_of(firm), "n_nonmissing_est"))) << firm;
    EXPECT_NEAR(e.s, fit.number(fit.row_of(firm), "sd_est_abnormal"), 1e-12) << firm;
    EXPECT_NEAR(t.s, by_firm.number(by_firm.row_of(firm), "s_i_Tminus2"), 1e-10) << firm;
  }
}

TEST(estudy2_parametric_test, estudy2_conventions_match_package_output) {
  AFTERSHOCK_REQUIRE_SHARED(shared);
  const auto dir = shared / "reference" / "estudy2_covid19";
  const Case c(dir);
  const test::RefCsv expected(dir / "expected_parametric_daily.csv");
  const auto st = standardizers(c, Convention::estudy2);

  // Estimation-window AAR series: mean over the firms available each day (README, bw_1985).
  std::vector<double> est_aar;
  for (std::size_t r = c.est_first; r <= c.est_last; ++r) {
    double sum = 0.0;
    int n = 0;
    for (const char* firm : k_firms)
      if (const double v = c.ar.number(r, firm); !std::isnan(v)) {
        sum += v;
        ++n;
      }
    est_aar.push_back(sum / n);
  }

  for (const char* day : k_event_days) {
    const std::size_t row = c.ar.row_of(day);
    const std::size_t e = expected.row_of(day);
    const DailyInputs in = daily_inputs(c, st, row);
    ASSERT_EQ(in.ar.size(), k_firms.size()) << day;
    double aar = 0.0;
    for (const double v : in.ar)
      aar += v;
    aar /= static_cast<double>(in.ar.size());
    EXPECT_NEAR(aar, expected.number(e, "mean"), 1e-12) << day;

    const TestValue t = cross_sectional_t(in.ar);
    EXPECT_NEAR(t.statistic, expected.number(e, "t_test_stat"), k_tolerance) << day;
    EXPECT_EQ(t.df, 6.0);
    const TestValue cda = crude_dependence_t(aar, 1, est_aar);
    EXPECT_NEAR(cda.statistic, expected.number(e, "bw_1985_stat"), k_tolerance) << day;
    EXPECT_EQ(cda.df, 239.0); // M = 240 estimation days
    const TestValue patell = patell_z(in.sar, in.residual_df);
    EXPECT_NEAR(patell.statistic, expected.number(e, "pt_stat"), k_tolerance) << day;
    const TestValue bmp = bmp_t(in.sar);
    EXPECT_NEAR(bmp.statistic, expected.number(e, "bh_stat"), k_tolerance) << day;
  }
}

TEST(estudy2_parametric_test, textbook_conventions_match_independent_recomputation) {
  AFTERSHOCK_REQUIRE_SHARED(shared);
  const auto dir = shared / "reference" / "estudy2_covid19";
  const Case c(dir);
  const test::RefCsv expected(dir / "independent_recomputation_daily.csv");
  const test::RefCsv summary(dir / "independent_recomputation_car_summary.csv");
  const auto st = standardizers(c, Convention::textbook);

  // Estimation residuals, days x firms, NaN where a firm has no return.
  const std::size_t n_days = c.est_last - c.est_first + 1;
  std::vector<double> residuals;
  for (std::size_t r = c.est_first; r <= c.est_last; ++r)
    for (const char* firm : k_firms)
      residuals.push_back(c.ar.number(r, firm));
  const double rbar = mean_pairwise_correlation(residuals, n_days, k_firms.size());
  const double expected_rbar =
      summary.number(summary.row_of("rbar_estimation_residual_correlation"), "value");
  EXPECT_NEAR(rbar, expected_rbar, 1e-9);
  EXPECT_NEAR(rbar, 0.1602402714, 1e-9);

  const int n = static_cast<int>(k_firms.size());
  for (const char* day : k_event_days) {
    const std::size_t row = c.ar.row_of(day);
    const std::size_t e = expected.row_of(day);
    const DailyInputs in = daily_inputs(c, st, row);
    const TestValue patell = patell_z(in.sar, in.residual_df);
    EXPECT_NEAR(patell.statistic, expected.number(e, "patell_z_textbook"), k_tolerance) << day;
    const TestValue bmp = bmp_t(in.sar);
    EXPECT_NEAR(bmp.statistic, expected.number(e, "bmp_t_textbook"), k_tolerance) << day;
    EXPECT_NEAR(kp_adjusted_bmp(bmp, rbar, n).statistic, expected.number(e, "kp_adj_bmp_t"),
                k_tolerance)
        << day;
    EXPECT_NEAR(kp_adjusted_patell(patell, rbar, n).statistic,
                expected.number(e, "kp_adj_patell_z"), k_tolerance)
        << day;
  }
}

} // namespace
} // namespace aftershock::stats
