#pragma once
// Shared helpers for the sources tests: a virtual clock, an environment map, gzip, and bodies in
// the real provider shapes generated from the bundled data/prices CSV files (so the expected
// numbers come from those files, not from our own output).

#include <aftershock/calendar/date.hpp>
#include <aftershock/sources/clock.hpp>
#include <aftershock/sources/env_lookup.hpp>

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace aftershock::test {

// Virtual time: sleep_for advances now() instantly and records the requested sleeps.
class FakeClock final : public sources::Clock {
public:
  time_point now() override { return m_now; }
  void sleep_for(std::chrono::milliseconds duration) override {
    m_sleeps.push_back(duration);
    m_now += duration;
  }
  [[nodiscard]] const std::vector<std::chrono::milliseconds>& sleeps() const { return m_sleeps; }

private:
  time_point m_now{std::chrono::hours(1)};
  std::vector<std::chrono::milliseconds> m_sleeps;
};

// An EnvLookup over a fixed map.
sources::EnvLookup env_from(std::map<std::string, std::string> variables);

// gzip-compresses `text` (zlib, gzip wrapper).
std::string gzip(const std::string& text);

// One row of data/prices/<TICKER>.csv.
struct CsvBar {
  calendar::Date date;
  double close = 0.0;
  double adj_close = 0.0;
  double volume = 0.0;
};
std::vector<CsvBar> read_bundled_prices(const std::string& ticker);

// A Yahoo v8 chart body (field names and nesting as in the real responses) for `bars`, stamped
// at 09:30 New York (14:30Z, gmtoffset -18000). `null_close_at` (index) sets close, adjclose and
// volume of that bar to null; a split and a dividend may be added.
struct YahooBodyOptions {
  std::string symbol = "NVDA";
  int null_close_at = -1;
  bool split_10_for_1_on_2024_06_10 = false;
  bool dividend_0_01_on_2024_03_05 = false;
};
std::string yahoo_chart_body(const std::vector<CsvBar>& bars, const YahooBodyOptions& options);

// Stooq CSV (Date,Open,High,Low,Close,Volume) for `bars`; open=high=low=close.
std::string stooq_csv_body(const std::vector<CsvBar>& bars);

// Alpha Vantage TIME_SERIES_DAILY JSON for `bars`, dates descending, values as strings.
std::string alphavantage_daily_body(const std::vector<CsvBar>& bars, const std::string& symbol);

// Every regular file under `directory` concatenated (to search the cache for secrets).
std::string read_tree(const std::filesystem::path& directory);

} // namespace aftershock::test
