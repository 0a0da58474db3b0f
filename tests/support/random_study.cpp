#include "support/random_study.hpp"

#include <aftershock/calendar/date.hpp>
#include <aftershock/calendar/trading_calendar.hpp>

#include <chrono>
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace aftershock::test {

RandomStudy random_study(const RandomStudySpec& spec) {
  constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();
  std::mt19937_64 random(spec.seed);
  std::normal_distribution<double> noise(0.0, 1.0);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  std::vector<calendar::Date> dates;
  for (auto date = *calendar::parse_iso_date("2023-01-02"); dates.size() < spec.days;
       date += std::chrono::days(1)) {
    const std::chrono::weekday weekday(date);
    if (weekday != std::chrono::Saturday && weekday != std::chrono::Sunday)
      dates.push_back(date);
  }
  RandomStudy study;
  study.panel.calendar = calendar::TradingCalendar(dates);
  std::vector<double> market(spec.days);
  for (auto& r : market)
    r = 0.0003 + 0.01 * noise(random);
  const auto add = [&](const std::string& ticker, const std::vector<double>& returns,
                       double missing) {
    series::PanelColumn column;
    column.ticker = ticker;
    column.close.resize(spec.days);
    column.close[0] = 20.0 + 200.0 * uniform(random);
    for (std::size_t d = 1; d < spec.days; ++d)
      column.close[d] = column.close[d - 1] * (1.0 + returns[d]);
    if (missing > 0.0)
      for (std::size_t d = 1; d < spec.days; ++d)
        if (uniform(random) < missing)
          column.close[d] = k_nan;
    column.adj_close.assign(spec.days, k_nan);
    study.panel.columns.push_back(std::move(column));
  };
  add("MKT", market, 0.0);
  for (std::size_t i = 0; i < spec.firms; ++i) {
    const double alpha =
        spec.alpha_sd > 0.0 ? spec.alpha_mean + spec.alpha_sd * noise(random) : spec.alpha_mean;
    const double beta = 0.5 + uniform(random);
    const double sigma = 0.005 + 0.02 * uniform(random);
    std::vector<double> returns(spec.days);
    for (std::size_t d = 0; d < spec.days; ++d)
      returns[d] = alpha + beta * market[d] + sigma * noise(random) +
                   (d == spec.day0 ? spec.shock_mean + spec.shock_sd * noise(random) : 0.0);
    const std::string ticker = "F" + std::to_string(i);
    add(ticker, returns, i % 3 == 0 ? spec.missing_every_third : 0.0);
    study.config.tickers.push_back(ticker);
    study.shares.records.push_back(
        {ticker, std::floor(1e7 * std::pow(1e3, uniform(random))), std::nullopt, "random"});
  }
  study.config.event_date = dates[spec.day0];
  study.config.market = "MKT";
  study.config.estimation = {-250, -11};
  study.config.event_window = {-5, 5};
  study.config.car_windows = {{0, 0}, {-1, 1}, {0, 3}};
  return study;
}

} // namespace aftershock::test
