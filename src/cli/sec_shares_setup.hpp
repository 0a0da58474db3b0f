#pragma once
// `study --source S --shares sec`: shares outstanding from SEC EDGAR as of the event, rebased
// for the splits the price source reported after each filing, with one report note per ticker
// naming the filing (form, cover date, filing date, accession) and the split source.

#include <aftershock/calendar/date.hpp>
#include <aftershock/series/shares.hpp>
#include <aftershock/sources/fetch.hpp>
#include <aftershock/sources/quote_source.hpp>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace aftershock::cli {

// The --shares value that selects SEC EDGAR instead of a file.
inline constexpr std::string_view k_sec_shares = "sec";

struct SecSharesLoad {
  series::SharesTable table;                    // one record per ticker that loaded
  std::vector<sources::TickerFailure> failures; // tickers without a share count, with the reason
  std::vector<std::string> notes;               // report notes: filing and split source per ticker
};

// Fetches the share counts of `tickers` as of `event` (the cover date on or before it), rebased
// with `splits` (ticker -> the split events `provider` reported; `reporting` says whether it
// reports any). Every per-ticker problem is a failure; nothing throws for a ticker.
SecSharesLoad load_sec_shares(const std::vector<std::string>& tickers, calendar::Date event,
                              const std::map<std::string, std::vector<sources::SplitEvent>>& splits,
                              std::string_view provider, sources::SplitReporting reporting,
                              const sources::FetchOptions& options);

} // namespace aftershock::cli
