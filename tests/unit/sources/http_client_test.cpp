// The libcurl HTTP layer against a loopback server: retries (with exact counts), Retry-After,
// timeouts, truncated bodies, gzip, the size cap, redirect limits, per-host rate limit and the
// bound on concurrent transfers. Backoff sleeps go to a virtual clock, so no test waits for them.
#include <aftershock/sources/http_client.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <numeric>
#include <thread>

#include "support/loopback_server.hpp"
#include "support/quote_test_support.hpp"

namespace aftershock::sources {
namespace {

using namespace std::chrono_literals;

HttpOptions fast_options() {
  HttpOptions options;
  options.connect_timeout = 2000ms;
  options.total_timeout = 20000ms;
  options.per_host_interval = 0ms;
  options.retry.max_retries = 3;
  options.retry.base_delay = 100ms;
  return options;
}

HttpRequest get(const test::LoopbackServer& server, const std::string& path) {
  HttpRequest request;
  request.url = server.base_url() + path;
  request.display_url = request.url;
  return request;
}

class HttpClientTest : public ::testing::Test {
protected:
  test::LoopbackServer server;
  test::FakeClock clock;
};

TEST_F(HttpClientTest, TooManyRequestsThenSuccessHonoursRetryAfter) {
  std::atomic<int> hits{0};
  server.http().Get("/r", [&](const httplib::Request&, httplib::Response& res) {
    if (hits++ == 0) {
      res.status = 429;
      res.set_header("Retry-After", "7");
      res.set_content("Too Many Requests", "text/plain");
      return;
    }
    res.set_content("ok", "text/plain");
  });
  server.start();
  HttpClient client(fast_options(), clock);
  const auto responses = client.perform_all({get(server, "/r")});
  ASSERT_EQ(responses.size(), 1U);
  EXPECT_EQ(responses[0].transport, Transport::ok);
  EXPECT_EQ(responses[0].status, 200);
  EXPECT_EQ(responses[0].body, "ok");
  EXPECT_EQ(responses[0].retries, 1);
  EXPECT_EQ(hits.load(), 2);
  // The backoff (100 ms * jitter) is raised to the server's Retry-After of 7 s.
  const auto slept = std::accumulate(clock.sleeps().begin(), clock.sleeps().end(), 0ms);
  EXPECT_GE(slept, 7000ms);
  EXPECT_LT(slept, 7200ms);
}

TEST_F(HttpClientTest, ServerErrorThenSuccessAndPersistentErrorExhaustsRetries) {
  std::atomic<int> hits{0};
  server.http().Get("/once", [&](const httplib::Request&, httplib::Response& res) {
    if (hits++ == 0) {
      res.status = 500;
      res.set_content("boom", "text/plain");
      return;
    }
    res.set_content("fine", "text/plain");
  });
  std::atomic<int> always{0};
  server.http().Get("/always", [&](const httplib::Request&, httplib::Response& res) {
    ++always;
    res.status = 503;
    res.set_content("down", "text/plain");
  });
  server.start();
  HttpClient client(fast_options(), clock);
  const auto responses = client.perform_all({get(server, "/once"), get(server, "/always")});
  EXPECT_EQ(responses[0].status, 200);
  EXPECT_EQ(responses[0].retries, 1);
  EXPECT_EQ(responses[1].status, 503);
  EXPECT_EQ(responses[1].retries, 3);
  EXPECT_EQ(always.load(), 4); // the first attempt and 3 retries
  // Exponential: 100, 200, 400 ms (+ up to 50 % jitter each) for the persistent failure.
  ASSERT_GE(clock.sleeps().size(), 3U);
}

TEST_F(HttpClientTest, SlowResponsePastTimeoutIsRetriedThenReportedAsTimeout) {
  std::atomic<int> hits{0};
  server.http().Get("/slow", [&](const httplib::Request&, httplib::Response& res) {
    ++hits;
    std::this_thread::sleep_for(700ms);
    res.set_content("late", "text/plain");
  });
  server.start();
  auto options = fast_options();
  options.total_timeout = 200ms;
  options.retry.max_retries = 1;
  HttpClient client(options, clock);
  const auto responses = client.perform_all({get(server, "/slow")});
  EXPECT_EQ(responses[0].transport, Transport::timeout);
  EXPECT_EQ(responses[0].retries, 1);
  EXPECT_TRUE(responses[0].body.empty());
}

TEST_F(HttpClientTest, TruncatedBodyIsANetworkFailure) {
  server.http().Get("/cut", [](const httplib::Request&, httplib::Response& res) {
    res.set_content_provider(1000, "application/json",
                             [](std::size_t, std::size_t, httplib::DataSink& sink) {
                               const std::string part = R"({"chart":{"result":[)";
                               sink.write(part.data(), part.size());
                               return false; // the server drops the connection mid-body
                             });
  });
  server.start();
  auto options = fast_options();
  options.retry.max_retries = 2;
  HttpClient client(options, clock);
  const auto responses = client.perform_all({get(server, "/cut")});
  EXPECT_EQ(responses[0].transport, Transport::network);
  EXPECT_EQ(responses[0].retries, 2);
  EXPECT_TRUE(responses[0].body.empty()); // a partial body is never handed out
}

TEST_F(HttpClientTest, GzipBodyIsDecodedAndUserAgentSent) {
  const std::string text(20000, 'x');
  std::string accept_encoding;
  std::string user_agent;
  std::mutex mutex;
  server.http().Get("/gz", [&](const httplib::Request& req, httplib::Response& res) {
    {
      const std::lock_guard lock(mutex);
      accept_encoding = req.get_header_value("Accept-Encoding");
      user_agent = req.get_header_value("User-Agent");
    }
    res.set_header("Content-Encoding", "gzip");
    res.set_content(test::gzip(text), "application/json");
  });
  server.start();
  HttpClient client(fast_options(), clock);
  const auto responses = client.perform_all({get(server, "/gz")});
  EXPECT_EQ(responses[0].transport, Transport::ok);
  EXPECT_EQ(responses[0].body, text);
  const std::lock_guard lock(mutex);
  EXPECT_NE(accept_encoding.find("gzip"), std::string::npos);
  EXPECT_EQ(user_agent.rfind("aftershock/" AFTERSHOCK_VERSION, 0), 0U);
}

TEST_F(HttpClientTest, BodyOverTheCapFailsWithoutRetryEvenWhenCompressed) {
  server.http().Get("/big", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(5000, 'y'), "text/plain");
  });
  server.http().Get("/bomb", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Content-Encoding", "gzip");
    res.set_content(test::gzip(std::string(200000, 'z')), "text/plain"); // ~200 bytes on the wire
  });
  server.start();
  auto options = fast_options();
  options.max_body_bytes = 1000;
  HttpClient client(options, clock);
  const auto responses = client.perform_all({get(server, "/big"), get(server, "/bomb")});
  for (const auto& response : responses) {
    EXPECT_EQ(response.transport, Transport::too_large);
    EXPECT_EQ(response.retries, 0);
    EXPECT_TRUE(response.body.empty());
  }
}

