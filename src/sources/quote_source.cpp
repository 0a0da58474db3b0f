#include <aftershock/sources/alphavantage_source.hpp>
#include <aftershock/sources/quote_source.hpp>
#include <aftershock/sources/stooq_source.hpp>
#include <aftershock/sources/url.hpp>
#include <aftershock/sources/yahoo_source.hpp>
#include <aftershock/util/error.hpp>
#include <aftershock/util/parse.hpp>

#include <algorithm>

namespace aftershock::sources {

void sort_corporate_actions(QuoteData& data) {
  std::sort(data.splits.begin(), data.splits.end(),
            [](const SplitEvent& a, const SplitEvent& b) { return a.date < b.date; });
  std::sort(data.dividends.begin(), data.dividends.end(),
            [](const DividendEvent& a, const DividendEvent& b) { return a.date < b.date; });
}

std::unique_ptr<QuoteSource> make_quote_source(std::string_view name, const EnvLookup& env) {
  auto get = [&](std::string_view variable) { return env ? env(variable) : std::string(); };
  if (name == "yahoo") {
    // The cookie page is on another host (fc.yahoo.com); an overridden base URL serves both.
    const bool overridden = !get("AFTERSHOCK_YAHOO_BASE_URL").empty();
    return std::make_unique<YahooSource>(
        base_url_from_env(env, "AFTERSHOCK_YAHOO_BASE_URL", "https://query1.finance.yahoo.com"),
        overridden ? std::string() : std::string("https://fc.yahoo.com/"));
  }
  if (name == "stooq") {
    std::string key_param = get("AFTERSHOCK_STOOQ_KEY_PARAM");
    return std::make_unique<StooqSource>(
        base_url_from_env(env, "AFTERSHOCK_STOOQ_BASE_URL", "https://stooq.com"),
        key_param.empty() ? std::string("apikey") : key_param, get("AFTERSHOCK_STOOQ_API_KEY"));
  }
  if (name == "alphavantage") {
    const std::string adjusted = util::to_lower(get("AFTERSHOCK_ALPHAVANTAGE_ADJUSTED"));
    const auto series = adjusted == "1" || adjusted == "true" || adjusted == "yes"
                            ? AlphaVantageSeries::daily_adjusted
                            : AlphaVantageSeries::daily;
    return std::make_unique<AlphaVantageSource>(
        base_url_from_env(env, "AFTERSHOCK_ALPHAVANTAGE_BASE_URL", "https://www.alphavantage.co"),
        get("AFTERSHOCK_ALPHAVANTAGE_API_KEY"), series);
  }
  throw UsageError("unknown quote source " + util::quote_for_message(name),
                   "use one of: yahoo, stooq, alphavantage (or CSV files)");
}

std::vector<std::string_view> quote_source_names() {
  return {"yahoo", "stooq", "alphavantage"};
}

std::string first_line_for_message(std::string_view body) {
  const auto trimmed = util::trim(body);
  if (trimmed.empty())
    return "(empty body)";
  return util::quote_for_message(trimmed.substr(0, trimmed.find('\n')), 120);
}

SourceFailure http_failure(std::string_view provider, FailureKind kind, const std::string& ticker,
                           const HttpResponse& response, std::string hint) {
  SourceFailure result;
  result.kind = kind;
  result.http_status = response.status;
  result.retries = response.retries;
  result.message = std::string(provider) + ": " + ticker + ": HTTP " +
                   std::to_string(response.status) + ": " + first_line_for_message(response.body);
  result.hint = std::move(hint);
  return result;
}

} // namespace aftershock::sources
