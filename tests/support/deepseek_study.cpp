#include "support/deepseek_study.hpp"

#include <aftershock/calendar/date.hpp>

#include <string>
#include <vector>

#include "support/paths.hpp"
#include "support/ref_csv.hpp"

namespace aftershock::test {

DeepSeekStudy load_deepseek_study() {
  auto shares = read_shares(data_dir() / "shares_outstanding.csv");
  std::vector<std::string> tickers;
  for (const auto& record : shares.records)
    tickers.push_back(record.ticker);
  auto all = tickers;
  all.push_back("SPY");
  auto panel = read_price_dir_panel(data_dir() / "prices", all, "SPY");
  study::StudyConfig config;
  config.event_id = "deepseek";
  config.event_date = *calendar::parse_iso_date("2025-01-27");
  config.market = "SPY";
  config.tickers = std::move(tickers);
  config.car_windows = study::default_car_windows();
  return {std::move(shares), std::move(panel), std::move(config)};
}

} // namespace aftershock::test
