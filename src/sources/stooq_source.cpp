#include <aftershock/sources/stooq_source.hpp>
#include <aftershock/sources/url.hpp>
#include <aftershock/util/parse.hpp>

#include <cmath>
#include <limits>

namespace aftershock::sources {

namespace {

using calendar::Date;

std::string yyyymmdd(Date date) {
  const std::string iso = calendar::format_iso(date);
  return iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2);
}

SourceFailure failure(FailureKind kind, const std::string& ticker, const HttpResponse& response,
                      std::string hint) {
  return http_failure("stooq", kind, ticker, response, std::move(hint));
}

} // namespace

std::string StooqSource::stooq_symbol(std::string_view ticker) {
  std::string symbol = util::to_lower(ticker);
  if (symbol.starts_with('^') || symbol.find('.') != std::string::npos)
    return symbol;
  return symbol + ".us";
}

util::Result<PreparedRequest, SourceFailure>
StooqSource::prepare(const std::string& ticker, Date from, Date to, Date /*today*/) const {
  PreparedRequest request;
  request.cache_key = m_base_url + "/q/d/l/?s=" + percent_encode(stooq_symbol(ticker)) +
                      "&i=d&d1=" + yyyymmdd(from) + "&d2=" + yyyymmdd(to);
  request.url = request.cache_key;
  if (!m_api_key.empty()) {
    request.url += "&" + percent_encode(m_key_param) + "=" + percent_encode(m_api_key);
    request.secrets = {m_api_key, percent_encode(m_api_key)};
  }
  return request;
}

util::Result<QuoteData, SourceFailure> StooqSource::decode(const std::string& ticker,
                                                           const HttpResponse& response, Date from,
                                                           Date to) const {
  std::string_view body = response.body;
  if (body.starts_with("\xEF\xBB\xBF"))
    body.remove_prefix(3); // a UTF-8 byte-order mark is not part of the first line
  const std::string_view trimmed = util::trim(body);
  if (response.status == 429 || trimmed.starts_with("Exceeded the daily hits limit"))
    return util::unexpected(failure(FailureKind::rate_limited, ticker, response,
                                    "Stooq's daily limit is used up; retry tomorrow or --offline"));
  if (response.status >= 500)
    return util::unexpected(failure(FailureKind::network, ticker, response, "retry later"));
  if (trimmed == "No data" || trimmed == "Brak danych")
    return util::unexpected(failure(FailureKind::not_found, ticker, response,
                                    "unknown symbol or no data in the range; check the symbol"));
  if (trimmed.starts_with('<') || util::to_lower(response.content_type).starts_with("text/html"))
    return util::unexpected(failure(
        FailureKind::unauthorized, ticker, response,
        m_api_key.empty()
            ? "Stooq answered with an HTML page: downloads need an API key since 2026; request one "
              "at https://stooq.com/q/d/?s=spy.us&get_apikey and set AFTERSHOCK_STOOQ_API_KEY, or "
              "use another provider or CSV input"
            : "Stooq answered with an HTML page (key refused or an anti-bot check): check "
              "AFTERSHOCK_STOOQ_API_KEY and the key parameter name AFTERSHOCK_STOOQ_KEY_PARAM "
              "(now " +
                  util::quote_for_message(m_key_param) + "), or use another provider"));
  if (response.status != 200)
    return util::unexpected(
        failure(FailureKind::bad_request, ticker, response, "Stooq refused the request"));
  const auto eol = body.find('\n');
  const std::string_view header = util::trim(body.substr(0, eol));
  const bool with_volume = header == "Date,Open,High,Low,Close,Volume";
  if (!with_volume && header != "Date,Open,High,Low,Close") {
    // A short single line without commas is a refusal Stooq has not been seen to send (HTTP 200);
    // anything else is a body that does not parse.
    if (trimmed.size() < 200 && trimmed.find_first_of(",\n") == std::string_view::npos)
      return util::unexpected(failure(FailureKind::refused_with_200, ticker, response,
                                      "Stooq refused the request with an unknown text; try "
                                      "again later, or use another provider or CSV input"));
    return util::unexpected(failure(FailureKind::bad_payload, ticker, response,
                                    "the first line is not the Stooq CSV header"));
  }
  QuoteData data;
  data.prices.ticker = ticker;
  std::size_t line_number = 1;
  std::size_t position = eol == std::string_view::npos ? body.size() : eol + 1;
  while (position < body.size()) {
    auto next = body.find('\n', position);
    if (next == std::string_view::npos)
      next = body.size();
    const std::string_view line = util::trim(body.substr(position, next - position));
    position = next + 1;
    ++line_number;
    if (line.empty())
      continue;
    const auto fields = util::split(line, ',');
    const auto date = fields.empty() ? std::nullopt : calendar::parse_iso_date(fields[0]);
    const auto close = fields.size() >= 5 ? util::parse_double(fields[4]) : std::nullopt;
    if (!date || !close || fields.size() != (with_volume ? 6U : 5U) ||
        (!data.prices.dates.empty() && *date <= data.prices.dates.back())) {
      auto result = failure(FailureKind::bad_payload, ticker, response,
                            "the CSV body is malformed (truncated?)");
      result.message +=
          " (line " + std::to_string(line_number) + ": " + util::quote_for_message(line) + ")";
      return util::unexpected(std::move(result));
    }
    if (*date < from || *date > to)
      continue;
    if (!std::isfinite(*close) || *close <= 0.0) {
      ++data.dropped_rows;
      continue;
    }
    data.prices.dates.push_back(*date);
    data.prices.close.push_back(*close);
    if (with_volume) {
      const auto volume = util::parse_double(fields[5]);
      data.prices.volume.push_back(volume ? *volume : std::numeric_limits<double>::quiet_NaN());
    }
  }
  return data;
}

} // namespace aftershock::sources
