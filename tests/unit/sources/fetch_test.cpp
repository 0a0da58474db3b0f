// fetch_prices end to end against a loopback server answering like the real providers (same
// paths and query parameters): per-case classification and retry count, the cache holding only
// complete valid responses, offline/refresh/TTL/corrupt-entry behaviour, keys never leaking,
// and 50 concurrent tickers. Expected prices come from data/prices (the bodies are built from it).
#include <aftershock/sources/fetch.hpp>
#include <aftershock/sources/response_cache.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>

#include "support/loopback_server.hpp"
#include "support/quote_test_support.hpp"
#include "support/temp_dir.hpp"

namespace aftershock::sources {
namespace {

using namespace std::chrono_literals;
using calendar::Date;

constexpr const char* k_stooq_key = "STOOQ-SECRET-4711";
constexpr const char* k_av_key = "AVSECRET0815";
const std::vector<std::string> k_bundled = {"AAPL", "AMD", "MSFT", "NVDA", "GSPC", "INTC"};

Date day(const char* iso) {
  return *calendar::parse_iso_date(iso);
}

std::size_t count_bodies(const std::filesystem::path& dir) {
  std::size_t count = 0;
  if (!std::filesystem::exists(dir))
    return 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir))
    if (entry.path().extension() == ".body")
      ++count;
  return count;
}

class FakeProviders : public ::testing::Test {
protected:
  void SetUp() override {
    test::YahooBodyOptions events;
    events.split_10_for_1_on_2024_06_10 = true;
    events.dividend_0_01_on_2024_03_05 = true;
    for (const auto& ticker : k_bundled) {
      m_bars[ticker] = test::read_bundled_prices(ticker);
      events.symbol = ticker;
      m_yahoo[ticker] = test::yahoo_chart_body(m_bars[ticker], events);
    }
    // Bodies are built before the server starts: building them inside a handler under ASan can
    // take longer than the client timeout.
    events.symbol = "NVDA";
    events.null_close_at = 3;
    m_yahoo["NULLS"] = test::yahoo_chart_body(m_bars["NVDA"], events);
    m_stooq_aapl = test::stooq_csv_body(m_bars["AAPL"]);
    m_av_msft = test::alphavantage_daily_body(m_bars["MSFT"], "MSFT");
    install_yahoo();
    install_stooq();
    install_alphavantage();
    m_server.start();
  }
  void TearDown() override { m_server.stop(); }

  FetchOptions options() {
    FetchOptions result;
    result.env = test::env_from({{"AFTERSHOCK_YAHOO_BASE_URL", m_server.base_url()},
                                 {"AFTERSHOCK_STOOQ_BASE_URL", m_server.base_url()},
                                 {"AFTERSHOCK_ALPHAVANTAGE_BASE_URL", m_server.base_url()},
                                 {"AFTERSHOCK_STOOQ_API_KEY", k_stooq_key},
                                 {"AFTERSHOCK_ALPHAVANTAGE_API_KEY", k_av_key}});
    result.cache_dir = m_cache;
    result.clock = &m_clock;
    result.http.total_timeout = 20s; // generous: CI machines under ASan can be slow
    result.http.per_host_interval = 0ms;
    result.http.max_body_bytes = 1u << 20U; // 1 MiB
    result.http.max_redirects = 3;
    result.http.retry.max_retries = 2;
    result.http.max_in_flight = 8;
    result.wall_now = [this] { return m_wall_now; };
    return result;
  }

  int hits(const std::string& symbol) {
    const std::lock_guard lock(m_mutex);
    return m_hits[symbol];
  }

  std::vector<test::CsvBar> scaled(std::size_t i) {
    auto bars = m_bars.at(k_bundled[i % k_bundled.size()]);
    for (auto& bar : bars) {
      bar.close *= 1.0 + static_cast<double>(i) / 100.0;
      bar.adj_close *= 1.0 + static_cast<double>(i) / 100.0;
    }
    return bars;
  }

