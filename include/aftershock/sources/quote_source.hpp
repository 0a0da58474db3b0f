#pragma once
// The interface every price provider implements: build the request for one ticker and date
// range, and decode the raw response into a price series or a classified failure.

#include <aftershock/calendar/date.hpp>
#include <aftershock/series/price_series.hpp>
#include <aftershock/sources/env_lookup.hpp>
#include <aftershock/sources/http_client.hpp>
#include <aftershock/sources/source_failure.hpp>
#include <aftershock/util/result.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aftershock::sources {

struct SplitEvent {
  calendar::Date date;      // exchange-local date the split took effect
  double numerator = 1.0;   // 4 for a 4:1 split
  double denominator = 1.0; // 1 for a 4:1 split
};

struct DividendEvent {
  calendar::Date date;
  double amount = 0.0; // per share, in the quote currency
};

// Where a series came from, for the provenance block of reports.
struct Provenance {
  std::string provider;
  std::string request;       // URL without secrets
  std::string retrieved_utc; // ISO 8601 UTC time of retrieval
  bool from_cache = false;
  int retries = 0;
};

struct QuoteData {
  series::PriceSeries prices;     // rows in [from, to], ascending; close > 0
  std::vector<SplitEvent> splits; // empty when the provider does not report them
  std::vector<DividendEvent> dividends;
  std::size_t dropped_rows = 0;     // bars without a close (nulls) left out
  bool partial_bar_dropped = false; // today's bar left out because the market was open
  Provenance provenance;
};

// Sorts the split and dividend events of `data` by date (std::sort); the decoders call it after
// collecting them.
void sort_corporate_actions(QuoteData& data);

struct PreparedRequest {
  std::string url;       // may contain an API key: never print or store it
  std::string cache_key; // the URL without secrets: printed, cached, used as the cache key
  std::vector<std::string> headers;
  std::string user_agent; // empty: the client default
  // Secrets in the URL (API keys); replaced by "***" wherever a message could show them (Alpha
  // Vantage echoes the key in its quota text).
  std::vector<std::string> secrets;
};

// Whether a provider's decoded data carries split events (QuoteData::splits).
enum class SplitReporting {
  none,     // never reported: an empty list says nothing about splits (Stooq, Alpha Vantage daily)
  reported, // reported: an empty list means no split in the range (Yahoo, Alpha Vantage adjusted)
};

class QuoteSource {
public:
  virtual ~QuoteSource() = default;

  // "yahoo", "stooq", "alphavantage".
  [[nodiscard]] virtual std::string_view name() const noexcept = 0;

  // The request for `ticker` over [from, to] (both inclusive, exchange-local dates); `today` is
  // the current UTC date. A failure (e.g. no API key configured) means no request is sent.
  [[nodiscard]] virtual util::Result<PreparedRequest, SourceFailure>
  prepare(const std::string& ticker, calendar::Date from, calendar::Date to,
          calendar::Date today) const = 0;

  // Decodes a complete HTTP response (any status). Rows outside [from, to] are left out.
  [[nodiscard]] virtual util::Result<QuoteData, SourceFailure> decode(const std::string& ticker,
                                                                      const HttpResponse& response,
                                                                      calendar::Date from,
                                                                      calendar::Date to) const = 0;

  // Whether a complete response should be retried although its status is not 429/5xx.
  [[nodiscard]] virtual bool retry_on(const HttpResponse& /*response*/) const { return false; }

  // Whether decode fills QuoteData::splits (share counts are rebased with them).
  [[nodiscard]] virtual SplitReporting split_reporting() const noexcept {
    return SplitReporting::none;
  }

  // Whether the provider's requests share an in-memory cookie jar.
  [[nodiscard]] virtual CookieJar cookie_jar() const noexcept { return CookieJar::off; }

  // A per-fetch session some providers attach to their requests (Yahoo: cookies kept in the
  // client's jar plus a crumb query parameter). fetch_prices opens it through `client` (whose
  // cookie jar the data requests share) before the first request, and renews it once when a
  // response is session_refused, re-sending those requests once. nullopt: no token could be
  // obtained (the requests go without one). The default: no session.
  [[nodiscard]] virtual std::optional<std::string> open_session(HttpClient& /*client*/) const {
    return std::nullopt;
  }
  // `request` with the session `token` attached (the cache key never holds it; the token is
  // added to the secrets).
  virtual void attach_session(PreparedRequest& /*request*/, const std::string& /*token*/) const {}
  // Whether a complete response says the session (crumb, cookie) was refused.
  [[nodiscard]] virtual bool session_refused(const HttpResponse& /*response*/) const {
    return false;
  }
};

// The provider named `name` configured from `env` (base URL, keys). Throws aftershock::UsageError
// for an unknown name and aftershock::Error for a malformed base URL.
std::unique_ptr<QuoteSource> make_quote_source(std::string_view name, const EnvLookup& env);

// Names accepted by make_quote_source.
std::vector<std::string_view> quote_source_names();

// The first line of `body` (at most 120 characters, control characters escaped) for messages.
std::string first_line_for_message(std::string_view body);

// A failure of `provider` ("yahoo", "stooq", ...) for `ticker` classified as `kind` from
// `response`: the message names the provider, the symbol, the HTTP status and the first body
// line; retries and status are copied from the response.
SourceFailure http_failure(std::string_view provider, FailureKind kind, const std::string& ticker,
                           const HttpResponse& response, std::string hint);

} // namespace aftershock::sources
