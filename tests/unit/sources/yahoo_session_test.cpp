// Yahoo cookie + crumb against a loopback server imitating the real sequence
// (design/data-sources.md section 1): the cookie page sets a cookie, /v1/test/getcrumb answers
// the crumb as text only to a client holding that cookie, chart calls carry &crumb= with the
// cookie; a 401 "Invalid Crumb" renews the crumb once and re-sends once (one retry), then the
// answer is classified. The crumb never reaches the cache or a message. Expected prices come
// from data/prices/NVDA.csv (the chart body is built from it).
#include <aftershock/sources/fetch.hpp>
#include <aftershock/sources/yahoo_source.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <mutex>

#include "support/loopback_server.hpp"
#include "support/quote_test_support.hpp"
#include "support/temp_dir.hpp"

namespace aftershock::sources {
namespace {

using namespace std::chrono_literals;

calendar::Date day(const char* iso) {
  return *calendar::parse_iso_date(iso);
}

// The 401 body Yahoo sends for a missing or stale crumb (reference/api_payload_samples/
// yahoo_error_payloads.json, "invalid_crumb_quote_or_quoteSummary").
constexpr const char* k_invalid_crumb =
    R"({"finance":{"result":null,"error":{"code":"Unauthorized","description":"Invalid Crumb"}}})";

struct ServerState {
  std::mutex mutex;
  int cookie_hits = 0;
  int crumb_hits = 0;
  int chart_hits = 0;
  std::vector<std::string> crumbs;      // what getcrumb answers, in turn (last one repeats)
  std::string accepted;                 // the crumb chart calls must carry; empty: any or none
  bool always_refuse = false;           // chart always answers 401
  std::vector<std::string> seen_crumbs; // crumb parameter of each chart call ("" when absent)
  std::vector<bool> seen_cookie;        // whether each chart call carried the session cookie
};

class YahooSession : public ::testing::Test {
protected:
  void SetUp() override {
    test::YahooBodyOptions body;
    body.symbol = "NVDA";
    m_bars = test::read_bundled_prices("NVDA");
    m_chart = test::yahoo_chart_body(m_bars, body);
    m_server.http().Get("/", [this](const httplib::Request&, httplib::Response& res) {
      const std::lock_guard lock(m_state.mutex);
      ++m_state.cookie_hits;
      res.status = 404; // fc.yahoo.com answers 404 but sets the cookie
      res.set_header("Set-Cookie", "A3=d=session42; Path=/; HttpOnly");
      res.set_content("<html>Not Found</html>", "text/html");
    });
    m_server.http().Get(
        "/v1/test/getcrumb", [this](const httplib::Request& req, httplib::Response& res) {
          const std::lock_guard lock(m_state.mutex);
          const auto turn = static_cast<std::size_t>(m_state.crumb_hits++);
          if (req.get_header_value("Cookie").find("A3=d=session42") == std::string::npos) {
            res.status = 401;
            res.set_content(k_invalid_crumb, "application/json");
            return;
          }
          res.set_content(m_state.crumbs.at(std::min(turn, m_state.crumbs.size() - 1)),
                          "text/plain;charset=utf-8");
        });
    m_server.http().Get(R"(/v8/finance/chart/([^/?]+))", [this](const httplib::Request& req,
                                                                httplib::Response& res) {
      const std::lock_guard lock(m_state.mutex);
      ++m_state.chart_hits;
      const std::string crumb = req.has_param("crumb") ? req.get_param_value("crumb") : "";
      m_state.seen_crumbs.push_back(crumb);
      m_state.seen_cookie.push_back(req.get_header_value("Cookie").find("A3=d=session42") !=
                                    std::string::npos);
      if (m_state.always_refuse || (!m_state.accepted.empty() && crumb != m_state.accepted)) {
        res.status = 401;
        res.set_content(k_invalid_crumb, "application/json");
        return;
      }
      res.set_content(m_chart, "application/json");
    });
    m_server.start();
  }
  void TearDown() override { m_server.stop(); }

  FetchOptions options() {
    FetchOptions result;
    result.env = test::env_from({{"AFTERSHOCK_YAHOO_BASE_URL", m_server.base_url()}});
    result.cache_dir = m_cache;
    result.clock = &m_clock;
    result.http.total_timeout = 20s;
    result.http.per_host_interval = 0ms;
    result.http.retry.max_retries = 2;
    return result;
  }

  FetchResult fetch() {
    return fetch_prices("yahoo", {"NVDA"}, day("2024-01-02"), day("2024-12-31"), options());
  }

