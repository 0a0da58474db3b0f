// The estudy2 COVID-19 reference case end to end through run_study (../shared/reference/
// estudy2_covid19, see its README): prices_close.csv -> panel on the GSPC calendar, log returns
// spanning gaps, event 2020-03-16, window 0:4, estimation 2019-04-02..2020-03-13.
// - convention estudy2 against the package output: alpha, beta, T_i and sd (market_model_fit.csv,
//   17 significant digits) and every AR (abnormal_returns.csv, 17 digits) to 1e-9 relative;
//   daily t_csect / t_cda / Patell / BMP (expected_parametric_daily.csv, 12 digits) to 1e-8.
//   Every other daily statistic of the package (t_bw1980, lamb, sign, gen_sign, cz_sign, rank,
//   cz_rank, wilcoxon: expected_*_daily.csv) and the CAR lamb / rank / t_cda
//   (expected_car_tests.csv) to 1e-8 relative.
// - textbook convention against independent_recomputation_*.csv (10 significant digits, an
//   independent recomputation from design/methods.md, not our output) to 1e-8 relative.
#include <aftershock/study/run.hpp>

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <string>

#include "support/paths.hpp"
#include "support/ref_csv.hpp"

namespace aftershock::study {
namespace {

constexpr std::array<const char*, 7> k_firms{"AMZN", "ZM", "UBER", "NFLX", "SHOP", "FB", "UPWK"};

void expect_relative(double actual, double expected, double tolerance, const std::string& what) {
  EXPECT_NEAR(actual, expected, tolerance * std::abs(expected)) << what;
}

StudyConfig case_config(models::Convention convention) {
  StudyConfig config;
  config.event_id = "covid19";
  config.event_date = *calendar::parse_iso_date("2020-03-16");
  config.market = "GSPC";
  config.tickers.assign(k_firms.begin(), k_firms.end());
  // 2019-04-02 is trading day -240 and 2020-03-13 day -1 on the GSPC calendar (checked below).
  config.estimation = {-240, -1};
  config.event_window = {0, 4};
  config.returns = series::ReturnType::log;
  config.gaps = series::GapPolicy::span;
  config.basis = series::PriceBasis::close;
  config.convention = convention;
  return config;
}

const TestValue& test_of(const TestMap& tests, const std::string& name) {
  for (const auto& [key, value] : tests)
    if (key == name)
      return value;
  throw std::runtime_error("no test " + name);
}

TEST(Estudy2Study, ConventionEstudy2MatchesPackageOutput) {
  AFTERSHOCK_REQUIRE_SHARED(shared);
  const auto dir = shared / "reference" / "estudy2_covid19";
  const auto panel = test::read_wide_panel(dir / "prices_close.csv", "GSPC");
  const auto result = run_study(panel, nullptr, case_config(models::Convention::estudy2));
  ASSERT_EQ(result.events.size(), 1U);
  const auto& event = result.events[0];
  EXPECT_EQ(calendar::format_iso(event.estimation_first), "2019-04-02");
  EXPECT_EQ(calendar::format_iso(event.estimation_last), "2020-03-13");
  EXPECT_EQ(result.conventions.convention, "estudy2");

  const test::RefCsv fit(dir / "market_model_fit.csv");
  const test::RefCsv ar(dir / "abnormal_returns.csv");
  ASSERT_EQ(event.firms.size(), k_firms.size());
  for (const auto& firm : event.firms) {
    SCOPED_TRACE(firm.ticker);
    ASSERT_EQ(firm.status, FirmStatus::ok) << firm.reason;
    const auto row = fit.row_of(firm.ticker);
    expect_relative(*firm.fit.alpha(), fit.number(row, "alpha"), 1e-9, "alpha");
    expect_relative(*firm.fit.beta(), fit.number(row, "beta"), 1e-9, "beta");
    EXPECT_EQ(firm.fit.n_estimation, static_cast<int>(fit.number(row, "n_nonmissing_est")));
    expect_relative(firm.fit.sigma, fit.number(row, "sd_est_abnormal"), 1e-9, "sigma (M-1)");
    ASSERT_EQ(firm.days.size(), 5U);
    for (const auto& day : firm.days) {
      const auto date = calendar::format_iso(day.date.value());
      expect_relative(day.abnormal_return, ar.number(ar.row_of(date), firm.ticker), 1e-9,
                      "AR " + date);
    }
  }

  const test::RefCsv expected(dir / "expected_parametric_daily.csv");
  const test::RefCsv nonparametric(dir / "expected_nonparametric_daily.csv");
  ASSERT_EQ(event.aggregate.days.size(), 5U);
  for (const auto& day : event.aggregate.days) {
    const auto date = calendar::format_iso(day.date);
    SCOPED_TRACE(date);
    const auto row = expected.row_of(date);
    EXPECT_EQ(day.n, 7);
    expect_relative(day.aar, expected.number(row, "mean"), 1e-9, "AAR");
    expect_relative(test_of(day.tests, "t_csect").statistic, expected.number(row, "t_test_stat"),
                    1e-8, "t_csect");
    expect_relative(test_of(day.tests, "t_cda").statistic, expected.number(row, "bw_1985_stat"),
                    1e-8, "t_cda");
    expect_relative(test_of(day.tests, "patell").statistic, expected.number(row, "pt_stat"), 1e-8,
                    "patell");
    expect_relative(test_of(day.tests, "bmp").statistic, expected.number(row, "bh_stat"), 1e-8,
                    "bmp");
    expect_relative(test_of(day.tests, "t_bw1980").statistic, expected.number(row, "bw_1980_stat"),
                    1e-8, "t_bw1980");
    expect_relative(test_of(day.tests, "lamb").statistic, expected.number(row, "lmb_stat"), 1e-8,
                    "lamb");
    // Non-parametric: expected_nonparametric_daily.csv (12 significant digits).
    const auto np = nonparametric.row_of(date);
    expect_relative(test_of(day.tests, "sign").statistic, nonparametric.number(np, "sign_stat"),
                    1e-8, "sign");
    expect_relative(test_of(day.tests, "gen_sign").statistic,
                    nonparametric.number(np, "gsign_stat"), 1e-8, "gen_sign (pooled p-hat)");
    expect_relative(test_of(day.tests, "cz_sign").statistic, nonparametric.number(np, "csign_stat"),
                    1e-8, "cz_sign");
    expect_relative(test_of(day.tests, "rank").statistic, nonparametric.number(np, "rank_stat"),
                    1e-8, "rank");
    expect_relative(test_of(day.tests, "cz_rank").statistic, nonparametric.number(np, "mrank_stat"),
                    1e-8, "cz_rank");
    EXPECT_EQ(test_of(day.tests, "wilcoxon").statistic, nonparametric.number(np, "wlcx_stat"));
    EXPECT_EQ(day.tests.size(), 19U);
  }
  // car_brown_warner_1985 over 16..20 Mar (expected_car_tests.csv, 12 digits) is the CDA on the
  // window: CAAR / (sqrt(L) S_AAR).
  const test::RefCsv car_tests(dir / "expected_car_tests.csv");
  ASSERT_EQ(event.aggregate.cars.size(), 1U);
  expect_relative(test_of(event.aggregate.cars[0].tests, "t_cda").statistic,
                  car_tests.number(car_tests.row_of("car_brown_warner_1985"), "statistic"), 1e-8,
                  "CAR t_cda");
  expect_relative(test_of(event.aggregate.cars[0].tests, "lamb").statistic,
                  car_tests.number(car_tests.row_of("car_lamb"), "statistic"), 1e-8, "CAR lamb");
  expect_relative(test_of(event.aggregate.cars[0].tests, "rank").statistic,
                  car_tests.number(car_tests.row_of("car_rank_test"), "statistic"), 1e-8,
                  "CAR rank");
  EXPECT_EQ(result.conventions.gen_sign_p_hat.rfind("pooled", 0), 0U);
}

TEST(Estudy2Study, TextbookMatchesIndependentRecomputation) {
  AFTERSHOCK_REQUIRE_SHARED(shared);
  const auto dir = shared / "reference" / "estudy2_covid19";
  const auto panel = test::read_wide_panel(dir / "prices_close.csv", "GSPC");
  const auto result = run_study(panel, nullptr, case_config(models::Convention::textbook));
  const auto& event = result.events[0];
  EXPECT_EQ(result.conventions.convention, "textbook");

  const test::RefCsv daily(dir / "independent_recomputation_daily.csv");
  for (const auto& day : event.aggregate.days) {
    const auto date = calendar::format_iso(day.date);
    SCOPED_TRACE(date);
    const auto row = daily.row_of(date);
    expect_relative(test_of(day.tests, "patell").statistic, daily.number(row, "patell_z_textbook"),
                    1e-8, "patell");
    expect_relative(test_of(day.tests, "bmp").statistic, daily.number(row, "bmp_t_textbook"), 1e-8,
                    "bmp");
    expect_relative(test_of(day.tests, "bmp_kp").statistic, daily.number(row, "kp_adj_bmp_t"), 1e-8,
                    "bmp_kp");
    expect_relative(test_of(day.tests, "patell_kp").statistic, daily.number(row, "kp_adj_patell_z"),
                    1e-8, "patell_kp");
    expect_relative(test_of(day.tests, "rank").statistic,
                    daily.number(row, "corrado_rank_textbook"), 1e-8, "rank");
    expect_relative(test_of(day.tests, "cz_rank").statistic,
                    daily.number(row, "corrado_zivney_rank_textbook"), 1e-8, "cz_rank");
  }

  const test::RefCsv summary(dir / "independent_recomputation_car_summary.csv");
  const auto value = [&](const char* name) {
    return summary.number(summary.row_of(name), "value");
  };
  expect_relative(event.aggregate.mean_residual_correlation,
                  value("rbar_estimation_residual_correlation"), 1e-8, "rbar");
  ASSERT_EQ(event.aggregate.cars.size(), 1U); // the full window 0:4, appended
  const auto& car = event.aggregate.cars[0];
  EXPECT_EQ(car.window, (events::Window{0, 4}));
  EXPECT_EQ(car.n, 7);
  expect_relative(car.caar, value("CAAR_16_20Mar"), 1e-8, "CAAR");
  expect_relative(test_of(car.tests, "patell").statistic, value("patell_z_CAR_clm_variance"), 1e-8,
                  "CAR patell");
  expect_relative(test_of(car.tests, "bmp").statistic, value("bmp_t_CAR_clm_variance"), 1e-8,
                  "CAR bmp");
  expect_relative(test_of(car.tests, "bmp_kp").statistic, value("kp_adj_bmp_t_CAR"), 1e-8,
                  "CAR bmp_kp");
  expect_relative(test_of(car.tests, "t_csect").statistic, value("cross_sectional_t_CAR"), 1e-8,
                  "CAR t_csect");
  // J2 with unequal M_i is the window Patell form (CLM 1997 ch. 4; stats/car_tests.hpp).
  expect_relative(test_of(car.tests, "j2").statistic, value("patell_z_CAR_clm_variance"), 1e-8,
                  "CAR j2");

  const test::RefCsv by_firm(dir / "independent_recomputation_car_by_firm.csv");
  for (const auto& firm : event.firms) {
    SCOPED_TRACE(firm.ticker);
    const auto row = by_firm.row_of(firm.ticker);
    expect_relative(firm.fit.sigma, by_firm.number(row, "s_i_Tminus2"), 1e-8, "s (M-2)");
    EXPECT_EQ(firm.fit.n_estimation, static_cast<int>(by_firm.number(row, "T_est")));
    ASSERT_EQ(firm.cars.size(), 1U);
    expect_relative(firm.cars[0].car, by_firm.number(row, "CAR_16_20Mar"), 1e-8, "CAR");
    expect_relative(firm.cars[0].t, by_firm.number(row, "SCAR_clm"), 1e-8, "SCAR");
  }
}

TEST(Estudy2Study, AdjustedPValuesAndSeededBootstrap) {
  AFTERSHOCK_REQUIRE_SHARED(shared);
  const auto dir = shared / "reference" / "estudy2_covid19";
  const auto panel = test::read_wide_panel(dir / "prices_close.csv", "GSPC");
  auto config = case_config(models::Convention::textbook);
  config.inference.adjust = PAdjust::holm;
  config.inference.bootstrap = 300;
  config.inference.seed = 20200316;
  const auto a = run_study(panel, nullptr, config);
  const auto b = run_study(panel, nullptr, config);
  const auto& car = a.events[0].aggregate.cars[0];
  // Holm never lowers a p-value and never exceeds 1.
  for (const auto& [name, value] : car.tests)
    if (!std::isnan(value.p_value)) {
      EXPECT_GE(value.p_adjusted, value.p_value) << name;
      EXPECT_LE(value.p_adjusted, 1.0) << name;
    }
  EXPECT_EQ(car.bootstrap.replications, 300);
  EXPECT_EQ(car.bootstrap.p_value, b.events[0].aggregate.cars[0].bootstrap.p_value); // seeded
  EXPECT_LT(car.bootstrap.ci_low, car.caar);
  EXPECT_GT(car.bootstrap.ci_high, car.caar);
  EXPECT_NE(a.conventions.bootstrap.find("seed 20200316"), std::string::npos);
}

} // namespace
} // namespace aftershock::study