TEST_F(HttpClientTest, RedirectLoopAndNonHttpRedirectAreRefusedWithoutRetry) {
  std::atomic<int> loops{0};
  server.http().Get("/loop", [&](const httplib::Request&, httplib::Response& res) {
    ++loops;
    res.set_redirect("/loop");
  });
  server.http().Get("/ftp", [](const httplib::Request&, httplib::Response& res) {
    res.set_redirect("ftp://127.0.0.1/secret");
  });
  server.http().Get("/file", [](const httplib::Request&, httplib::Response& res) {
    res.set_redirect("file:///etc/passwd");
  });
  server.start();
  auto options = fast_options();
  options.max_redirects = 3;
  HttpClient client(options, clock);
  const auto responses =
      client.perform_all({get(server, "/loop"), get(server, "/ftp"), get(server, "/file")});
  for (const auto& response : responses) {
    EXPECT_EQ(response.transport, Transport::refused) << response.error_text;
    EXPECT_EQ(response.retries, 0);
  }
  EXPECT_EQ(loops.load(), 4); // the request and 3 followed redirects
}

TEST_F(HttpClientTest, PerHostRateLimitSpacesRequestStarts) {
  server.http().Get("/x", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("x", "text/plain");
  });
  server.start();
  auto options = fast_options();
  options.per_host_interval = 1000ms;
  HttpClient client(options, clock);
  const auto responses =
      client.perform_all({get(server, "/x"), get(server, "/x"), get(server, "/x")});
  for (const auto& response : responses)
    EXPECT_EQ(response.status, 200);
  // Virtual time: three starts on one host need at least two full intervals of waiting.
  const auto slept = std::accumulate(clock.sleeps().begin(), clock.sleeps().end(), 0ms);
  EXPECT_GE(slept, 2000ms);
}

TEST_F(HttpClientTest, ConcurrencyIsBounded) {
  std::atomic<int> current{0};
  std::atomic<int> peak{0};
  server.http().Get("/c", [&](const httplib::Request&, httplib::Response& res) {
    const int now = ++current;
    int seen = peak.load();
    while (now > seen && !peak.compare_exchange_weak(seen, now)) {
    }
    std::this_thread::sleep_for(100ms);
    --current;
    res.set_content("c", "text/plain");
  });
  server.start();
  auto options = fast_options();
  options.max_in_flight = 3;
  HttpClient client(options, clock);
  const std::vector<HttpRequest> requests(9, get(server, "/c"));
  const auto responses = client.perform_all(requests);
  for (const auto& response : responses)
    EXPECT_EQ(response.status, 200);
  EXPECT_LE(peak.load(), 3);
  EXPECT_GE(peak.load(), 2); // transfers did overlap
}

TEST_F(HttpClientTest, CookieJarCarriesCookiesBetweenRequests) {
  server.http().Get("/set", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Set-Cookie", "B=abc123; Path=/");
    res.set_content("set", "text/plain");
  });
  server.http().Get("/check", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content(req.get_header_value("Cookie"), "text/plain");
  });
  server.start();
  auto options = fast_options();
  options.cookies = CookieJar::in_memory;
  HttpClient client(options, clock);
  EXPECT_EQ(client.perform_all({get(server, "/set")})[0].body, "set");
  EXPECT_EQ(client.perform_all({get(server, "/check")})[0].body, "B=abc123");
  HttpClient without(fast_options(), clock);
  EXPECT_EQ(without.perform_all({get(server, "/check")})[0].body, "");
}

TEST_F(HttpClientTest, ConnectionRefusedIsANetworkFailureAfterRetries) {
  server.start();
  const std::string url = server.base_url() + "/gone";
  server.stop();
  auto options = fast_options();
  options.retry.max_retries = 2;
  HttpClient client(options, clock);
  HttpRequest request;
  request.url = url;
  const auto responses = client.perform_all({request});
  EXPECT_EQ(responses[0].transport, Transport::network);
  EXPECT_EQ(responses[0].retries, 2);
}

} // namespace
} // namespace aftershock::sources