  test::FakeClock m_clock;
  test::TempDir m_temp; // removed after TearDown
  std::filesystem::path m_cache = m_temp.path();
  std::vector<test::CsvBar> m_bars;
  std::string m_chart;
  ServerState m_state;
  test::LoopbackServer m_server; // last: stopped before the state its handlers use
};

TEST_F(YahooSession, CrumbAndCookieAreSentWithTheChartCall) {
  m_state.crumbs = {"haT3oykhHqZ"}; // the getcrumb_ok sample body
  m_state.accepted = "haT3oykhHqZ";
  const auto result = fetch();
  ASSERT_EQ(result.series.size(), 1U) << result.failures.at(0).failure.message;
  EXPECT_EQ(result.series[0].provenance.retries, 0);
  EXPECT_EQ(m_state.cookie_hits, 1);
  EXPECT_EQ(m_state.crumb_hits, 1);
  ASSERT_EQ(m_state.seen_crumbs.size(), 1U);
  EXPECT_EQ(m_state.seen_crumbs[0], "haT3oykhHqZ");
  EXPECT_TRUE(m_state.seen_cookie[0]);
  // The crumb is a session secret: not in the provenance, not in the cache.
  EXPECT_EQ(result.series[0].provenance.request.find("crumb"), std::string::npos);
  EXPECT_EQ(test::read_tree(m_cache).find("haT3oykhHqZ"), std::string::npos);
  const auto first = std::find_if(m_bars.begin(), m_bars.end(),
                                  [](const auto& bar) { return bar.date >= day("2024-01-02"); });
  ASSERT_NE(first, m_bars.end());
  EXPECT_DOUBLE_EQ(result.series[0].prices.close.front(), first->close); // data/prices/NVDA.csv
}

TEST_F(YahooSession, InvalidCrumbIsRenewedOnceThenSucceeds) {
  m_state.crumbs = {"staleCrumb1", "freshCrumb2"};
  m_state.accepted = "freshCrumb2";
  const auto result = fetch();
  ASSERT_EQ(result.series.size(), 1U) << result.failures.at(0).failure.message;
  EXPECT_EQ(result.series[0].provenance.retries, 1); // the re-send after the renewal
  EXPECT_EQ(m_state.crumb_hits, 2);
  EXPECT_EQ(m_state.cookie_hits, 2);
  EXPECT_EQ(m_state.seen_crumbs, (std::vector<std::string>{"staleCrumb1", "freshCrumb2"}));
  // The cache holds the one complete response, and a second run reads it without any request.
  const auto again = fetch();
  ASSERT_EQ(again.series.size(), 1U);
  EXPECT_TRUE(again.series[0].provenance.from_cache);
  EXPECT_EQ(m_state.chart_hits, 2);
  EXPECT_EQ(m_state.crumb_hits, 2);
}

TEST_F(YahooSession, PersistentUnauthorizedIsRenewedOnlyOnceThenClassified) {
  m_state.crumbs = {"crumbA", "crumbB", "crumbC"};
  m_state.always_refuse = true;
  const auto result = fetch();
  ASSERT_EQ(result.failures.size(), 1U);
  const auto& failure = result.failures[0].failure;
  EXPECT_EQ(failure.kind, FailureKind::unauthorized) << failure.message;
  EXPECT_EQ(failure.http_status, 401);
  EXPECT_EQ(failure.retries, 1);
  EXPECT_EQ(m_state.chart_hits, 2); // the first call and one re-send, no more
  EXPECT_EQ(m_state.crumb_hits, 2);
  EXPECT_NE(failure.message.find("Invalid Crumb"), std::string::npos) << failure.message;
  EXPECT_EQ(failure.message.find("crumbB"), std::string::npos) << failure.message;
  EXPECT_FALSE(failure.hint.empty());
  EXPECT_TRUE(test::read_tree(m_cache).empty()); // a refusal is never cached
}

TEST_F(YahooSession, TooManyRequestsAsTheCrumbBodyIsNotUsedAsACrumb) {
  // yahoo_error_payloads.json, "rate_limited" note: getcrumb can answer this text with HTTP 200.
  m_state.crumbs = {"Too Many Requests"};
  const auto result = fetch();
  ASSERT_EQ(result.series.size(), 1U) << result.failures.at(0).failure.message;
  ASSERT_EQ(m_state.seen_crumbs.size(), 1U);
  EXPECT_EQ(m_state.seen_crumbs[0], ""); // the chart call went without a crumb
  EXPECT_TRUE(m_state.seen_cookie[0]);   // but with the cookie from the jar
}

TEST(YahooCrumb, Validation) {
  const auto response = [](long status, std::string body) {
    HttpResponse r;
    r.transport = Transport::ok;
    r.status = status;
    r.body = std::move(body);
    return r;
  };
  EXPECT_TRUE(YahooSource::is_valid_crumb(response(200, "haT3oykhHqZ")));
  EXPECT_TRUE(YahooSource::is_valid_crumb(response(200, "a/b.c\n")));
  EXPECT_FALSE(YahooSource::is_valid_crumb(response(200, "Too Many Requests")));
  EXPECT_FALSE(YahooSource::is_valid_crumb(response(200, "Edge: Too Many Requests")));
  EXPECT_FALSE(YahooSource::is_valid_crumb(response(200, "<html></html>")));
  EXPECT_FALSE(YahooSource::is_valid_crumb(response(200, "")));
  EXPECT_FALSE(YahooSource::is_valid_crumb(response(200, std::string(65, 'x'))));
  EXPECT_FALSE(YahooSource::is_valid_crumb(response(401, k_invalid_crumb)));
}

} // namespace
} // namespace aftershock::sources
