#pragma once
// Alpha Vantage (design/data-sources.md section 3):
// GET {base}/query?function=TIME_SERIES_DAILY[_ADJUSTED]&symbol=X&outputsize=compact|full
// &datatype=json&apikey=KEY. Values are strings, dates descending. Refusals come with HTTP 200
// as {"Information"|"Note"|"Error Message": text} and are classified by key and text.

#include <aftershock/sources/quote_source.hpp>

namespace aftershock::sources {

enum class AlphaVantageSeries { daily, daily_adjusted };

class AlphaVantageSource final : public QuoteSource {
public:
  // `api_key` empty: every prepare() fails with `unauthorized` and nothing is sent.
  AlphaVantageSource(std::string base_url, std::string api_key, AlphaVantageSeries series)
      : m_base_url(std::move(base_url)), m_api_key(std::move(api_key)), m_series(series) {}

  [[nodiscard]] std::string_view name() const noexcept override { return "alphavantage"; }
  // outputsize=compact (the last 100 bars) when `from` is within 140 days of `today`, else full.
  [[nodiscard]] util::Result<PreparedRequest, SourceFailure>
  prepare(const std::string& ticker, calendar::Date from, calendar::Date to,
          calendar::Date today) const override;
  [[nodiscard]] util::Result<QuoteData, SourceFailure> decode(const std::string& ticker,
                                                              const HttpResponse& response,
                                                              calendar::Date from,
                                                              calendar::Date to) const override;

  // The adjusted series carries "8. split coefficient"; the plain daily series has no splits.
  [[nodiscard]] SplitReporting split_reporting() const noexcept override {
    return m_series == AlphaVantageSeries::daily_adjusted ? SplitReporting::reported
                                                          : SplitReporting::none;
  }

private:
  std::string m_base_url;
  std::string m_api_key;
  AlphaVantageSeries m_series;
};

} // namespace aftershock::sources
