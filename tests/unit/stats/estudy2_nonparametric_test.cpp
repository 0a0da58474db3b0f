// The estudy2 COVID-19 reference case (../shared/reference/estudy2_covid19, see its README):
// rank / sign / Wilcoxon / window tests on estudy2's abnormal returns over the combined window
// 2019-04-02..2020-03-20 (estimation 2019-04-02..2020-03-13, event 2020-03-16..2020-03-20).
// estudy2 convention values come from the package output (expected_nonparametric_daily.csv,
// expected_parametric_daily.csv, expected_car_tests.csv; 12 significant digits); textbook values
// from independent_recomputation_daily.csv (10 significant digits, independent recomputation).
#include <aftershock/stats/brown_warner_1980.hpp>
#include <aftershock/stats/car_tests.hpp>
#include <aftershock/stats/lamb.hpp>
#include <aftershock/stats/parametric.hpp>
#include <aftershock/stats/rank_tests.hpp>
#include <aftershock/stats/sign_tests.hpp>
#include <aftershock/stats/wilcoxon.hpp>

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

// ARs of the combined window as a days x firms matrix plus the event rows.
struct Estudy2Panel {
  test::RefCsv ar;
  test::RefCsv returns;
  std::size_t first = 0;
  std::vector<double> values;
  std::vector<std::size_t> event_rows;
  std::size_t n_days = 0;

  explicit Estudy2Panel(const std::filesystem::path& dir)
      : ar(dir / "abnormal_returns.csv"), returns(dir / "log_returns.csv"),
        first(ar.row_of("2019-04-02")) {
    const std::size_t last = ar.row_of("2020-03-20");
    for (std::size_t r = first; r <= last; ++r)
      for (const char* firm : k_firms)
        values.push_back(ar.number(r, firm));
    n_days = last - first + 1;
    for (const char* day : k_event_days)
      event_rows.push_back(ar.row_of(day) - first);
  }

  ArPanel panel() const { return ArPanel{values, n_days, k_firms.size(), event_rows}; }

  // The ARs of panel row `row` (all firms present on event days).
  std::vector<double> row(std::size_t row) const {
    return {values.begin() + static_cast<std::ptrdiff_t>(row * k_firms.size()),
            values.begin() + static_cast<std::ptrdiff_t>((row + 1) * k_firms.size())};
  }
  double market(std::size_t row) const {
    return returns.number(returns.row_of(ar.text(first + row, "date")), "GSPC");
  }
  bool is_event(std::size_t row) const {
    for (const std::size_t e : event_rows)
      if (e == row)
        return true;
    return false;
  }
};

std::filesystem::path case_dir(const std::filesystem::path& shared) {
  return shared / "reference" / "estudy2_covid19";
}

TEST(estudy2_nonparametric_test, sign_and_generalized_sign) {
  AFTERSHOCK_REQUIRE_SHARED(shared);
  const Estudy2Panel p(case_dir(shared));
  const test::RefCsv expected(case_dir(shared) / "expected_nonparametric_daily.csv");
  const double pooled = generalized_sign_p_hat(p.panel(), SignPHat::pooled);
  EXPECT_NEAR(pooled, 0.4966443, 5e-8); // README: p = 0.4966443 (7 digits)
  const double per_firm = generalized_sign_p_hat(p.panel(), SignPHat::per_firm_mean);
  EXPECT_GT(std::fabs(per_firm - pooled), 0.0); // M_i differ, so the two conventions differ
  for (std::size_t k = 0; k < k_event_days.size(); ++k) {
    const std::size_t e = expected.row_of(k_event_days[k]);
    const auto x = p.row(p.event_rows[k]);
    EXPECT_NEAR(sign_test(x).statistic, expected.number(e, "sign_stat"), k_tolerance)
        << k_event_days[k];
    EXPECT_NEAR(generalized_sign_test(x, pooled).statistic, expected.number(e, "gsign_stat"),
                k_tolerance)
        << k_event_days[k];
    EXPECT_EQ(wilcoxon_signed_rank(x).statistic, expected.number(e, "wlcx_stat"))
        << k_event_days[k];
  }
}

