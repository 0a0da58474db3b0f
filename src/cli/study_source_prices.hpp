#pragma once
// `study --source NAME` (and --shares sec): prices and share counts downloaded for one event.

#include <aftershock/events/named_event.hpp>
#include <aftershock/sources/fetch.hpp>
#include <aftershock/sources/price_loader.hpp>
#include <aftershock/study/config.hpp>
#include <aftershock/study/result.hpp>

#include <boost/program_options/variables_map.hpp>

#include <optional>
#include <string>
#include <vector>

#include "command.hpp"
#include "sec_shares_setup.hpp"

namespace aftershock::cli {

// What the command line asks of the quote API.
struct SourceRequest {
  std::string source;      // --source NAME
  bool offline = false;    // --offline
  bool refresh = false;    // --refresh
  bool quiet = false;      // --quiet: no progress lines
  bool sec_shares = false; // --shares sec
};

// The downloaded prices: the series that loaded (with a note naming the span and the cache
// hits), the tickers that failed, and the SEC share counts when asked for.
struct SourcePrices {
  sources::LoadedPrices loaded;
  std::vector<sources::TickerFailure> failures;
  std::optional<SecSharesLoad> sec_load;
};

// Downloads the market and the firms (--tickers, else the named event's list; neither is a
// UsageError) over the span the windows of `config` need. Sets config.tickers to the firms that
// loaded; prints the failures to context.err. A market that fails to load throws Error.
SourcePrices load_source_prices(const boost::program_options::variables_map& map,
                                const SourceRequest& request, study::StudyConfig& config,
                                const events::NamedEvent* named, CommandContext& context);

// Adds the firms the quote API did not deliver (status sourcefailed, to every event) and the
// SEC share-count notes and failures to `result`, after the study ran.
void add_source_outcomes(const SourcePrices& prices, study::StudyResult& result);

} // namespace aftershock::cli
