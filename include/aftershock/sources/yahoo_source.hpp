#pragma once
// Yahoo Finance v8 chart (design/data-sources.md section 1):
// GET {base}/v8/finance/chart/{SYMBOL}?period1=..&period2=..&interval=1d&events=div%7Csplit
// &includeAdjustedClose=true. Bars are stamped at the regular-market open in UTC; they are mapped
// to the exchange-local date with meta.gmtoffset (an hour of daylight-saving error cannot move a
// market-open stamp across midnight). Requests carry a crumb when one can be obtained, with the
// cookies in the client's jar; a 401 renews the crumb once.

#include <aftershock/sources/quote_source.hpp>

namespace aftershock::sources {

class YahooSource final : public QuoteSource {
public:
  // `base_url` is scheme://host[:port], e.g. https://query1.finance.yahoo.com; `cookie_url` is
  // the page that sets the session cookies (https://fc.yahoo.com/ for the real hosts); empty:
  // `base_url` + "/" (a loopback server imitating both).
  explicit YahooSource(std::string base_url, std::string cookie_url = {})
      : m_base_url(std::move(base_url)), m_cookie_url(std::move(cookie_url)) {
    if (m_cookie_url.empty())
      m_cookie_url = m_base_url + "/";
  }

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
  // events.splits is requested with every chart call.
  [[nodiscard]] SplitReporting split_reporting() const noexcept override {
    return SplitReporting::reported;
  }
  // Yahoo throttles cookieless clients harder (design/data-sources.md section 1).
  [[nodiscard]] CookieJar cookie_jar() const noexcept override { return CookieJar::in_memory; }

  // Cookie and crumb (design/data-sources.md section 1): GET the cookie page (any status; it only
  // sets cookies), then GET {base}/v1/test/getcrumb; the text body is the crumb when it passes
  // is_valid_crumb (Yahoo can answer "Too Many Requests" with HTTP 200 there).
  [[nodiscard]] std::optional<std::string> open_session(HttpClient& client) const override;
  // Appends &crumb=<token>.
  void attach_session(PreparedRequest& request, const std::string& token) const override;
  // HTTP 401 (Yahoo's {"finance":{"error":{"code":"Unauthorized","description":"Invalid Crumb"}}}
  // and its variants): renew the crumb once, then classify.
  [[nodiscard]] bool session_refused(const HttpResponse& response) const override;

  // Whether a getcrumb response carries a usable crumb: HTTP 200, 1 to 64 printable ASCII
  // characters without spaces, quotes or markup (so "Too Many Requests" and HTML pages fail).
  [[nodiscard]] static bool is_valid_crumb(const HttpResponse& response);

private:
  std::string m_base_url;
  std::string m_cookie_url;
};

} // namespace aftershock::sources
