// Factor models through run_study on bundled data, against the committed generator
// tests/reference/generate_models.py (statsmodels; models_expected.csv, 17 digits): AAPL vs
// GSPC adj_close simple returns, estimation calendar days 1..250 = offsets -259..-10 around
// day 0 = calendar day 260, CAR window 258..262 = offsets -2..2. Tolerance 1e-9 relative.
// Factors come through the product's reader (sources::load_factors) and models::align_factors.
#include <aftershock/models/design_model.hpp>
#include <aftershock/sources/factor_loader.hpp>
#include <aftershock/study/run.hpp>
#include <aftershock/util/error.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>

#include "support/paths.hpp"
#include "support/ref_csv.hpp"

namespace aftershock::study {
namespace {

std::map<std::string, double> expected_of(const std::string& model) {
  const test::RefCsv csv(test::source_dir() / "tests" / "reference" / "models_expected.csv");
  std::map<std::string, double> out;
  for (std::size_t r = 0; r < csv.rows(); ++r)
    if (csv.text(r, "model") == model)
      out[csv.text(r, "quantity")] = csv.number(r, "value");
  return out;
}

TEST(FactorStudy, CarhartThroughRunStudyMatchesGenerator) {
  const auto panel =
      test::read_price_dir_panel(test::data_dir() / "prices", {"AAPL", "GSPC"}, "GSPC");
  const auto table = sources::load_factors(
      {test::data_dir() / "ff_factors_daily.csv", test::data_dir() / "ff_momentum_daily.csv"});
  const auto factors = models::align_factors(table, panel.calendar);
  StudyConfig config;
  config.market = "GSPC";
  config.tickers = {"AAPL"};
  config.event_date = panel.calendar.at(260);
  config.estimation = {-259, -10};
  config.event_window = {-5, 5};
  config.car_windows = {{-2, 2}};
  config.model = models::ModelKind::carhart;
  config.factors = &factors;
  const auto result = run_study(panel, nullptr, config);
  const auto& firm = result.events.at(0).firms.at(0);
  ASSERT_EQ(firm.status, FirmStatus::ok) << firm.reason;
  const auto want = expected_of("carhart");
  EXPECT_EQ(firm.fit.n_estimation, static_cast<int>(want.at("n")));
  for (const auto& c : firm.fit.coefficients) {
    EXPECT_NEAR(c.value, want.at("coef:" + c.name), 1e-9 * std::abs(want.at("coef:" + c.name)));
    EXPECT_NEAR(c.standard_error, want.at("se:" + c.name), 1e-9 * want.at("se:" + c.name));
  }
  const auto& day0 = firm.days.at(5);
  EXPECT_NEAR(day0.abnormal_return, want.at("ar_event"), 1e-9 * std::abs(want.at("ar_event")));
  EXPECT_NEAR(day0.se * day0.se, want.at("var_ar_event"), 1e-9 * want.at("var_ar_event"));
  EXPECT_NEAR(firm.cars.at(0).se * firm.cars.at(0).se, want.at("var_car"),
              1e-9 * want.at("var_car"));
}

TEST(FactorStudy, MissingFactorColumnsEndTheCommandWithTheirNames) {
  const auto panel =
      test::read_price_dir_panel(test::data_dir() / "prices", {"AAPL", "GSPC"}, "GSPC");
  const auto table = sources::load_factors({test::data_dir() / "ff_momentum_daily.csv"});
  const auto factors = models::align_factors(table, panel.calendar);
  StudyConfig config;
  config.market = "GSPC";
  config.tickers = {"AAPL"};
  config.event_date = panel.calendar.at(260);
  config.model = models::ModelKind::ff3;
  config.factors = &factors;
  try {
    (void)run_study(panel, nullptr, config);
    FAIL() << "ff3 accepted without Mkt-RF, SMB, HML, RF";
  } catch (const Error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("Mkt-RF, SMB, HML, RF"), std::string::npos) << what;
    EXPECT_NE(what.find("ff_momentum_daily.csv"), std::string::npos) << what;
  }
}

} // namespace
} // namespace aftershock::study