  void install_yahoo() {
    m_server.http().Get(R"(/v8/finance/chart/([^/?]+))", [this](const httplib::Request& req,
                                                                httplib::Response& res) {
      const std::string symbol = req.matches[1];
      int hit = 0;
      {
        const std::lock_guard lock(m_mutex);
        hit = ++m_hits[symbol];
        m_last_query[symbol] = req.params;
      }
      test::YahooBodyOptions body_options;
      body_options.symbol = symbol;
      body_options.split_10_for_1_on_2024_06_10 = true;
      body_options.dividend_0_01_on_2024_03_05 = true;
      const auto ok = [&] {
        res.set_content(m_yahoo.at("NVDA"), "application/json;charset=utf-8");
      };
      if (m_bars.count(symbol) != 0U) {
        res.set_content(m_yahoo.at(symbol), "application/json");
      } else if (symbol.size() == 3 && symbol[0] == 'T') {
        res.set_content(
            test::yahoo_chart_body(scaled(static_cast<std::size_t>(std::stoi(symbol.substr(1)))),
                                   body_options),
            "application/json");
      } else if (symbol == "NULLS") {
        res.set_content(m_yahoo.at("NULLS"), "application/json");
      } else if (symbol == "EMPTY") {
        res.set_content(R"({"chart":{"result":[{"meta":{"currency":null,"symbol":"EMPTY",)"
                        R"("gmtoffset":-18000,"exchangeTimezoneName":"America/New_York"},)"
                        R"("indicators":{"quote":[{}],"adjclose":[{}]}}],"error":null}})",
                        "application/json");
      } else if (symbol == "UNKNOWN") {
        res.status = 404;
        res.set_content(R"({"chart":{"result":null,"error":{"code":"Not Found","description":)"
                        R"("No data found, symbol may be delisted"}}})",
                        "application/json");
      } else if (symbol == "BEFORE") {
        res.status = 400;
        res.set_content(R"({"chart":{"result":null,"error":{"code":"Bad Request","description":)"
                        R"("Data doesn't exist for startDate = 1565740800, endDate = )"
                        R"(1596067200"}}})",
                        "application/json");
      } else if (symbol == "LIMITED" && hit == 1) {
        res.status = 429;
        res.set_content("Too Many Requests", "text/plain");
      } else if (symbol == "LIMITED200" && hit <= 2) {
        res.set_content("Too Many Requests", "text/plain");
      } else if (symbol == "FLAKY" && hit == 1) {
        res.status = 500;
        res.set_content("<html>Internal Server Error</html>", "text/html");
      } else if (symbol == "SLOW") {
        std::this_thread::sleep_for(900ms);
        ok();
      } else if (symbol == "CUT") {
        res.set_content_provider(100000, "application/json",
                                 [](std::size_t, std::size_t, httplib::DataSink& sink) {
                                   const std::string part = R"({"chart":{"result":[{"meta":)";
                                   sink.write(part.data(), part.size());
                                   return false;
                                 });
      } else if (symbol == "MALFORMED") {
        res.set_content(R"({"chart":{"result":[{"meta":{"currency":"USD"},"timestamp":[1,)",
                        "application/json");
      } else if (symbol == "HTML") {
        res.set_content("<!DOCTYPE html><html><body>consent.yahoo.com</body></html>", "text/html");
      } else if (symbol == "GZIP") {
        res.set_header("Content-Encoding", "gzip");
        res.set_content(test::gzip(m_yahoo.at("NVDA")), "application/json");
      } else if (symbol == "BIG") {
        res.set_content(std::string(2u << 20U, ' ') + "{}", "application/json");
      } else if (symbol == "LOOP") {
        res.set_redirect("/v8/finance/chart/LOOP");
      } else if (symbol == "FTP") {
        res.set_redirect("ftp://127.0.0.1/v8/finance/chart/NVDA");
      } else {
        ok(); // LIMITED, LIMITED200, FLAKY after their first failures
      }
    });
  }

  void install_stooq() {
    m_server.http().Get("/q/d/l/", [this](const httplib::Request& req, httplib::Response& res) {
      const std::string symbol = req.get_param_value("s");
      {
        const std::lock_guard lock(m_mutex);
        ++m_hits["stooq:" + symbol];
        m_last_query["stooq:" + symbol] = req.params;
      }
      if (req.get_param_value("apikey") != k_stooq_key)
        res.set_content("<html><body>Get an API key: ?get_apikey</body></html>", "text/html");
      else if (symbol == "aapl.us")
        res.set_content(m_stooq_aapl, "text/csv");
      else if (symbol == "quota.us")
        res.set_content("Exceeded the daily hits limit", "text/plain");
      else if (symbol == "html.us")
        res.set_content("<!DOCTYPE html><html>__verify proof of work</html>", "text/html");
      else
        res.set_content("No data", "text/plain");
    });
  }

  void install_alphavantage() {
    m_server.http().Get("/query", [this](const httplib::Request& req, httplib::Response& res) {
      const std::string symbol = req.get_param_value("symbol");
      {
        const std::lock_guard lock(m_mutex);
        ++m_hits["av:" + symbol];
      }
      if (req.get_param_value("apikey") != k_av_key) {
        res.set_content(R"({"Information":"The **demo** API key is for demo purposes only."})",
                        "application/json");
      } else if (symbol == "MSFT" && req.get_param_value("function") == "TIME_SERIES_DAILY") {
        res.set_content(m_av_msft, "application/json");
      } else if (symbol == "LIMIT") {
        res.set_content(R"({"Information":"We have detected your API key as )" +
                            std::string(k_av_key) +
                            R"( and our standard API rate limit is 25 requests per day."})",
                        "application/json");
      } else if (symbol == "NOTE") {
        res.set_content(R"({"Note":"Thank you for using Alpha Vantage! Our standard API rate )"
                        R"(limit is 25 requests per day."})",
                        "application/json");
      } else if (symbol == "PREMIUM") {
        res.set_content(R"({"Information":"Thank you for using Alpha Vantage! This is a )"
                        R"(premium endpoint."})",
                        "application/json");
      } else if (symbol == "FULL") {
        res.set_content(R"({"Information":"Thank you for using Alpha Vantage! The )"
                        R"(outputsize=full parameter value is a premium feature for the )"
                        R"(TIME_SERIES_DAILY endpoint."})",
                        "application/json");
      } else {
        res.set_content(R"({"Error Message":"Invalid API call. Please retry or visit the )"
                        R"(documentation for TIME_SERIES_DAILY."})",
                        "application/json");
      }
    });
  }

  test::FakeClock m_clock;
  test::TempDir m_temp; // removed after TearDown
  std::filesystem::path m_cache = m_temp.path();
  std::chrono::system_clock::time_point m_wall_now = std::chrono::sys_days(day("2026-11-28")) + 12h;
  std::map<std::string, std::vector<test::CsvBar>> m_bars;
  std::map<std::string, std::string> m_yahoo;
  std::string m_stooq_aapl;
  std::string m_av_msft;
  std::mutex m_mutex;
  std::map<std::string, int> m_hits;
  std::map<std::string, httplib::Params> m_last_query;
  test::LoopbackServer m_server; // last: stopped before the state its handlers use is destroyed
};

