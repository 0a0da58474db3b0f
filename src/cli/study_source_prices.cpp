// `study --source NAME`: the firms and the market downloaded from a quote API (cached), and
// with --shares sec their share counts from SEC EDGAR; the tickers that failed are listed in the
// result after the study ran, so they never reach an aggregate.
#include "study_source_prices.hpp"

#include <aftershock/calendar/date.hpp>
#include <aftershock/sources/quote_source.hpp>
#include <aftershock/util/error.hpp>
#include <aftershock/util/parse.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>

#include "fetch_setup.hpp"
#include "study_settings.hpp"

namespace aftershock::cli {

namespace {

// The calendar dates to download for a study (study --source): the estimation window's first
// offset and the event window's last, trading days turned into calendar days at 7 per 5 plus
// slack for holidays (30 days before, 10 after), the end capped at `today`.
struct FetchSpan {
  calendar::Date from;
  calendar::Date to;
};

FetchSpan fetch_span(const study::StudyConfig& config, calendar::Date today) {
  const int first = std::min({config.estimation.first, config.event_window.first, 0});
  const int last = std::max({config.estimation.last, config.event_window.last, 0});
  const calendar::Date from = config.event_date - std::chrono::days(std::abs(first) * 7 / 5 + 30);
  const calendar::Date to = config.event_date + std::chrono::days(last * 7 / 5 + 10);
  return {from, std::min(to, today)};
}

// A firm row for a ticker the quote API did not deliver; added after the study ran, so it never
// reaches an aggregate. Missing numbers are NaN.
study::FirmResult source_failed_firm(const sources::TickerFailure& failure) {
  constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();
  study::FirmResult firm;
  firm.ticker = failure.ticker;
  firm.status = study::FirmStatus::source_failed;
  firm.reason = std::string(sources::failure_kind_name(failure.failure.kind)) + ": " +
                failure.failure.message;
  firm.fit.sigma = k_nan;
  firm.fit.r2 = k_nan;
  firm.market_cap_before = k_nan;
  return firm;
}

} // namespace

SourcePrices load_source_prices(const boost::program_options::variables_map& map,
                                const SourceRequest& request, study::StudyConfig& config,
                                const events::NamedEvent* named, CommandContext& context) {
  SourcePrices out;
  if (const auto text = get_string(map, "tickers")) {
    config.tickers = split_tickers(*text);
  } else if (named != nullptr) {
    for (const auto ticker : named->tickers)
      config.tickers.emplace_back(ticker);
  } else {
    throw UsageError("--source needs --tickers (or a named --event)",
                     "e.g. --source yahoo --tickers NVDA,AVGO --market SPY");
  }
  check_ticker_text(config.market, "study");
  for (const auto& ticker : config.tickers)
    check_ticker_text(ticker, "study");
  std::vector<std::string> wanted{config.market};
  for (const auto& ticker : config.tickers)
    if (std::find(wanted.begin(), wanted.end(), ticker) == wanted.end())
      wanted.push_back(ticker);
  const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  const auto span = fetch_span(config, today);
  const auto fetch =
      make_fetch_options(context, cache_mode_for(request.offline, request.refresh, "study"),
                         std::string(), 4, progress_display(context, request.quiet), wanted.size());
  auto fetched = sources::fetch_prices(request.source, wanted, span.from, span.to, fetch);
  move_empty_series_to_failures(fetched, request.source, span.from, span.to);
  std::size_t from_cache = 0;
  std::map<std::string, std::vector<sources::SplitEvent>> split_events;
  for (auto& data : fetched.series) {
    from_cache += data.provenance.from_cache ? 1U : 0U;
    split_events[data.prices.ticker] = data.splits;
    out.loaded.series.push_back(std::move(data.prices));
  }
  for (auto& failure : fetched.failures) {
    if (failure.ticker == config.market)
      throw Error(fmt::format("market ticker {} failed to load from {} ({}): {}",
                              util::quote_for_message(config.market), request.source,
                              sources::failure_kind_name(failure.failure.kind),
                              terminal_safe(failure.failure.message)),
                  failure.failure.hint.empty()
                      ? "choose another --market or --source, or use CSV files with --data"
                      : terminal_safe(failure.failure.hint));
    out.failures.push_back(std::move(failure));
  }
  std::erase_if(config.tickers, [&](const std::string& ticker) {
    return std::any_of(out.failures.begin(), out.failures.end(),
                       [&](const auto& failure) { return failure.ticker == ticker; });
  });
  out.loaded.notes.push_back(fmt::format("prices from {}: {} of {} tickers loaded for {} to {} ({} "
                                         "from the cache)",
                                         request.source, out.loaded.series.size(), wanted.size(),
                                         calendar::format_iso(span.from),
                                         calendar::format_iso(span.to), from_cache));
  print_fetch_failures(context.err, out.failures);
  if (request.sec_shares) {
    const auto reporting = sources::make_quote_source(request.source, fetch.env)->split_reporting();
    out.sec_load = load_sec_shares(config.tickers, config.event_date, split_events, request.source,
                                   reporting, fetch);
    print_fetch_failures(context.err, out.sec_load->failures);
  }
  return out;
}

void add_source_outcomes(const SourcePrices& prices, study::StudyResult& result) {
  // Tickers the quote API did not deliver are listed like other excluded firms, added after the
  // study so that they never reach an aggregate.
  for (const auto& failure : prices.failures) {
    for (auto& event : result.events)
      event.firms.push_back(source_failed_firm(failure));
    result.notes.push_back(failure.ticker +
                           " excluded (sourcefailed): " + source_failed_firm(failure).reason);
  }

  // Share counts from SEC: the filing used per ticker, and the tickers without one.
  if (prices.sec_load) {
    for (const auto& note : prices.sec_load->notes)
      result.notes.push_back(note);
    for (const auto& failure : prices.sec_load->failures)
      result.notes.push_back(fmt::format("shares {}: none from SEC ({}): {}", failure.ticker,
                                         sources::failure_kind_name(failure.failure.kind),
                                         failure.failure.message));
  }
}

} // namespace aftershock::cli
