#pragma once
// The bundled DeepSeek study (data/, event 2025-01-27, market SPY, every ticker of
// data/shares_outstanding.csv, default CAR windows), read with the test-only CSV reader: the
// common set-up of the tests that run the engine on real data.

#include <aftershock/series/panel.hpp>
#include <aftershock/series/shares.hpp>
#include <aftershock/study/config.hpp>

namespace aftershock::test {

struct DeepSeekStudy {
  series::SharesTable shares; // data/shares_outstanding.csv
  series::Panel panel;        // data/prices of those tickers and SPY, on SPY's calendar
  study::StudyConfig config;  // event_id "deepseek", 2025-01-27, SPY, the shares tickers
};

// Reads the bundled data; throws std::runtime_error when a file is missing or malformed.
DeepSeekStudy load_deepseek_study();

} // namespace aftershock::test
