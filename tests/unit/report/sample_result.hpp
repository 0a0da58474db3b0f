#pragma once
// A hand-built StudyResult for renderer tests: two firms (one ok with shares, one with a
// missing day and no shares), three event days (-1..1), and one not-ok firm. The numbers are
// arbitrary inputs chosen to be exact in binary or easy to recognise; renderers only format
// them, so the tests compare against these inputs.

#include <aftershock/study/result.hpp>

#include <cmath>
#include <limits>

namespace aftershock::report::test {

inline calendar::Date day(int d) {
  return calendar::Date{std::chrono::year{2025} / std::chrono::January / d};
}

inline study::StudyResult sample_result() {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  study::StudyResult r;
  r.config.event_id = "deepseek";
  r.config.event_date = day(27);
  r.config.market = "SPY";
  r.config.tickers = {"NVDA", "ARM", "XYZ"};
  r.config.event_window = {-1, 1};
  r.config.car_windows = {{0, 0}, {-1, 1}};
  r.conventions.convention = "textbook";
  r.conventions.return_type = "simple";
  r.conventions.gap_policy = "missing";
  r.conventions.price_basis = "adj_close when complete, else close";
  r.conventions.variance_divisor = "M-2";
  r.conventions.prediction_error = "full";
  r.conventions.market_mean_basis = "firm's own estimation days";
  r.conventions.car_variance = "MacKinlay 1997";
  r.conventions.p_values = "two-sided";
  r.conventions.non_trading_policy = "next";
  r.conventions.dollar_measure = "sum_t AR_t MV_{t-1}";
  r.conventions.market_cap = "close x shares";

  study::EventResult e;
  e.id = "deepseek";
  e.requested_date = day(26); // a Sunday
  e.event_date = day(27);
  e.estimation = {-260, -11};
  e.event_window = {-1, 1};
  e.estimation_first = calendar::Date{std::chrono::year{2024} / std::chrono::January / 16};
  e.estimation_last = day(10);
  e.market = "SPY";

  study::FirmResult nvda;
  nvda.ticker = "NVDA";
  nvda.fit.coefficients = {{"alpha", 0.001, 0.0005}, {"beta", 1.5, 0.1}};
  nvda.fit.sigma = 0.02;
  nvda.fit.r2 = 0.25;
  nvda.fit.n_estimation = 250;
  nvda.fit.df = 248;
  nvda.days = {{-1, day(24), 0.01, 0.005, 0.0085, 0.0015, 0.02, 0.075},
               {0, day(27), -0.1697, -0.015, -0.0215, -0.1482, 0.02, -7.41},
               {1, day(28), 0.0893, 0.01, 0.016, 0.0733, 0.02, 3.665}};
  nvda.cars = {{{0, 0}, -0.1482, 0.02, -7.41, 0.0, -0.1482, -5.93e11, -5.2e11, -0.73e11},
               {{-1, 1}, -0.0734, 0.035, -2.5, 0.0125, -0.08, -3.0e11, -2.5e11, -0.5e11}};
  nvda.shares = 24.49e9;
  nvda.shares_as_of = calendar::Date{std::chrono::year{2024} / std::chrono::November / 15};
  nvda.market_cap_before = 3.5e12;
  e.firms.push_back(nvda);

  study::FirmResult arm;
  arm.ticker = "ARM";
  arm.fit.coefficients = {{"alpha", -0.0005, 0.001}, {"beta", 2.0, 0.2}};
  arm.fit.sigma = 0.03;
  arm.fit.r2 = nan;
  arm.fit.n_estimation = 240;
  arm.days = {{-1, day(24), nan, 0.005, 0.009, nan, 0.03, nan},
              {0, day(27), -0.1, -0.015, -0.03, -0.07, 0.03, -2.25},
              {1, day(28), 0.05, 0.01, 0.02, 0.03, 0.03, 1.0}};
  arm.cars = {{{0, 0}, -0.07, 0.03, -2.25, 0.03, -0.07, nan, nan, nan},
              {{-1, 1}, -0.04, 0.05, -0.8, 0.5, -0.041, nan, nan, nan}};
  arm.market_cap_before = nan;
  e.firms.push_back(arm);

  study::FirmResult xyz;
  xyz.ticker = "XYZ";
  xyz.status = study::FirmStatus::edata_missing;
  xyz.reason = "only 40 estimation returns, need 100";
  xyz.fit.n_estimation = 40;
  xyz.market_cap_before = nan;
  e.firms.push_back(xyz);

  auto tests = [nan](double s) {
    return study::TestMap{{"t_csect", {s, 0.5, 1}},
                          {"t_cda", {s, 0.25, 249}},
                          {"patell", {s, 0.125, nan}},
                          {"bmp", {s, 0.0625, 1}},
                          {"bmp_kp", {nan, nan, 1}}};
  };
  e.aggregate.n_firms = 2;
  e.aggregate.days = {{-1, day(24), 1, 0.0015, tests(0.5)},
                      {0, day(27), 2, -0.1091, tests(-4.0)},
                      {1, day(28), 2, 0.05165, tests(2.0)}};
  e.aggregate.cars = {{{0, 0},
                       2,
                       -0.1091,
                       tests(-4.0),
                       -5.93e11,
                       -5.2e11,
                       -0.73e11,
                       -5.2e11,
                       0.0,
                       -5.93e11,
                       0.0,
                       -0.1482},
                      {{-1, 1},
                       2,
                       -0.0567,
                       tests(-2.0),
                       -3.0e11,
                       -2.5e11,
                       -0.5e11,
                       -2.5e11,
                       0.0,
                       -3.0e11,
                       0.0,
                       -0.0714}};
  e.aggregate.market_cap_before = 3.5e12;
  e.aggregate.n_without_shares = 1;
  e.aggregate.tickers_without_shares = {"ARM"};
  r.events.push_back(e);
  r.notes = {"28 price files read"};
  return r;
}

} // namespace aftershock::report::test
