#pragma once
// Why a quote request failed: a closed set of kinds shared by every provider
// (design/data-sources.md section 7), with the HTTP status, the retry count and a message fit for
// the user.

#include <string>
#include <string_view>

namespace aftershock::sources {

enum class FailureKind {
  not_found,    // unknown symbol (Yahoo 404, Stooq "No data")
  empty_range,  // the symbol exists but has no bars in the range (Yahoo 400 "Data doesn't exist")
  rate_limited, // HTTP 429, Stooq quota text, Alpha Vantage quota Information/Note
  unauthorized, // needs a key / contact User-Agent, crumb refused, Stooq key page (HTML)
  refused_premium,  // Alpha Vantage premium endpoint or parameter
  refused_with_200, // any other refusal served with HTTP 200 (unrecognised Information text)
  bad_request,      // Alpha Vantage "Error Message" (a user error), other 4xx
  bad_payload,      // the body does not parse (malformed JSON/CSV, truncated JSON)
  timeout,          // connect or total timeout
  network,          // connection failure, dropped/truncated transfer, redirect loop or refused
                    // redirect scheme, HTTP 5xx after the last retry
  too_large,        // body over the size cap
  not_in_cache,     // --offline and the cache holds no valid entry for the request
};

// The snake_case name used in reports and JSON ("not_found", "rate_limited", ...).
std::string_view failure_kind_name(FailureKind kind) noexcept;

struct SourceFailure {
  FailureKind kind = FailureKind::network;
  std::string message;  // names provider, symbol, HTTP status and the first body line
  std::string hint;     // what the user can do (another provider, --offline, CSV input, a key)
  long http_status = 0; // 0 when no HTTP response arrived
  int retries = 0;      // attempts made beyond the first one
};

} // namespace aftershock::sources
