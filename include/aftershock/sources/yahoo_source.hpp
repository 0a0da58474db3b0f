#pragma once
// Yahoo Finance v8 chart (design/data-sources.md section 1):
// GET {base}/v8/finance/chart/{SYMBOL}?period1=..&period2=..&interval=1d&events=div%7Csplit
// &includeAdjustedClose=true. Bars are stamped at the regular-market open in UTC; they are mapped
// to the exchange-local date with meta.gmtoffset (an hour of daylight-saving error cannot move a
// market-open stamp across midnight).

#include <aftershock/sources/quote_source.hpp>

namespace aftershock::sources {

class YahooSource final : public QuoteSource {
public:
  // `base_url` is scheme://host[:port], e.g. https://query1.finance.yahoo.com.
  explicit YahooSource(std::string base_url) : m_base_url(std::move(base_url)) {}

  [[nodiscard]] std::string_view name() const noexcept override { return "yahoo"; }
  [[nodiscard]] util::Result<PreparedRequest, SourceFailure>
  prepare(const std::string& ticker, calendar::Date from, calendar::Date to,
          calendar::Date today) const override;
  [[nodiscard]] util::Result<QuoteData, SourceFailure> decode(const std::string& ticker,
                                                              const HttpResponse& response,
                                                              calendar::Date from,
                                                              calendar::Date to) const override;
  // Yahoo may serve "Too Many Requests" as a 200 text body.
  [[nodiscard]] bool retry_on(const HttpResponse& response) const override;
  // Yahoo throttles cookieless clients harder (design/data-sources.md section 1).
  [[nodiscard]] CookieJar cookie_jar() const noexcept override { return CookieJar::in_memory; }

private:
  std::string m_base_url;
};

} // namespace aftershock::sources