struct Expectation {
  const char* symbol;
  bool ok;
  FailureKind kind;
  int retries;
};

TEST_F(FakeProviders, YahooCasesClassificationRetriesAndCache) {
  const Expectation cases[] = {
      {"NVDA", true, FailureKind::network, 0},
      {"NULLS", true, FailureKind::network, 0},
      {"EMPTY", true, FailureKind::network, 0},
      {"GZIP", true, FailureKind::network, 0},
      {"LIMITED", true, FailureKind::network, 1},
      {"LIMITED200", true, FailureKind::network, 2},
      {"FLAKY", true, FailureKind::network, 1},
      {"UNKNOWN", false, FailureKind::not_found, 0},
      {"BEFORE", false, FailureKind::empty_range, 0},
      {"SLOW", false, FailureKind::timeout, 2},
      {"CUT", false, FailureKind::network, 2},
      {"MALFORMED", false, FailureKind::bad_payload, 0},
      {"HTML", false, FailureKind::bad_payload, 0},
      {"BIG", false, FailureKind::too_large, 0},
      {"LOOP", false, FailureKind::network, 0},
      {"FTP", false, FailureKind::network, 0},
  };
  for (const auto& expected : cases) {
    SCOPED_TRACE(expected.symbol);
    std::filesystem::remove_all(m_cache);
    auto case_options = options();
    if (std::string_view(expected.symbol) == "SLOW")
      case_options.http.total_timeout = 300ms; // SLOW answers after 900 ms
    const auto result = fetch_prices("yahoo", {expected.symbol}, day("2023-01-01"),
                                     day("2025-06-30"), case_options);
    if (expected.ok) {
      ASSERT_EQ(result.series.size(), 1U);
      ASSERT_TRUE(result.failures.empty()) << result.failures[0].failure.message;
      EXPECT_EQ(result.series[0].provenance.retries, expected.retries);
      EXPECT_FALSE(result.series[0].provenance.from_cache);
      EXPECT_EQ(count_bodies(m_cache), 1U);
      // The cached entry is complete and valid: it loads and decodes to the same series.
      const auto again =
          fetch_prices("yahoo", {expected.symbol}, day("2023-01-01"), day("2025-06-30"), [&] {
            auto o = options();
            o.cache_mode = CacheMode::offline;
            return o;
          }());
      ASSERT_EQ(again.series.size(), 1U);
      EXPECT_TRUE(again.series[0].provenance.from_cache);
      EXPECT_EQ(again.series[0].prices.dates, result.series[0].prices.dates);
      EXPECT_EQ(again.series[0].prices.close, result.series[0].prices.close);
    } else {
      ASSERT_EQ(result.failures.size(), 1U);
      EXPECT_TRUE(result.series.empty());
      EXPECT_EQ(result.failures[0].ticker, expected.symbol);
      EXPECT_EQ(result.failures[0].failure.kind, expected.kind)
          << failure_kind_name(result.failures[0].failure.kind) << ": "
          << result.failures[0].failure.message;
      EXPECT_EQ(result.failures[0].failure.retries, expected.retries)
          << result.failures[0].failure.message;
      EXPECT_FALSE(result.failures[0].failure.hint.empty());
      EXPECT_EQ(count_bodies(m_cache), 0U); // refusals and partial bodies are never cached
    }
  }
}

