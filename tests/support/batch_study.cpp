#include "support/batch_study.hpp"

#include <aftershock/calendar/date.hpp>

#include <algorithm>
#include <utility>

#include "support/paths.hpp"
#include "support/ref_csv.hpp"

namespace aftershock::test {

BatchStudy::BatchStudy(std::vector<std::string> tickers, std::vector<events::Window> car_windows) {
  if (std::find(tickers.begin(), tickers.end(), "SPY") == tickers.end())
    tickers.emplace_back("SPY");
  markets["SPY"].panel = read_price_dir_panel(data_dir() / "prices", tickers, "SPY");
  shares = read_shares(data_dir() / "shares_outstanding.csv");
  config.market = "SPY";
  config.car_windows = std::move(car_windows);
  config.events_file = "events.csv";
  config.event_id = "events";
}

events::FirmEvent firm_event(std::string id, std::string ticker, const char* iso,
                             std::size_t line) {
  events::FirmEvent e;
  e.id = std::move(id);
  e.ticker = std::move(ticker);
  e.date = *calendar::parse_iso_date(iso);
  e.line = line;
  return e;
}

} // namespace aftershock::test
