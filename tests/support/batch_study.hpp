#pragma once
// The common set-up of the batch-engine tests (study --events, run_batch_study) on the bundled
// data: one SPY market panel, data/shares_outstanding.csv, a batch StudyConfig, and firm-event
// rows as the events-file reader gives them.

#include <aftershock/events/firm_event.hpp>
#include <aftershock/study/batch.hpp>

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace aftershock::test {

struct BatchStudy {
  std::map<std::string, study::MarketData> markets; // "SPY": data/prices of `tickers` and SPY
  series::SharesTable shares;                       // data/shares_outstanding.csv
  study::StudyConfig config; // market SPY, `car_windows`, events file "events.csv", id "events"

  // Reads the bundled data of `tickers` (SPY added when absent); throws std::runtime_error when
  // a file is missing or malformed.
  BatchStudy(std::vector<std::string> tickers, std::vector<events::Window> car_windows);

  // The SPY panel.
  [[nodiscard]] const series::Panel& panel() const { return markets.at("SPY").panel; }
};

// A firm-event row: `id`, `ticker`, the ISO date `iso` (must parse) and its 1-based file `line`.
events::FirmEvent firm_event(std::string id, std::string ticker, const char* iso, std::size_t line);

} // namespace aftershock::test