TEST_F(FakeProviders, YahooRequestShapeAndDecodedValues) {
  const auto result =
      fetch_prices("yahoo", {"NVDA"}, day("2024-06-03"), day("2024-06-14"), options());
  ASSERT_EQ(result.series.size(), 1U);
  const auto& query = m_last_query["NVDA"];
  EXPECT_EQ(query.find("interval")->second, "1d");
  EXPECT_EQ(query.find("events")->second, "div|split");
  // period1/period2: UTC epoch seconds, one day before `from` and two days after `to`.
  EXPECT_EQ(query.find("period1")->second, "1717286400"); // 2024-06-02T00:00Z
  EXPECT_EQ(query.find("period2")->second, "1718496000"); // 2024-06-16T00:00Z
  const auto& series = result.series[0];
  ASSERT_EQ(series.prices.dates.size(), 10U); // 3-7 and 10-14 June 2024
  const auto& bars = m_bars.at("NVDA");
  const auto first = std::find_if(bars.begin(), bars.end(),
                                  [](const auto& bar) { return bar.date == day("2024-06-03"); });
  ASSERT_NE(first, bars.end());
  EXPECT_DOUBLE_EQ(series.prices.close[0], first->close); // data/prices/NVDA.csv
  ASSERT_EQ(series.splits.size(), 1U);
  EXPECT_EQ(series.splits[0].date, day("2024-06-10"));
  EXPECT_EQ(series.provenance.provider, "yahoo");
  EXPECT_NE(series.provenance.request.find("/v8/finance/chart/NVDA?period1="), std::string::npos);
}

