#pragma once
// Test-only readers that build engine inputs without the product's CSV loader: a wide price
// file (date,T1,T2,... as in the estudy2 reference case), per-ticker files of data/prices
// (date,close,adj_close,volume) and data/shares_outstanding.csv. Plain commas, ISO dates, no
// quoting; empty cells are missing prices. Throws std::runtime_error on anything else.

#include <aftershock/series/panel.hpp>
#include <aftershock/series/shares.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace aftershock::test {

// A panel from a wide CSV; the calendar is the dates on which `calendar_column` has a price,
// and every column holds close only (no adj_close).
series::Panel read_wide_panel(const std::filesystem::path& path,
                              const std::string& calendar_column);

// A panel from `dir`/<T>.csv for every ticker of `tickers`; the calendar is the dates of
// `market` (which must be among `tickers`). Files missing for a ticker leave it out.
series::Panel read_price_dir_panel(const std::filesystem::path& dir,
                                   const std::vector<std::string>& tickers,
                                   const std::string& market);

// ticker,shares,as_of,source (source may contain commas: everything after the third one).
series::SharesTable read_shares(const std::filesystem::path& path);

} // namespace aftershock::test
