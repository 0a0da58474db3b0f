#include "support/fake_yahoo.hpp"

namespace aftershock::test {

FakeYahoo::FakeYahoo(const std::vector<std::string>& tickers, YahooBodyOptions options) {
  for (const auto& ticker : tickers) {
    options.symbol = ticker;
    m_bodies[ticker] = yahoo_chart_body(read_bundled_prices(ticker), options);
  }
  m_server.http().Get(R"(/v8/finance/chart/([^/?]+))",
                      [this](const httplib::Request& req, httplib::Response& res) {
                        const auto found = m_bodies.find(req.matches[1]);
                        if (found == m_bodies.end()) {
                          // reference/api_payload_samples/yahoo_error_payloads.json
                          res.status = 404;
                          res.set_content(R"({"chart":{"result":null,"error":{"code":)"
                                          R"("Not Found","description":"No data found, )"
                                          R"(symbol may be delisted"}}})",
                                          "application/json");
                          return;
                        }
                        res.set_content(found->second, "application/json");
                      });
}

void FakeYahoo::set_body(const std::string& symbol, std::string body) {
  m_bodies[symbol] = std::move(body);
}

std::map<std::string, std::string>& fake_environment() {
  static std::map<std::string, std::string> variables;
  return variables;
}

std::string fake_getenv(std::string_view name) {
  const auto found = fake_environment().find(std::string(name));
  return found == fake_environment().end() ? std::string() : found->second;
}

} // namespace aftershock::test
