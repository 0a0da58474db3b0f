#pragma once
// The HTTP layer on libcurl (easy + multi): timeouts, TLS verification, limited redirects over
// http/https only, gzip, a response size cap, proxy from the environment (libcurl's default),
// an optional shared cookie jar, retries with exponential backoff on timeouts, 5xx and 429, a
// per-host rate limit and a bounded number of concurrent transfers. libcurl is loaded on first use
// (curl_library.hpp): constructing a client throws aftershock::Error when it cannot be loaded.

#include <aftershock/sources/clock.hpp>
#include <aftershock/sources/retry_policy.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace aftershock::sources {

enum class TlsVerification { verify, insecure_skip_tls_verify };
enum class CookieJar { off, in_memory };

struct HttpOptions {
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds total_timeout{60'000};
  long max_redirects = 5;
  std::size_t max_body_bytes = std::size_t{64} * 1024 * 1024; // decoded bytes; larger bodies fail
  std::size_t max_in_flight = 4;                              // concurrent transfers
  std::chrono::milliseconds per_host_interval{100}; // minimum gap between starts on one host
  TlsVerification tls = TlsVerification::verify;
  CookieJar cookies = CookieJar::off;
  std::string user_agent; // empty: "aftershock/<version>"
  RetryPolicy retry;
  std::uint64_t jitter_seed = 0x5eed; // seeds the backoff jitter
};

enum class Transport {
  ok,        // an HTTP response arrived (any status)
  timeout,   // connect or total timeout
  network,   // connection refused/reset, partial body, DNS failure (retried)
  refused,   // redirect loop, redirect to a refused scheme, bad URL (not retried)
  too_large, // body over max_body_bytes (not retried)
};

struct HttpResponse {
  Transport transport = Transport::network;
  long status = 0;
  std::string body;
  std::string content_type;
  std::optional<std::chrono::seconds> retry_after;
  std::string error_text; // libcurl's message when transport != ok
  int retries = 0;        // attempts beyond the first
};

struct HttpRequest {
  std::string url;                  // full URL, may hold a key: never log it
  std::string display_url;          // the URL without secrets, for messages
  std::vector<std::string> headers; // "Name: value"
  std::string user_agent;           // overrides HttpOptions::user_agent when not empty
  // Extra retry rule on a complete response (e.g. Yahoo's "Too Many Requests" served with 200).
  std::function<bool(const HttpResponse&)> retry_on;
};

// Progress notifications, called on the calling thread.
enum class TransferEvent { started, retrying, finished };
using TransferObserver = std::function<void(std::size_t index, TransferEvent event, int retries)>;

class HttpClient {
public:
  // `clock` must outlive the client. Loads libcurl on first use (curl_api()); throws
  // aftershock::Error when it cannot be loaded.
  HttpClient(HttpOptions options, Clock& clock);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Performs every request (at most max_in_flight at a time) and returns one response per
  // request, in order. Never throws for transfer failures; they are in HttpResponse::transport.
  std::vector<HttpResponse> perform_all(const std::vector<HttpRequest>& requests,
                                        const TransferObserver& observer = {});

  // Whether a response is retried: timeouts, network errors, HTTP 5xx and 429.
  static bool is_retryable(const HttpResponse& response) noexcept;

private:
  struct Impl;
  HttpOptions m_options;
  Clock& m_clock;
  std::unique_ptr<Impl> m_impl;
};

// "aftershock/<version> (+<contact>)", or without the parenthesis when `contact` is empty.
std::string default_user_agent(const std::string& contact);

} // namespace aftershock::sources
