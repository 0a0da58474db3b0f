// Provider payload decoders as fuzz entry points (issue 7); see entry_points.hpp.
#include <aftershock/calendar/date.hpp>
#include <aftershock/sources/alphavantage_source.hpp>
#include <aftershock/sources/events_file.hpp>
#include <aftershock/sources/factor_loader.hpp>
#include <aftershock/sources/sec_shares.hpp>
#include <aftershock/sources/stooq_source.hpp>
#include <aftershock/sources/yahoo_source.hpp>
#include <aftershock/util/error.hpp>
#include <aftershock/util/parse.hpp>

#include <array>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "entry_points.hpp"

namespace aftershock::fuzz {
namespace {

using calendar::Date;

void check(bool condition) {
  if (!condition)
    std::abort();
}

// Wide (everything) and narrow (two weeks) ranges; a decoded series must respect either.
struct Range {
  Date from;
  Date to;
};
const std::array<Range, 2> k_ranges{
    Range{Date{std::chrono::days{-25567}},
          Date{std::chrono::days{47482}}},                                 // 1900-01-01..2099-12-31
    Range{Date{std::chrono::days{20115}}, Date{std::chrono::days{20129}}}, // 2025-01-28..02-11
};
constexpr std::array<long, 4> k_statuses{200, 404, 429, 500};

void check_decoded(const sources::QuoteData& data, const Range& range) {
  const auto& prices = data.prices;
  check(prices.dates.size() == prices.close.size());
  check(prices.adj_close.empty() || prices.adj_close.size() == prices.dates.size());
  check(prices.volume.empty() || prices.volume.size() == prices.dates.size());
  for (std::size_t i = 0; i < prices.dates.size(); ++i) {
    check(prices.dates[i] >= range.from && prices.dates[i] <= range.to);
    if (i > 0)
      check(prices.dates[i - 1] < prices.dates[i]);
    check(std::isfinite(prices.close[i]) && prices.close[i] > 0.0);
  }
  for (const auto& split : data.splits)
    check(std::isfinite(split.numerator) && std::isfinite(split.denominator));
}

void run_source(const sources::QuoteSource& source, const std::uint8_t* data, std::size_t size) {
  sources::HttpResponse response;
  response.transport = sources::Transport::ok;
  response.body.assign(reinterpret_cast<const char*>(data), size);
  response.content_type = "application/json";
  for (const long status : k_statuses) {
    response.status = status;
    for (const auto& range : k_ranges) {
      try {
        const auto decoded = source.decode("FUZZ", response, range.from, range.to);
        if (decoded)
          check_decoded(*decoded, range);
        else
          check(!decoded.error().message.empty());
        (void)source.retry_on(response);
      } catch (const Error&) {
        // A decoder may end with aftershock::Error; anything else is a finding.
      }
    }
  }
}

} // namespace

void run_yahoo_decoder(const std::uint8_t* data, std::size_t size) {
  const sources::YahooSource source("http://127.0.0.1:1");
  run_source(source, data, size);
}

void run_alphavantage_decoder(const std::uint8_t* data, std::size_t size) {
  const sources::AlphaVantageSource source("http://127.0.0.1:1", "FUZZKEY",
                                           sources::AlphaVantageSeries::daily);
  run_source(source, data, size);
}

void run_stooq_decoder(const std::uint8_t* data, std::size_t size) {
  const sources::StooqSource source("http://127.0.0.1:1", "apikey", "FUZZKEY");
  run_source(source, data, size);
}

void run_sec_parsers(const std::uint8_t* data, std::size_t size) {
  const std::string body(reinterpret_cast<const char*>(data), size);
  try {
    if (const auto map = sources::parse_sec_ticker_map(body))
      for (const auto& [ticker, cik] : *map)
        check(!ticker.empty() && cik >= 0);
    sources::HttpResponse response;
    response.transport = sources::Transport::ok;
    response.body = body;
    for (const long status : k_statuses) {
      response.status = status;
      const auto filings = sources::parse_sec_company_concept("FUZZ", response);
      if (!filings) {
        check(!filings.error().message.empty());
        continue;
      }
      for (std::size_t i = 0; i < filings->size(); ++i) {
        check(std::isfinite((*filings)[i].shares));
        if (i > 0)
          check((*filings)[i - 1].end <= (*filings)[i].end);
      }
      for (const auto& range : k_ranges) {
        const auto* chosen = sources::choose_filing(*filings, range.to);
        check(chosen == nullptr || chosen->end <= range.to);
      }
    }
  } catch (const Error&) {
  }
}

void run_french_factors(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const std::array<std::optional<calendar::DateFormat>, 2> formats{std::nullopt,
                                                                   calendar::DateFormat::yyyymmdd};
  for (const auto& format : formats) {
    try {
      const auto file = sources::read_factor_text(bytes, "fuzz.CSV", format);
      const auto& factors = file.factors;
      check(factors.values.size() == factors.columns.size());
      for (const auto& column : factors.values)
        check(column.size() == factors.dates.size());
      for (std::size_t i = 1; i < factors.dates.size(); ++i)
        check(factors.dates[i - 1] < factors.dates[i]);
    } catch (const Error&) {
    }
  }
}

void run_events_file(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const std::array<std::optional<calendar::DateFormat>, 3> formats{
      std::nullopt, calendar::DateFormat::iso, calendar::DateFormat::dmy_dot};
  for (const auto& format : formats) {
    try {
      const auto file = sources::read_events_text(bytes, "fuzz_events.csv", format);
      check(!file.events.empty());
      std::set<std::string> ids;
      for (std::size_t i = 0; i < file.events.size(); ++i) {
        const auto& event = file.events[i];
        check(ids.insert(event.id).second);
        check(!util::trim(event.ticker).empty());
        check(!event.event_window || event.event_window->first <= event.event_window->last);
        check(!event.estimation_length || *event.estimation_length >= 1);
        check(event.line >= 1);
        if (i > 0)
          check(file.events[i - 1].line < event.line);
      }
    } catch (const Error&) {
    }
  }
  try {
    const auto prices = sources::read_arc_prices_text(bytes, "fuzz_FirmData.csv");
    for (const auto& series : prices.series) {
      check(series.dates.size() == series.close.size() && !series.dates.empty());
      for (std::size_t i = 0; i < series.dates.size(); ++i) {
        if (i > 0)
          check(series.dates[i - 1] < series.dates[i]);
        check(std::isfinite(series.close[i]) && series.close[i] > 0.0);
      }
    }
  } catch (const Error&) {
  }
}

} // namespace aftershock::fuzz
