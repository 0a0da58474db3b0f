#include <aftershock/sources/url.hpp>
#include <aftershock/sources/yahoo_source.hpp>
#include <aftershock/util/parse.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

namespace aftershock::sources {

namespace {

using calendar::Date;
using Json = nlohmann::json;

constexpr long long k_day = 86'400;

long long epoch_seconds(Date date) {
  return static_cast<long long>(date.time_since_epoch().count()) * k_day;
}

// Seconds beyond +-10^12 (about 31,700 years from 1970) cannot be a quote's time, and a UTC
// offset beyond a day cannot be a time zone's; checking both keeps timestamp + gmtoffset inside
// long long (a fuzzed payload found the unchecked sum and the unchecked reads below).
constexpr long long k_max_seconds = 1'000'000'000'000;

bool plausible_time(const Json& value) {
  if (!value.is_number_integer())
    return false;
  if (value.is_number_unsigned()) // nlohmann stores every non-negative integer as unsigned
    return value.get<unsigned long long>() <= static_cast<unsigned long long>(k_max_seconds);
  return value.get<long long>() >= -k_max_seconds;
}

Date local_date(long long timestamp, long long gmtoffset) {
  // floor division so that pre-1970 stamps map correctly
  const long long local = timestamp + gmtoffset;
  long long days = local / k_day;
  if (local % k_day < 0)
    --days;
  return Date(std::chrono::days(days));
}

// A number field of a corporate-action event: its default when absent, nullopt when present but
// not a number.
std::optional<double> event_number(const Json& event, const char* key, double absent) {
  const auto found = event.find(key);
  if (found == event.end())
    return absent;
  if (!found->is_number())
    return std::nullopt;
  return found->get<double>();
}

SourceFailure failure(FailureKind kind, const std::string& ticker, const HttpResponse& response,
                      std::string hint) {
  return http_failure("yahoo", kind, ticker, response, std::move(hint));
}

double number_or_nan(const Json& array, std::size_t i) {
  if (!array.is_array() || i >= array.size() || !array[i].is_number())
    return std::numeric_limits<double>::quiet_NaN();
  return array[i].get<double>();
}

const Json* path(const Json& root, std::initializer_list<const char*> keys) {
  const Json* node = &root;
  for (const char* key : keys) {
    if (!node->is_object())
      return nullptr;
    const auto found = node->find(key);
    if (found == node->end())
      return nullptr;
    node = &*found;
  }
  return node;
}

const Json* first_of(const Json* array) {
  if (array == nullptr || !array->is_array() || array->empty())
    return nullptr;
  return &(*array)[0];
}

} // namespace

util::Result<PreparedRequest, SourceFailure>
YahooSource::prepare(const std::string& ticker, Date from, Date to, Date /*today*/) const {
  // One day of margin each side: exchanges east of UTC open before UTC midnight; rows outside
  // [from, to] are dropped after the local-date mapping.
  const long long period1 = epoch_seconds(from) - k_day;
  const long long period2 = epoch_seconds(to) + 2 * k_day;
  PreparedRequest request;
  request.url = m_base_url + "/v8/finance/chart/" + percent_encode(ticker) +
                "?period1=" + std::to_string(period1) + "&period2=" + std::to_string(period2) +
                "&interval=1d&events=div%7Csplit&includeAdjustedClose=true";
  request.cache_key = request.url;
  return request;
}

std::optional<std::string> YahooSource::open_session(HttpClient& client) const {
  HttpRequest cookie_page;
  cookie_page.url = m_cookie_url;
  cookie_page.display_url = m_cookie_url;
  client.perform_all({cookie_page}); // only its Set-Cookie headers matter
  HttpRequest crumb;
  crumb.url = m_base_url + "/v1/test/getcrumb";
  crumb.display_url = crumb.url;
  auto responses = client.perform_all({crumb});
  if (responses.empty() || !is_valid_crumb(responses[0]))
    return std::nullopt;
  return std::string(util::trim(responses[0].body));
}

void YahooSource::attach_session(PreparedRequest& request, const std::string& token) const {
  request.url += "&crumb=" + percent_encode(token);
  request.secrets.push_back(token);
  request.secrets.push_back(percent_encode(token));
}

bool YahooSource::session_refused(const HttpResponse& response) const {
  return response.transport == Transport::ok && response.status == 401;
}

bool YahooSource::is_valid_crumb(const HttpResponse& response) {
  if (response.transport != Transport::ok || response.status != 200)
    return false;
  const std::string_view crumb = util::trim(response.body);
  if (crumb.empty() || crumb.size() > 64)
    return false;
  return std::all_of(crumb.begin(), crumb.end(), [](char c) {
    return c > ' ' && c < 0x7f && c != '"' && c != '<' && c != '>' && c != '{' && c != '}';
  });
}

bool YahooSource::retry_on(const HttpResponse& response) const {
  return response.status == 200 && response.body.find("Too Many Requests") != std::string::npos &&
         response.body.size() < 200;
}

util::Result<QuoteData, SourceFailure> YahooSource::decode(const std::string& ticker,
                                                           const HttpResponse& response, Date from,
                                                           Date to) const {
  const std::string& body = response.body;
  if (response.status == 429 ||
      (body.size() < 200 && body.find("Too Many Requests") != std::string::npos))
    return util::unexpected(failure(FailureKind::rate_limited, ticker, response,
                                    "wait and retry later, or use the cache (--offline)"));
  const Json root = Json::parse(body, nullptr, false);
  if (root.is_discarded() || !root.is_object()) {
    if (response.status == 401)
      return util::unexpected(
          failure(FailureKind::unauthorized, ticker, response,
                  "Yahoo refused the cookie/crumb; try again later or use CSV"));
    if (response.status >= 500)
      return util::unexpected(failure(FailureKind::network, ticker, response, "retry later"));
    return util::unexpected(failure(FailureKind::bad_payload, ticker, response,
                                    "the body is not the v8 chart JSON; try another provider"));
  }
  const Json* error = path(root, {"chart", "error"});
  if (error == nullptr)
    error = path(root, {"finance", "error"});
  if (error != nullptr && error->is_object()) {
    const std::string code = error->value("code", "");
    const std::string description = error->value("description", "");
    if (code == "Not Found" || response.status == 404)
      return util::unexpected(failure(FailureKind::not_found, ticker, response,
                                      "check the symbol (e.g. BRK-B, ^GSPC) or use CSV input"));
    if (description.find("Data doesn't exist") != std::string::npos)
      return util::unexpected(failure(FailureKind::empty_range, ticker, response,
                                      "the range is before the listing; move --from later"));
    if (response.status == 401 || code == "Unauthorized" || code == "unauthorized")
      return util::unexpected(failure(FailureKind::unauthorized, ticker, response,
                                      "Yahoo refused the request; try again later or use CSV"));
    return util::unexpected(
        failure(FailureKind::bad_request, ticker, response, "Yahoo refused the request"));
  }
  if (response.status != 200)
    return util::unexpected(
        failure(response.status >= 500 ? FailureKind::network : FailureKind::bad_request, ticker,
                response, "retry later or try another provider"));
  const Json* result = first_of(path(root, {"chart", "result"}));
  if (result == nullptr || !result->is_object())
    return util::unexpected(
        failure(FailureKind::bad_payload, ticker, response, "the body has no chart.result[0]"));
  QuoteData data;
  data.prices.ticker = ticker;
  const Json* meta = path(*result, {"meta"});
  long long gmtoffset = 0;
  if (meta != nullptr && meta->contains("gmtoffset")) { // a mistyped offset would shift every date
    const Json& offset = (*meta)["gmtoffset"];
    if (!plausible_time(offset) || std::abs(offset.get<long long>()) > k_day)
      return util::unexpected(failure(FailureKind::bad_payload, ticker, response,
                                      "meta.gmtoffset is not a UTC offset in seconds"));
    gmtoffset = offset.get<long long>();
  }
  const Json* timestamps = path(*result, {"timestamp"});
  if (timestamps == nullptr)
    return data; // an empty range: no timestamp key at all; zero rows, not an error
  const Json* quote = first_of(path(*result, {"indicators", "quote"}));
  const Json* adj = first_of(path(*result, {"indicators", "adjclose"}));
  if (!timestamps->is_array() || quote == nullptr || !quote->is_object())
    return util::unexpected(failure(FailureKind::bad_payload, ticker, response,
                                    "timestamp or indicators.quote[0] is malformed"));
  const Json empty = Json::array();
  const Json& closes = quote->contains("close") ? (*quote)["close"] : empty;
  const Json& volumes = quote->contains("volume") ? (*quote)["volume"] : empty;
  const bool has_adj = adj != nullptr && adj->is_object() && adj->contains("adjclose");
  const Json& adjcloses = has_adj ? (*adj)["adjclose"] : empty;
  if (closes.size() != timestamps->size())
    return util::unexpected(failure(FailureKind::bad_payload, ticker, response,
                                    "close and timestamp arrays differ in length"));
  for (std::size_t i = 0; i < timestamps->size(); ++i) {
    if (!plausible_time((*timestamps)[i]))
      return util::unexpected(failure(FailureKind::bad_payload, ticker, response,
                                      "a timestamp is not an integer time in seconds"));
    const Date date = local_date((*timestamps)[i].get<long long>(), gmtoffset);
    if (date < from || date > to)
      continue;
    const double close = number_or_nan(closes, i);
    if (!std::isfinite(close) || close <= 0.0) {
      ++data.dropped_rows; // null bar (e.g. a halted day)
      continue;
    }
    if (!data.prices.dates.empty() && date <= data.prices.dates.back())
      continue; // a partial duplicate bar of the same local day: keep the first
    data.prices.dates.push_back(date);
    data.prices.close.push_back(close);
    if (has_adj)
      data.prices.adj_close.push_back(number_or_nan(adjcloses, i));
    data.prices.volume.push_back(number_or_nan(volumes, i));
  }
  if (const Json* splits = path(*result, {"events", "splits"}); splits && splits->is_object()) {
    for (const auto& [key, event] : splits->items()) {
      if (!event.is_object() || !event.contains("date"))
        continue;
      const auto numerator = event_number(event, "numerator", 1.0);
      const auto denominator = event_number(event, "denominator", 1.0);
      if (!plausible_time(event["date"]) || !numerator || !denominator)
        return util::unexpected(failure(FailureKind::bad_payload, ticker, response,
                                        "a split in events.splits has a malformed date, "
                                        "numerator or denominator"));
      SplitEvent split{local_date(event["date"].get<long long>(), gmtoffset), *numerator,
                       *denominator};
      if (split.numerator > 0.0 && split.denominator > 0.0)
        data.splits.push_back(split);
    }
  }
  if (const Json* dividends = path(*result, {"events", "dividends"});
      dividends && dividends->is_object()) {
    for (const auto& [key, event] : dividends->items()) {
      if (!event.is_object() || !event.contains("date"))
        continue;
      const auto amount = event_number(event, "amount", 0.0);
      if (!plausible_time(event["date"]) || !amount)
        return util::unexpected(failure(FailureKind::bad_payload, ticker, response,
                                        "a dividend in events.dividends has a malformed date or "
                                        "amount"));
      data.dividends.push_back({local_date(event["date"].get<long long>(), gmtoffset), *amount});
    }
  }
  // The current day's bar is partial while the market is open (design/data-sources.md section 1):
  // meta.regularMarketTime inside currentTradingPeriod.regular [start, end) on the last bar's date.
  if (meta != nullptr && !data.prices.dates.empty()) {
    const Json* market_time = path(*meta, {"regularMarketTime"});
    const Json* start = path(*meta, {"currentTradingPeriod", "regular", "start"});
    const Json* end = path(*meta, {"currentTradingPeriod", "regular", "end"});
    if (market_time && start && end && plausible_time(*market_time) && start->is_number_integer() &&
        end->is_number_integer()) {
      const auto now = market_time->get<long long>();
      if (now >= start->get<long long>() && now < end->get<long long>() &&
          local_date(now, gmtoffset) == data.prices.dates.back()) {
        data.prices.dates.pop_back();
        data.prices.close.pop_back();
        if (!data.prices.adj_close.empty())
          data.prices.adj_close.pop_back();
        if (!data.prices.volume.empty())
          data.prices.volume.pop_back();
        data.partial_bar_dropped = true;
      }
    }
  }
  sort_corporate_actions(data);
  return data;
}

} // namespace aftershock::sources
