#pragma once
// Shares outstanding from SEC EDGAR (design/data-sources.md section 4): the ticker -> CIK map
// ({base}/files/company_tickers.json) and the company-concept API for
// dei:EntityCommonStockSharesOutstanding ({base}/api/xbrl/companyconcept/CIK##########/dei/
// EntityCommonStockSharesOutstanding.json). Share classes reported with the same cover date and
// accession are summed; the filing with the latest cover date on or before the event is chosen and
// rebased for every later split, because split-adjusted closes (Yahoo "close") are adjusted for
// all splits up to the download date. The chosen cover date, filing date and accession are kept.

#include <aftershock/calendar/date.hpp>
#include <aftershock/series/shares.hpp>
#include <aftershock/sources/fetch.hpp>
#include <aftershock/sources/quote_source.hpp>
#include <aftershock/util/result.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aftershock::sources {

// One cover-page share count, all classes summed.
struct ShareFiling {
  calendar::Date end;    // cover date of the count
  calendar::Date filed;  // date the filing was made
  std::string accession; // e.g. 0001045810-24-000316
  std::string form;      // 10-Q, 10-K
  double shares = 0.0;   // sum over share classes
  int classes = 0;       // number of rows summed
};

struct SharesAtEvent {
  series::SharesRecord record; // ticker, rebased shares, as_of = cover date, source text
  ShareFiling filing;          // the filing used (unrebased count in filing.shares)
  double split_factor = 1.0;   // product of the splits after the cover date
  Provenance provenance;
};

struct SharesRequest {
  std::string ticker;
  calendar::Date event;           // shares as of this date
  std::vector<SplitEvent> splits; // from the price source (e.g. Yahoo events.splits)
};

struct SharesFetchResult {
  std::vector<SharesAtEvent> shares;   // in request order
  std::vector<TickerFailure> failures; // in request order
};

// Parses company_tickers.json ({"0":{"cik_str":320193,"ticker":"AAPL","title":...},...}) into
// upper-case ticker -> CIK; nullopt when the body is not that shape.
std::optional<std::map<std::string, long long>> parse_sec_ticker_map(std::string_view body);

// Parses a company-concept body into filings sorted by cover date (classes summed per cover date
// and accession; when one cover date appears in several filings, the latest-filed one is kept).
util::Result<std::vector<ShareFiling>, SourceFailure>
parse_sec_company_concept(const std::string& ticker, const HttpResponse& response);

// The filing with the latest cover date on or before `event`, or nullptr.
const ShareFiling* choose_filing(const std::vector<ShareFiling>& filings, calendar::Date event);

// Product of numerator/denominator of the splits dated after `cover_date`.
double split_factor_after(const std::vector<SplitEvent>& splits, calendar::Date cover_date);

// Fetches share counts for every request. The contact User-Agent comes from
// AFTERSHOCK_SEC_USER_AGENT, else "aftershock/<version> (<AFTERSHOCK_CONTACT>)"; without either,
// every ticker fails as `unauthorized` and nothing is sent (SEC answers 403 without one).
SharesFetchResult fetch_sec_shares(const std::vector<SharesRequest>& requests,
                                   const FetchOptions& options);

} // namespace aftershock::sources
