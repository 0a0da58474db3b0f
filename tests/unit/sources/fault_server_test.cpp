// Network faults (issue 7): a loopback Yahoo scripted by a seeded generator to drop
// connections, cut bodies short, stall past the total timeout, answer 5xx and 429, or serve a
// malformed body, for at least 1,000 requests across many tickers. Every ticker must end either
// loaded with exactly its own data (the bars of data/prices/NVDA.csv scaled by a per-ticker
// factor, as in fetch_test) or failed with a classified reason; the cache must hold only
// complete, valid entries of loaded tickers. Plus a server trickling bytes past the total
// timeout.
#include <aftershock/sources/fetch.hpp>
#include <aftershock/sources/response_cache.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <iostream>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "quote_test_support.hpp"
#include "support/loopback_server.hpp"
#include "support/paths.hpp"
#include "support/temp_dir.hpp"

namespace aftershock::sources {
namespace {

using namespace std::chrono_literals;
using calendar::Date;

Date day(const char* iso) {
  return *calendar::parse_iso_date(iso);
}

enum class Fault { none, status_500, status_503, status_429, drop, truncate, stall, malformed };

// Cumulative weights (out of 100) of each fault per request.
Fault draw_fault(std::mt19937_64& random) {
  const auto roll = std::uniform_int_distribution<int>(0, 99)(random);
  if (roll < 45)
    return Fault::none;
  if (roll < 57)
    return Fault::status_500;
  if (roll < 64)
    return Fault::status_503;
  if (roll < 70)
    return Fault::status_429;
  if (roll < 82)
    return Fault::drop;
  if (roll < 92)
    return Fault::truncate;
  if (roll < 95)
    return Fault::stall;
  return Fault::malformed;
}

class FaultServer : public ::testing::Test {
protected:
  void SetUp() override {
    auto bars = test::read_bundled_prices("NVDA");
    bars.resize(40);
    m_bars = bars;
    m_server.http().Get(
        R"(/v8/finance/chart/T(\d+))", [this](const httplib::Request& req, httplib::Response& res) {
          const auto index = static_cast<std::size_t>(std::stoul(req.matches[1].str()));
          Fault fault = Fault::none;
          {
            const std::lock_guard lock(m_mutex);
            fault = draw_fault(m_random);
            ++m_requests;
            ++m_faults[fault];
          }
          const std::string& body = m_bodies.at(index);
          switch (fault) {
          case Fault::none:
            res.set_content(body, "application/json");
            return;
          case Fault::status_500:
          case Fault::status_503:
            res.status = fault == Fault::status_500 ? 500 : 503;
            res.set_content("<html><body>Internal error</body></html>", "text/html");
            return;
          case Fault::status_429:
            res.status = 429;
            res.set_header("Retry-After", "1");
            res.set_content("Too Many Requests", "text/plain");
            return;
          case Fault::drop: // the connection closes before any byte of the body
            res.set_content_provider(
                body.size(), "application/json",
                [](std::size_t, std::size_t, httplib::DataSink&) { return false; });
            return;
          case Fault::truncate: // half the body, then the connection closes
            res.set_content_provider(body.size(), "application/json",
                                     [&body](std::size_t, std::size_t, httplib::DataSink& sink) {
                                       sink.write(body.data(), body.size() / 2);
                                       return false;
                                     });
            return;
          case Fault::stall:
            std::this_thread::sleep_for(k_stall);
            res.set_content(body, "application/json");
            return;
          case Fault::malformed: // HTTP 200 with a complete but cut-off JSON document
            res.set_content(body.substr(0, body.size() / 3), "application/json");
            return;
          }
        });
    m_server.start();
  }
  void TearDown() override { m_server.stop(); }

  // Builds the bodies of tickers [first, first + count) before they are requested (building a
  // body inside a handler under ASan can take longer than the client timeout).
  std::vector<std::string> add_tickers(std::size_t first, std::size_t count) {
    std::vector<std::string> tickers;
    for (std::size_t i = first; i < first + count; ++i) {
      test::YahooBodyOptions options;
      options.symbol = "T" + std::to_string(i);
      m_bodies.emplace(i, test::yahoo_chart_body(scaled(i), options));
      tickers.push_back(options.symbol);
    }
    return tickers;
  }

  std::vector<test::CsvBar> scaled(std::size_t i) const {
    auto bars = m_bars;
    for (auto& bar : bars) {
      bar.close *= 1.0 + static_cast<double>(i) / 1000.0;
      bar.adj_close *= 1.0 + static_cast<double>(i) / 1000.0;
    }
    return bars;
  }

  FetchOptions options() {
    FetchOptions result;
    result.env = test::env_from({{"AFTERSHOCK_YAHOO_BASE_URL", m_server.base_url()}});
    result.cache_dir = m_cache;
    result.clock = &m_clock; // backoff and Retry-After waits take no real time
    result.http.connect_timeout = 5s;
    result.http.total_timeout = 1500ms; // below k_stall; generous for ASan on a loaded machine
    result.http.per_host_interval = 0ms;
    result.http.retry.max_retries = 3;
    result.http.max_in_flight = 8;
    return result;
  }

