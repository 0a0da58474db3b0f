#include "sec_shares_setup.hpp"

#include <aftershock/sources/sec_shares.hpp>

#include <fmt/format.h>

namespace aftershock::cli {

namespace {

std::string describe_splits(const std::vector<sources::SplitEvent>& splits, calendar::Date after) {
  std::string text;
  for (const auto& split : splits)
    if (split.date > after)
      text += fmt::format("{}{} {:g}:{:g}", text.empty() ? "" : ", ",
                          calendar::format_iso(split.date), split.numerator, split.denominator);
  return text;
}

} // namespace

SecSharesLoad load_sec_shares(const std::vector<std::string>& tickers, calendar::Date event,
                              const std::map<std::string, std::vector<sources::SplitEvent>>& splits,
                              std::string_view provider, sources::SplitReporting reporting,
                              const sources::FetchOptions& options) {
  SecSharesLoad load;
  load.table.origin = "SEC EDGAR company concept dei:EntityCommonStockSharesOutstanding";
  std::vector<sources::SharesRequest> requests;
  for (const auto& ticker : tickers) {
    const auto found = splits.find(ticker);
    requests.push_back(
        {ticker, event,
         found == splits.end() ? std::vector<sources::SplitEvent>{} : found->second});
  }
  auto fetched = sources::fetch_sec_shares(requests, options);
  for (auto& shares : fetched.shares) {
    const auto& filing = shares.filing;
    const std::string later = describe_splits(splits.count(shares.record.ticker) != 0
                                                  ? splits.at(shares.record.ticker)
                                                  : std::vector<sources::SplitEvent>{},
                                              filing.end);
    // Market value = split-adjusted close x shares from the latest filing on or before the date,
    // rebased for later splits (design/methods.md section 10; design/data-sources.md section 4).
    // The record's source text is what the report prints per firm (JSON shares_source).
    shares.record.source = fmt::format(
        "SEC EDGAR dei:EntityCommonStockSharesOutstanding, {} cover date {}, filed {}, accession "
        "{}, {} class{}; {}",
        filing.form, calendar::format_iso(filing.end), calendar::format_iso(filing.filed),
        filing.accession, filing.classes, filing.classes == 1 ? "" : "es summed",
        reporting == sources::SplitReporting::none
            ? fmt::format("not rebased: {} reports no split events, check for splits after the "
                          "cover date",
                          provider)
        : later.empty() ? fmt::format("no {} split after the cover date", provider)
                        : fmt::format("rebased x{:g} for {} splits after the cover date ({})",
                                      shares.split_factor, provider, later));
    load.notes.push_back(fmt::format(
        "shares {}: {:.0f} from {}{}", shares.record.ticker, shares.record.shares,
        shares.record.source, shares.provenance.from_cache ? " (SEC answer from the cache)" : ""));
    load.table.records.push_back(std::move(shares.record));
  }
  load.failures = std::move(fetched.failures);
  return load;
}

} // namespace aftershock::cli