TEST(estudy2_nonparametric_test, rank_tests_estudy2_convention) {
  AFTERSHOCK_REQUIRE_SHARED(shared);
  const Estudy2Panel p(case_dir(shared));
  const test::RefCsv expected(case_dir(shared) / "expected_nonparametric_daily.csv");
  const auto rank = corrado_rank_daily(p.panel(), RankConvention::estudy2);
  const auto mrank = cz_rank_daily(p.panel(), RankConvention::estudy2);
  const auto csign = cz_sign_daily(p.panel(), RankConvention::estudy2);
  ASSERT_EQ(rank.size(), k_event_days.size());
  for (std::size_t k = 0; k < k_event_days.size(); ++k) {
    const std::size_t e = expected.row_of(k_event_days[k]);
    EXPECT_NEAR(rank[k].statistic, expected.number(e, "rank_stat"), k_tolerance) << k_event_days[k];
    EXPECT_NEAR(mrank[k].statistic, expected.number(e, "mrank_stat"), k_tolerance)
        << k_event_days[k];
    EXPECT_NEAR(csign[k].statistic, expected.number(e, "csign_stat"), k_tolerance)
        << k_event_days[k];
  }
  const test::RefCsv car(case_dir(shared) / "expected_car_tests.csv");
  EXPECT_NEAR(corrado_rank_window(p.panel(), RankConvention::estudy2).statistic,
              car.number(car.row_of("car_rank_test"), "statistic"), k_tolerance);
}

TEST(estudy2_nonparametric_test, rank_tests_textbook_convention) {
  AFTERSHOCK_REQUIRE_SHARED(shared);
  const Estudy2Panel p(case_dir(shared));
  const test::RefCsv expected(case_dir(shared) / "independent_recomputation_daily.csv");
  const auto rank = corrado_rank_daily(p.panel(), RankConvention::textbook);
  const auto mrank = cz_rank_daily(p.panel(), RankConvention::textbook);
  for (std::size_t k = 0; k < k_event_days.size(); ++k) {
    const std::size_t e = expected.row_of(k_event_days[k]);
    EXPECT_NEAR(rank[k].statistic, expected.number(e, "corrado_rank_textbook"), k_tolerance)
        << k_event_days[k];
    EXPECT_NEAR(mrank[k].statistic, expected.number(e, "corrado_zivney_rank_textbook"), k_tolerance)
        << k_event_days[k];
  }
}