TEST_F(FakeProviders, OfflineWithoutAndWithCacheRefreshAndCorruptEntry) {
  auto offline = options();
  offline.cache_mode = CacheMode::offline;
  const auto before =
      fetch_prices("yahoo", {"AAPL"}, day("2023-01-01"), day("2024-12-31"), offline);
  ASSERT_EQ(before.failures.size(), 1U);
  EXPECT_EQ(before.failures[0].failure.kind, FailureKind::not_in_cache);
  EXPECT_EQ(hits("AAPL"), 0); // offline never touches the network

  ASSERT_EQ(fetch_prices("yahoo", {"AAPL"}, day("2023-01-01"), day("2024-12-31"), options())
                .series.size(),
            1U);
  EXPECT_EQ(hits("AAPL"), 1);
  const auto cached =
      fetch_prices("yahoo", {"AAPL"}, day("2023-01-01"), day("2024-12-31"), offline);
  ASSERT_EQ(cached.series.size(), 1U);
  EXPECT_TRUE(cached.series[0].provenance.from_cache);
  EXPECT_EQ(hits("AAPL"), 1);
  const auto reused =
      fetch_prices("yahoo", {"AAPL"}, day("2023-01-01"), day("2024-12-31"), options());
  EXPECT_TRUE(reused.series.at(0).provenance.from_cache); // default: the cache wins
  EXPECT_EQ(hits("AAPL"), 1);

  auto refresh = options();
  refresh.cache_mode = CacheMode::refresh;
  const auto refreshed =
      fetch_prices("yahoo", {"AAPL"}, day("2023-01-01"), day("2024-12-31"), refresh);
  EXPECT_FALSE(refreshed.series.at(0).provenance.from_cache);
  EXPECT_EQ(hits("AAPL"), 2);

  // Damage the body: same size, different bytes -> checksum mismatch -> never trusted.
  for (const auto& entry : std::filesystem::recursive_directory_iterator(m_cache)) {
    if (entry.path().extension() != ".body")
      continue;
    std::fstream file(entry.path(), std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(10);
    file.put('#');
  }
  const auto corrupt_offline =
      fetch_prices("yahoo", {"AAPL"}, day("2023-01-01"), day("2024-12-31"), offline);
  ASSERT_EQ(corrupt_offline.failures.size(), 1U);
  EXPECT_EQ(corrupt_offline.failures[0].failure.kind, FailureKind::not_in_cache);
  EXPECT_NE(corrupt_offline.failures[0].failure.message.find("corrupt"), std::string::npos);
  const auto refetched =
      fetch_prices("yahoo", {"AAPL"}, day("2023-01-01"), day("2024-12-31"), options());
  ASSERT_EQ(refetched.series.size(), 1U);
  EXPECT_FALSE(refetched.series[0].provenance.from_cache);
  EXPECT_EQ(hits("AAPL"), 3);
  EXPECT_EQ(count_bodies(m_cache), 1U);
}

TEST_F(FakeProviders, RecentRangesExpireAfterTheTtl) {
  const Date to = day("2026-11-27"); // within recent_days of the (virtual) wall clock
  ASSERT_EQ(fetch_prices("yahoo", {"MSFT"}, day("2026-01-01"), to, options()).failures.size(), 0U);
  fetch_prices("yahoo", {"MSFT"}, day("2026-01-01"), to, options());
  EXPECT_EQ(hits("MSFT"), 1);
  m_wall_now += 13h; // past the 12 h TTL
  fetch_prices("yahoo", {"MSFT"}, day("2026-01-01"), to, options());
  EXPECT_EQ(hits("MSFT"), 2);
}

TEST_F(FakeProviders, StooqSuccessAndRefusals) {
  const auto result = fetch_prices("stooq", {"AAPL", "NODATA", "QUOTA", "HTML"}, day("2023-01-01"),
                                   day("2025-06-30"), options());
  ASSERT_EQ(result.series.size(), 1U);
  EXPECT_EQ(result.series[0].prices.ticker, "AAPL");
  EXPECT_DOUBLE_EQ(result.series[0].prices.close.front(), m_bars.at("AAPL").front().close);
  const auto& query = m_last_query["stooq:aapl.us"];
  EXPECT_EQ(query.find("i")->second, "d");
  EXPECT_EQ(query.find("d1")->second, "20230101");
  EXPECT_EQ(query.find("d2")->second, "20250630");
  ASSERT_EQ(result.failures.size(), 3U);
  EXPECT_EQ(result.failures[0].failure.kind, FailureKind::not_found);
  EXPECT_EQ(result.failures[1].failure.kind, FailureKind::rate_limited);
  EXPECT_EQ(result.failures[2].failure.kind, FailureKind::unauthorized);
  for (const auto& failure : result.failures)
    EXPECT_EQ(failure.failure.retries, 0);
  EXPECT_EQ(count_bodies(m_cache), 1U);

  auto keyless = options();
  keyless.env = test::env_from({{"AFTERSHOCK_STOOQ_BASE_URL", m_server.base_url()}});
  keyless.cache_mode = CacheMode::refresh; // the key is not part of the cache key
  std::filesystem::remove_all(m_cache);
  const auto page = fetch_prices("stooq", {"AAPL"}, day("2023-01-01"), day("2025-06-30"), keyless);
  ASSERT_EQ(page.failures.size(), 1U);
  EXPECT_EQ(page.failures[0].failure.kind, FailureKind::unauthorized);
  EXPECT_EQ(page.failures[0].failure.retries, 0);
  EXPECT_NE(page.failures[0].failure.hint.find("AFTERSHOCK_STOOQ_API_KEY"), std::string::npos);
  EXPECT_EQ(count_bodies(m_cache), 0U); // the key page is never cached
}

TEST_F(FakeProviders, StooqKeyParameterNameIsConfigurable) {
  // The server reads the key from "apikey"; under another name it is not seen: the key page.
  auto renamed = options();
  renamed.env = test::env_from({{"AFTERSHOCK_STOOQ_BASE_URL", m_server.base_url()},
                                {"AFTERSHOCK_STOOQ_API_KEY", k_stooq_key},
                                {"AFTERSHOCK_STOOQ_KEY_PARAM", "key"}});
  const auto refused =
      fetch_prices("stooq", {"AAPL"}, day("2023-01-01"), day("2025-06-30"), renamed);
  ASSERT_EQ(refused.failures.size(), 1U);
  EXPECT_EQ(refused.failures[0].failure.kind, FailureKind::unauthorized);
  EXPECT_EQ(m_last_query["stooq:aapl.us"].count("key"), 1U);
  EXPECT_EQ(m_last_query["stooq:aapl.us"].count("apikey"), 0U);
  EXPECT_EQ(count_bodies(m_cache), 0U);
}

TEST_F(FakeProviders, AlphaVantageSuccessAndRefusals) {
  const auto result =
      fetch_prices("alphavantage", {"MSFT", "LIMIT", "NOTE", "PREMIUM", "FULL", "BAD"},
                   day("2023-01-01"), day("2025-06-30"), options());
  ASSERT_EQ(result.series.size(), 1U) << result.failures[0].failure.message;
  EXPECT_EQ(result.series[0].prices.dates.size(), m_bars.at("MSFT").size());
  EXPECT_EQ(result.series[0].provenance.retries, 0);
  const FailureKind expected[] = {FailureKind::rate_limited, FailureKind::rate_limited,
                                  FailureKind::refused_premium, FailureKind::refused_premium,
                                  FailureKind::bad_request};
  ASSERT_EQ(result.failures.size(), std::size(expected));
  for (std::size_t i = 0; i < std::size(expected); ++i) {
    SCOPED_TRACE(result.failures[i].ticker);
    EXPECT_EQ(result.failures[i].failure.kind, expected[i]);
    EXPECT_EQ(result.failures[i].failure.http_status, 200);
    EXPECT_EQ(result.failures[i].failure.retries, 0); // refusals with 200 are never retried
  }
  EXPECT_EQ(count_bodies(m_cache), 1U); // only MSFT's complete body

  // The demo key is refused as unauthorized; nothing is cached.
  std::filesystem::remove_all(m_cache);
  auto demo = options();
  demo.env = test::env_from({{"AFTERSHOCK_ALPHAVANTAGE_BASE_URL", m_server.base_url()},
                             {"AFTERSHOCK_ALPHAVANTAGE_API_KEY", "demo"}});
  const auto refused =
      fetch_prices("alphavantage", {"MSFT"}, day("2023-01-01"), day("2025-06-30"), demo);
  ASSERT_EQ(refused.failures.size(), 1U);
  EXPECT_EQ(refused.failures[0].failure.kind, FailureKind::unauthorized);
  EXPECT_EQ(refused.failures[0].failure.retries, 0);
  EXPECT_EQ(count_bodies(m_cache), 0U);
}

TEST_F(FakeProviders, KeysNeverAppearInResultsOrCache) {
  std::string everything;
  for (const char* provider : {"stooq", "alphavantage"}) {
    const auto result = fetch_prices(provider, {"AAPL", "MSFT", "LIMIT", "QUOTA", "NODATA"},
                                     day("2023-01-01"), day("2025-06-30"), options());
    for (const auto& series : result.series)
      everything +=
          series.provenance.request + series.provenance.retrieved_utc + series.prices.origin;
    for (const auto& failure : result.failures)
      everything += failure.failure.message + failure.failure.hint;
  }
  everything += test::read_tree(m_cache);
  EXPECT_GT(count_bodies(m_cache), 0U);
  EXPECT_EQ(everything.find(k_stooq_key), std::string::npos);
  EXPECT_EQ(everything.find(k_av_key), std::string::npos);
}

TEST_F(FakeProviders, FiftyConcurrentTickers) {
  std::vector<std::string> tickers;
  for (int i = 0; i < 50; ++i)
    tickers.push_back((i < 10 ? "T0" : "T") + std::to_string(i));
  std::atomic<int> done{0};
  auto concurrent = options();
  concurrent.on_progress = [&](const std::string&, FetchEvent event, int) {
    if (event == FetchEvent::done)
      ++done;
  };
  const auto result =
      fetch_prices("yahoo", tickers, day("2023-01-01"), day("2025-06-30"), concurrent);
  ASSERT_TRUE(result.failures.empty()) << result.failures[0].failure.message;
  ASSERT_EQ(result.series.size(), 50U);
  EXPECT_EQ(done.load(), 50);
  for (std::size_t i = 0; i < 50; ++i) {
    const auto expected = scaled(i);
    EXPECT_EQ(result.series[i].prices.ticker, tickers[i]);
    ASSERT_EQ(result.series[i].prices.close.size(), expected.size()) << tickers[i];
    EXPECT_DOUBLE_EQ(result.series[i].prices.close.front(), expected.front().close);
    EXPECT_DOUBLE_EQ(result.series[i].prices.close.back(), expected.back().close);
  }
  EXPECT_EQ(count_bodies(m_cache), 50U);
}

TEST(FetchConfiguration, UnknownProviderAndBadBaseUrlThrow) {
  FetchOptions options;
  options.env = test::env_from({{"AFTERSHOCK_YAHOO_BASE_URL", "http://127.0.0.1:1/some/path"}});
  EXPECT_THROW(fetch_prices("nasdaq", {"X"}, day("2024-01-01"), day("2024-02-01"), options),
               std::exception);
  EXPECT_THROW(fetch_prices("yahoo", {"X"}, day("2024-01-01"), day("2024-02-01"), options),
               std::exception);
}

} // namespace
} // namespace aftershock::sources
