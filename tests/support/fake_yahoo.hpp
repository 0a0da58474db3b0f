#pragma once
// What the command tests (download, study --source) share: a loopback server answering the Yahoo
// v8 chart path with bodies generated from data/prices/<T>.csv (404 "Not Found" for any other
// symbol), and a fake process environment for CommandContext::getenv.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "support/loopback_server.hpp"
#include "support/quote_test_support.hpp"

namespace aftershock::test {

class FakeYahoo {
public:
  // Bodies for `tickers` (each with `options`, the symbol set per ticker). Add further handlers
  // through server().http() and further bodies with set_body() before start().
  explicit FakeYahoo(const std::vector<std::string>& tickers, YahooBodyOptions options = {});

  // Replaces (or adds) the chart body served for `symbol`.
  void set_body(const std::string& symbol, std::string body);

  void start() { m_server.start(); }
  void stop() { m_server.stop(); }
  [[nodiscard]] std::string base_url() const { return m_server.base_url(); }
  LoopbackServer& server() noexcept { return m_server; }

private:
  std::map<std::string, std::string> m_bodies;
  LoopbackServer m_server; // last: stopped before the bodies its handler reads
};

// A process-wide variable map read by fake_getenv (CommandContext::getenv in tests).
std::map<std::string, std::string>& fake_environment();
std::string fake_getenv(std::string_view name);

} // namespace aftershock::test