  static constexpr auto k_stall = 2500ms;
  std::vector<test::CsvBar> m_bars;
  std::map<std::size_t, std::string> m_bodies; // written only before requests start
  std::mutex m_mutex;
  std::mt19937_64 m_random{20261129}; // fixed seed: the same fault script on every run
  std::size_t m_requests = 0;
  std::map<Fault, std::size_t> m_faults;
  test::TempDir m_temp; // removed after TearDown
  std::filesystem::path m_cache = m_temp.path();
  test::FakeClock m_clock;
  test::LoopbackServer m_server;
};

TEST_F(FaultServer, ThousandFaultyRequestsLoadExactDataOrFailWithAReason) {
  const auto from = day("2000-01-01");
  const auto to = day("2030-12-31");
  const std::set<FailureKind> expected_kinds{FailureKind::network, FailureKind::timeout,
                                             FailureKind::rate_limited, FailureKind::bad_payload};
  std::size_t loaded = 0;
  std::size_t failed = 0;
  std::size_t next = 0;
  std::map<std::string, std::size_t> loaded_index;
  while (true) {
    {
      const std::lock_guard lock(m_mutex);
      if (m_requests >= 1000)
        break;
    }
    const auto tickers = add_tickers(next, 100);
    const auto result = fetch_prices("yahoo", tickers, from, to, options());
    ASSERT_EQ(result.series.size() + result.failures.size(), tickers.size());
    for (const auto& data : result.series) {
      const auto index = static_cast<std::size_t>(std::stoul(data.prices.ticker.substr(1)));
      const auto expected = scaled(index);
      ASSERT_EQ(data.prices.close.size(), expected.size()) << data.prices.ticker;
      for (std::size_t k = 0; k < expected.size(); ++k) {
        ASSERT_EQ(data.prices.dates[k], expected[k].date) << data.prices.ticker;
        // The body carries the scaled close printed with full precision (quote_test_support).
        ASSERT_DOUBLE_EQ(data.prices.close[k], expected[k].close) << data.prices.ticker;
      }
      loaded_index[data.prices.ticker] = index;
      ++loaded;
    }
    for (const auto& failure : result.failures) {
      EXPECT_EQ(expected_kinds.count(failure.failure.kind), 1U)
          << failure.ticker << ": " << failure.failure.message;
      EXPECT_NE(failure.failure.message.find(failure.ticker), std::string::npos)
          << failure.failure.message;
      EXPECT_FALSE(failure.failure.hint.empty());
      ++failed;
    }
    next += tickers.size();
  }
  std::cout << "fault server: " << m_requests << " requests, " << next << " tickers, " << loaded
            << " loaded, " << failed << " failed; faults:";
  for (const auto& [fault, count] : m_faults)
    std::cout << " " << static_cast<int>(fault) << "=" << count;
  std::cout << "\n";
  EXPECT_GE(m_requests, 1000U);
  EXPECT_GT(loaded, 0U);
  EXPECT_GT(failed, 0U);

  // The cache: one complete, valid entry per loaded ticker, holding exactly its body.
  const ResponseCache cache(m_cache);
  std::size_t entries = 0;
  for (const auto& item : std::filesystem::recursive_directory_iterator(m_cache)) {
    const auto name = item.path().filename().string();
    EXPECT_EQ(name.find(".tmp."), std::string::npos) << "leftover temp file " << name;
    if (item.path().extension() != ".json")
      continue;
    const auto meta = nlohmann::json::parse(test::read_file(item.path()));
    const auto request = meta.at("request").get<std::string>();
    CacheLookup status = CacheLookup::miss;
    const auto entry = cache.load("yahoo", request, std::chrono::system_clock::now(), {}, status);
    ASSERT_EQ(status, CacheLookup::hit) << request;
    const auto symbol_at = request.find("/chart/T") + 8;
    const auto index = static_cast<std::size_t>(std::stoul(request.substr(symbol_at)));
    EXPECT_EQ(entry->body, m_bodies.at(index)) << request;
    EXPECT_EQ(loaded_index.count("T" + std::to_string(index)), 1U) << request;
    ++entries;
  }
  EXPECT_EQ(entries, loaded);
}

TEST_F(FaultServer, TricklingServerEndsAtTheTotalTimeout) {
  // One byte every 100 ms of a 10,000-byte body (1,000 s in all): the transfer never goes idle,
  // so only the total timeout can end it.
  std::atomic<bool> stop{false};
  m_server.stop();
  test::LoopbackServer trickle;
  trickle.http().Get(
      R"(/v8/finance/chart/(.+))", [&stop](const httplib::Request&, httplib::Response& res) {
        res.set_content_provider(10000, "application/json",
                                 [&stop](std::size_t offset, std::size_t, httplib::DataSink& sink) {
                                   if (stop)
                                     return false;
                                   std::this_thread::sleep_for(100ms);
                                   return sink.write(offset == 0 ? "{" : " ", 1);
                                 });
      });
  trickle.start();
  auto trickle_options = options();
  trickle_options.env = test::env_from({{"AFTERSHOCK_YAHOO_BASE_URL", trickle.base_url()}});
  trickle_options.http.total_timeout = 800ms;
  trickle_options.http.retry.max_retries = 1;
  const auto result =
      fetch_prices("yahoo", {"SLOW"}, day("2024-01-01"), day("2024-02-01"), trickle_options);
  stop = true;
  ASSERT_EQ(result.failures.size(), 1U);
  EXPECT_EQ(result.failures[0].failure.kind, FailureKind::timeout);
  EXPECT_EQ(result.failures[0].failure.retries, 1);
  trickle.stop();
}

} // namespace
} // namespace aftershock::sources