TEST(estudy2_nonparametric_test, bw1980_lamb_and_window_forms) {
  AFTERSHOCK_REQUIRE_SHARED(shared);
  const Estudy2Panel p(case_dir(shared));
  const test::RefCsv expected(case_dir(shared) / "expected_parametric_daily.csv");
  const test::RefCsv car(case_dir(shared) / "expected_car_tests.csv");
  // Estimation inputs: per-firm variances (divisor M_i - 1), AAR series, market returns.
  std::vector<double> variances;
  double mean_m = 0.0;
  for (std::size_t i = 0; i < k_firms.size(); ++i) {
    std::vector<double> x;
    for (std::size_t t = 0; t < p.n_days; ++t)
      if (!p.is_event(t) && !std::isnan(p.values[t * k_firms.size() + i]))
        x.push_back(p.values[t * k_firms.size() + i]);
    double m = 0.0;
    for (const double v : x)
      m += v;
    m /= static_cast<double>(x.size());
    double ss = 0.0;
    for (const double v : x)
      ss += (v - m) * (v - m);
    variances.push_back(ss / static_cast<double>(x.size() - 1));
    mean_m += static_cast<double>(x.size()) / static_cast<double>(k_firms.size());
  }
  std::vector<double> est_aar;
  std::vector<double> est_market;
  for (std::size_t t = 0; t < p.n_days; ++t) {
    if (p.is_event(t))
      continue;
    double sum = 0.0;
    int n = 0;
    for (std::size_t i = 0; i < k_firms.size(); ++i)
      if (const double v = p.values[t * k_firms.size() + i]; !std::isnan(v)) {
        sum += v;
        ++n;
      }
    est_aar.push_back(sum / n);
    est_market.push_back(p.market(t));
  }
  std::vector<double> lamb_daily;
  std::vector<double> cda_daily;
  double caar = 0.0;
  for (std::size_t k = 0; k < k_event_days.size(); ++k) {
    const std::size_t e = expected.row_of(k_event_days[k]);
    const auto x = p.row(p.event_rows[k]);
    double aar = 0.0;
    for (const double v : x)
      aar += v / static_cast<double>(x.size());
    caar += aar;
    const TestValue bw = brown_warner_1980_t(aar, 1, variances, mean_m - 1.0);
    EXPECT_NEAR(bw.statistic, expected.number(e, "bw_1980_stat"), k_tolerance) << k_event_days[k];
    const TestValue lamb = lamb_z(aar, p.market(p.event_rows[k]), est_aar, est_market, mean_m);
    EXPECT_NEAR(lamb.statistic, expected.number(e, "lmb_stat"), k_tolerance) << k_event_days[k];
    lamb_daily.push_back(lamb.statistic);
    cda_daily.push_back(crude_dependence_t(aar, 1, est_aar).statistic);
  }
  EXPECT_NEAR(sum_of_daily_statistics(lamb_daily).statistic,
              car.number(car.row_of("car_lamb"), "statistic"), k_tolerance);
  const double bw85 = car.number(car.row_of("car_brown_warner_1985"), "statistic");
  EXPECT_NEAR(sum_of_daily_statistics(cda_daily).statistic, bw85, k_tolerance);
  // The CAAR form of T3 is the same number (design/methods.md T3).
  EXPECT_NEAR(crude_dependence_t(caar, 5, est_aar).statistic, bw85, k_tolerance);
  // car_mean is the average daily AAR (README quirk 4).
  EXPECT_NEAR(caar / 5.0, car.number(car.row_of("car_lamb"), "car_mean"), 1e-12);
}

TEST(estudy2_nonparametric_test, car_level_tests_match_independent_recomputation) {
  // CAR_i and SCAR_i (full CLM CAR variance) per firm from independent_recomputation_car_by_firm
  // (10 digits); summary statistics from independent_recomputation_car_summary.csv.
  AFTERSHOCK_REQUIRE_SHARED(shared);
  const test::RefCsv by_firm(case_dir(shared) / "independent_recomputation_car_by_firm.csv");
  const test::RefCsv summary(case_dir(shared) / "independent_recomputation_car_summary.csv");
  std::vector<double> cars;
  std::vector<double> scars;
  std::vector<int> df;
  for (const char* firm : k_firms) {
    const std::size_t r = by_firm.row_of(firm);
    cars.push_back(by_firm.number(r, "CAR_16_20Mar"));
    scars.push_back(by_firm.number(r, "SCAR_clm"));
    df.push_back(static_cast<int>(by_firm.number(r, "T_est")) - 2);
  }
  const auto value = [&summary](const char* key) {
    return summary.number(summary.row_of(key), "value");
  };
  // Inputs carry 10 significant digits, so compare to 1e-7.
  EXPECT_NEAR(clm_j2(scars, df).statistic, value("patell_z_CAR_clm_variance"), 1e-7);
  const TestValue bmp = bmp_t(scars);
  EXPECT_NEAR(bmp.statistic, value("bmp_t_CAR_clm_variance"), 1e-7);
  EXPECT_NEAR(kp_adjusted_bmp(bmp, value("rbar_estimation_residual_correlation"), 7).statistic,
              value("kp_adj_bmp_t_CAR"), 1e-7);
  EXPECT_NEAR(cross_sectional_t(cars).statistic, value("cross_sectional_t_CAR"), 1e-7);
}

} // namespace
} // namespace aftershock::stats
