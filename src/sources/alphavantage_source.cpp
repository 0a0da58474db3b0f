#include <aftershock/sources/alphavantage_source.hpp>
#include <aftershock/sources/url.hpp>
#include <aftershock/util/parse.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace aftershock::sources {

namespace {

using calendar::Date;
using Json = nlohmann::json;

SourceFailure failure(FailureKind kind, const std::string& ticker, const HttpResponse& response,
                      std::string hint) {
  return http_failure("alphavantage", kind, ticker, response, std::move(hint));
}

std::optional<double> string_number(const Json& bar, const char* key) {
  const auto found = bar.find(key);
  if (found == bar.end() || !found->is_string())
    return std::nullopt;
  return util::parse_double(found->get_ref<const std::string&>());
}

} // namespace

util::Result<PreparedRequest, SourceFailure>
AlphaVantageSource::prepare(const std::string& ticker, Date from, Date /*to*/, Date today) const {
  if (m_api_key.empty()) {
    SourceFailure missing;
    missing.kind = FailureKind::unauthorized;
    missing.message = "alphavantage: " + ticker + ": no API key configured";
    missing.hint = "set AFTERSHOCK_ALPHAVANTAGE_API_KEY (free keys: alphavantage.co)";
    return util::unexpected(std::move(missing));
  }
  const bool compact =
      m_series == AlphaVantageSeries::daily && from >= today - std::chrono::days(140);
  PreparedRequest request;
  request.cache_key =
      m_base_url + "/query?function=" +
      (m_series == AlphaVantageSeries::daily ? "TIME_SERIES_DAILY" : "TIME_SERIES_DAILY_ADJUSTED") +
      "&symbol=" + percent_encode(ticker) + "&outputsize=" + (compact ? "compact" : "full") +
      "&datatype=json";
  request.url = request.cache_key + "&apikey=" + percent_encode(m_api_key);
  request.secrets = {m_api_key, percent_encode(m_api_key)};
  return request;
}

util::Result<QuoteData, SourceFailure> AlphaVantageSource::decode(const std::string& ticker,
                                                                  const HttpResponse& response,
                                                                  Date from, Date to) const {
  if (response.status == 429)
    return util::unexpected(failure(FailureKind::rate_limited, ticker, response, "retry later"));
  if (response.status >= 500)
    return util::unexpected(failure(FailureKind::network, ticker, response, "retry later"));
  const Json root = Json::parse(response.body, nullptr, false);
  if (root.is_discarded() || !root.is_object())
    return util::unexpected(
        failure(FailureKind::bad_payload, ticker, response, "the body is not Alpha Vantage JSON"));
  if (root.contains("Error Message"))
    return util::unexpected(failure(FailureKind::bad_request, ticker, response,
                                    "check the symbol and the function (a user error)"));
  // The quota text also mentions "premium plans", so the rate limit is tested first.
  for (const char* key : {"Information", "Note"}) {
    if (!root.contains(key))
      continue;
    const std::string text =
        util::to_lower(root[key].is_string() ? root[key].get<std::string>() : root[key].dump());
    if (text.find("rate limit") != std::string::npos ||
        text.find("requests per") != std::string::npos)
      return util::unexpected(failure(FailureKind::rate_limited, ticker, response,
                                      "the key's quota is used up; retry tomorrow or --offline"));
    if (text.find("premium") != std::string::npos)
      return util::unexpected(failure(FailureKind::refused_premium, ticker, response,
                                      "a premium endpoint or parameter; use the unadjusted "
                                      "series, a shorter range, or another provider"));
    if (text.find("demo") != std::string::npos || text.find("api key") != std::string::npos)
      return util::unexpected(failure(FailureKind::unauthorized, ticker, response,
                                      "set AFTERSHOCK_ALPHAVANTAGE_API_KEY to your own key"));
    return util::unexpected(failure(FailureKind::refused_with_200, ticker, response,
                                    "Alpha Vantage refused the request"));
  }
  if (response.status != 200)
    return util::unexpected(
        failure(FailureKind::bad_request, ticker, response, "Alpha Vantage refused the request"));
  const auto series = root.find("Time Series (Daily)");
  if (series == root.end() || !series->is_object())
    return util::unexpected(failure(FailureKind::bad_payload, ticker, response,
                                    "the body has no \"Time Series (Daily)\" object"));
  const bool adjusted = m_series == AlphaVantageSeries::daily_adjusted;
  struct Row {
    Date date;
    double close;
    double adj;
    double volume;
  };
  std::vector<Row> rows;
  QuoteData data;
  data.prices.ticker = ticker;
  constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();
  for (const auto& [key, bar] : series->items()) {
    const auto date = calendar::parse_iso_date(key);
    const auto close = bar.is_object() ? string_number(bar, "4. close") : std::nullopt;
    if (!date || !close)
      return util::unexpected(
          failure(FailureKind::bad_payload, ticker, response,
                  "bar " + util::quote_for_message(key) + " has no date or \"4. close\""));
    if (*date < from || *date > to)
      continue;
    if (!std::isfinite(*close) || *close <= 0.0) {
      ++data.dropped_rows;
      continue;
    }
    const auto adj = adjusted ? string_number(bar, "5. adjusted close") : std::nullopt;
    const auto volume = string_number(bar, adjusted ? "6. volume" : "5. volume");
    rows.push_back({*date, *close, adj ? *adj : k_nan, volume ? *volume : k_nan});
    if (adjusted) {
      if (const auto coefficient = string_number(bar, "8. split coefficient");
          coefficient && *coefficient > 0.0 && *coefficient != 1.0)
        data.splits.push_back({*date, *coefficient, 1.0});
      if (const auto amount = string_number(bar, "7. dividend amount"); amount && *amount > 0.0)
        data.dividends.push_back({*date, *amount});
    }
  }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.date < b.date; });
  for (const Row& row : rows) {
    data.prices.dates.push_back(row.date);
    data.prices.close.push_back(row.close);
    if (adjusted)
      data.prices.adj_close.push_back(row.adj);
    data.prices.volume.push_back(row.volume);
  }
  sort_corporate_actions(data);
  return data;
}

} // namespace aftershock::sources
