#pragma once
// Stooq daily CSV (design/data-sources.md section 2):
// GET {base}/q/d/l/?s={symbol}&i=d&d1=YYYYMMDD&d2=YYYYMMDD[&{key_param}={key}].
// US tickers get the ".us" suffix (AAPL -> aapl.us); indices (^spx) and symbols that already have
// a market suffix (7203.jp) are passed through in lower case. Every refusal comes with HTTP 200:
// "No data" / "Brak danych", "Exceeded the daily hits limit", an HTML page; a body is parsed only
// when its first line is the expected header.

#include <aftershock/sources/quote_source.hpp>

namespace aftershock::sources {

class StooqSource final : public QuoteSource {
public:
  // `key_param` is the query parameter carrying the key (not documented by Stooq; configurable);
  // `api_key` may be empty (then no key is sent).
  StooqSource(std::string base_url, std::string key_param, std::string api_key)
      : m_base_url(std::move(base_url)), m_key_param(std::move(key_param)),
        m_api_key(std::move(api_key)) {}

  [[nodiscard]] std::string_view name() const noexcept override { return "stooq"; }
  [[nodiscard]] util::Result<PreparedRequest, SourceFailure>
  prepare(const std::string& ticker, calendar::Date from, calendar::Date to,
          calendar::Date today) const override;
  [[nodiscard]] util::Result<QuoteData, SourceFailure> decode(const std::string& ticker,
                                                              const HttpResponse& response,
                                                              calendar::Date from,
                                                              calendar::Date to) const override;

  // The Stooq symbol for a ticker ("AAPL" -> "aapl.us", "^SPX" -> "^spx", "BRK-B" -> "brk-b.us").
  static std::string stooq_symbol(std::string_view ticker);

private:
  std::string m_base_url;
  std::string m_key_param;
  std::string m_api_key;
};

} // namespace aftershock::sources
