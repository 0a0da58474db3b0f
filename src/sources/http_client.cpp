// The curl-multi transfer loop. Longer than most files (about 250 lines) because the retry,
// rate-limit and concurrency bookkeeping share one event loop.
#include <aftershock/sources/host_rate_limiter.hpp>
#include <aftershock/sources/http_client.hpp>
#include <aftershock/util/parse.hpp>

#include <algorithm>
#include <array>
#include <stdexcept>

#include "curl_api.hpp"

namespace aftershock::sources {

namespace {

struct Transfer {
  std::size_t index = 0;
  int retries = 0;
  Clock::time_point ready{};
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  std::string body;
  std::size_t cap = 0;
  bool too_large = false;
  std::optional<std::chrono::seconds> retry_after;
  std::array<char, CURL_ERROR_SIZE> error{};
  std::string host;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const std::size_t bytes = size * count;
  if (transfer->body.size() + bytes > transfer->cap) {
    transfer->too_large = true;
    return 0; // aborts the transfer with CURLE_WRITE_ERROR
  }
  transfer->body.append(data, bytes);
  return bytes;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const std::size_t bytes = size * count;
  const std::string_view line(data, bytes);
  constexpr std::string_view k_name = "retry-after:";
  if (line.size() > k_name.size() && util::to_lower(line.substr(0, k_name.size())) == k_name)
    transfer->retry_after = parse_retry_after(line.substr(k_name.size()));
  if (line.starts_with("HTTP/"))
    transfer->retry_after.reset(); // a new response (after a redirect) starts
  return bytes;
}

Transport classify_curl(CURLcode code, bool too_large) {
  if (too_large || code == CURLE_FILESIZE_EXCEEDED)
    return Transport::too_large;
  switch (code) {
  case CURLE_OK:
    return Transport::ok;
  case CURLE_OPERATION_TIMEDOUT:
    return Transport::timeout;
  case CURLE_TOO_MANY_REDIRECTS:
  case CURLE_UNSUPPORTED_PROTOCOL:
  case CURLE_URL_MALFORMAT:
  case CURLE_PEER_FAILED_VERIFICATION:
  case CURLE_SSL_CACERT_BADFILE:
    return Transport::refused;
  default:
    return Transport::network;
  }
}

} // namespace

struct HttpClient::Impl {
  const CurlApi& curl; // libcurl, loaded on first use (curl_library.hpp)
  CURLM* multi = nullptr;
  CURLSH* share = nullptr;
  HostRateLimiter limiter;
  std::mt19937_64 random;

  Impl(const HttpOptions& options)
      : curl(curl_api()), limiter(options.per_host_interval), random(options.jitter_seed) {
    multi = curl.multi_init();
    share = curl.share_init();
    if (multi == nullptr || share == nullptr)
      throw std::runtime_error("libcurl initialisation failed");
    // One thread drives all handles, so the share needs no lock callbacks.
    curl.share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_COOKIE);
    curl.share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
  }
  ~Impl() {
    curl.multi_cleanup(multi);
    curl.share_cleanup(share);
  }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
};

HttpClient::HttpClient(HttpOptions options, Clock& clock)
    : m_options(std::move(options)), m_clock(clock), m_impl(std::make_unique<Impl>(m_options)) {}

HttpClient::~HttpClient() = default;

bool HttpClient::is_retryable(const HttpResponse& response) noexcept {
  switch (response.transport) {
  case Transport::timeout:
  case Transport::network:
    return true;
  case Transport::ok:
    return response.status == 429 || (response.status >= 500 && response.status <= 599);
  case Transport::refused:
  case Transport::too_large:
    return false;
  }
  return false;
}

std::vector<HttpResponse> HttpClient::perform_all(const std::vector<HttpRequest>& requests,
                                                  const TransferObserver& observer) {
  const CurlApi& curl = m_impl->curl;
  std::vector<HttpResponse> responses(requests.size());
  std::vector<Transfer> transfers(requests.size());
  std::vector<std::size_t> waiting;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    transfers[i].index = i;
    transfers[i].ready = m_clock.now();
    transfers[i].host = HostRateLimiter::host_of(requests[i].url);
    waiting.push_back(i);
  }
  std::size_t in_flight = 0;
  const std::size_t max_in_flight = std::max<std::size_t>(1, m_options.max_in_flight);

  auto start = [&](Transfer& transfer) {
    const HttpRequest& request = requests[transfer.index];
    transfer.body.clear();
    transfer.too_large = false;
    transfer.retry_after.reset();
    transfer.cap = m_options.max_body_bytes;
    transfer.error.fill('\0');
    CURL* easy = curl.easy_init();
    if (easy == nullptr)
      throw std::runtime_error("curl_easy_init failed");
    transfer.easy = easy;
    const std::string& agent =
        request.user_agent.empty() ? m_options.user_agent : request.user_agent;
    const std::string user_agent = agent.empty() ? default_user_agent({}) : agent;
    curl.easy_setopt(easy, CURLOPT_URL, request.url.c_str());
    curl.easy_setopt(easy, CURLOPT_USERAGENT, user_agent.c_str()); // libcurl copies strings
    curl.easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl.easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(m_options.connect_timeout.count()));
    curl.easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(m_options.total_timeout.count()));
    curl.easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 1L);
    curl.easy_setopt(easy, CURLOPT_MAXREDIRS, m_options.max_redirects);
    curl.easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    curl.easy_setopt(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl.easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, ""); // every encoding libcurl decodes
    curl.easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE,
                     static_cast<curl_off_t>(m_options.max_body_bytes));
    const long verify = m_options.tls == TlsVerification::verify ? 1L : 0L;
    curl.easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, verify);
    curl.easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, verify == 1L ? 2L : 0L);
    if (m_options.cookies == CookieJar::in_memory) {
      curl.easy_setopt(easy, CURLOPT_COOKIEFILE, ""); // enables the cookie engine, no file
      curl.easy_setopt(easy, CURLOPT_SHARE, m_impl->share);
    }
    transfer.headers = nullptr;
    for (const auto& header : request.headers)
      transfer.headers = curl.slist_append(transfer.headers, header.c_str());
    if (transfer.headers != nullptr)
      curl.easy_setopt(easy, CURLOPT_HTTPHEADER, transfer.headers);
    curl.easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_body);
    curl.easy_setopt(easy, CURLOPT_WRITEDATA, &transfer);
    curl.easy_setopt(easy, CURLOPT_HEADERFUNCTION, on_header);
    curl.easy_setopt(easy, CURLOPT_HEADERDATA, &transfer);
    curl.easy_setopt(easy, CURLOPT_ERRORBUFFER, transfer.error.data());
    curl.easy_setopt(easy, CURLOPT_PRIVATE, &transfer);
    curl.multi_add_handle(m_impl->multi, easy);
    m_impl->limiter.record_start(transfer.host, m_clock.now());
    ++in_flight;
    if (observer)
      observer(transfer.index, TransferEvent::started, transfer.retries);
  };

  auto finish = [&](Transfer& transfer, CURLcode code) {
    HttpResponse response;
    response.transport = classify_curl(code, transfer.too_large);
    long status = 0;
    curl.easy_getinfo(transfer.easy, CURLINFO_RESPONSE_CODE, &status);
    response.status = status;
    char* content_type = nullptr;
    curl.easy_getinfo(transfer.easy, CURLINFO_CONTENT_TYPE, &content_type);
    if (content_type != nullptr)
      response.content_type = content_type;
    if (response.transport != Transport::ok) {
      response.error_text = transfer.error[0] != '\0' ? std::string(transfer.error.data())
                                                      : std::string(curl.easy_strerror(code));
    } else {
      response.body = std::move(transfer.body);
    }
    response.retry_after = transfer.retry_after;
    response.retries = transfer.retries;
    curl.multi_remove_handle(m_impl->multi, transfer.easy);
    curl.easy_cleanup(transfer.easy);
    curl.slist_free_all(transfer.headers);
    transfer.easy = nullptr;
    transfer.headers = nullptr;
    --in_flight;

    const HttpRequest& request = requests[transfer.index];
    const bool retry = is_retryable(response) || (response.transport == Transport::ok &&
                                                  request.retry_on && request.retry_on(response));
    if (retry && transfer.retries < m_options.retry.max_retries) {
      ++transfer.retries;
      const auto delay =
          backoff_delay(m_options.retry, transfer.retries, response.retry_after, m_impl->random);
      transfer.ready = m_clock.now() + delay;
      waiting.push_back(transfer.index);
      if (observer)
        observer(transfer.index, TransferEvent::retrying, transfer.retries);
      return;
    }
    responses[transfer.index] = std::move(response);
    if (observer)
      observer(transfer.index, TransferEvent::finished, transfer.retries);
  };

  while (!waiting.empty() || in_flight > 0) {
    const auto now = m_clock.now();
    // Start whatever is due, in request order, within the in-flight bound and host limits.
    for (auto it = waiting.begin(); it != waiting.end() && in_flight < max_in_flight;) {
      Transfer& transfer = transfers[*it];
      if (transfer.ready <= now && m_impl->limiter.next_allowed(transfer.host) <= now) {
        start(transfer);
        it = waiting.erase(it);
      } else {
        ++it;
      }
    }
    if (in_flight == 0) {
      if (waiting.empty())
        break;
      auto wake = Clock::time_point::max();
      for (const auto index : waiting)
        wake = std::min(wake, std::max(transfers[index].ready,
                                       m_impl->limiter.next_allowed(transfers[index].host)));
      const auto delta = std::chrono::ceil<std::chrono::milliseconds>(wake - m_clock.now());
      m_clock.sleep_for(std::max(delta, std::chrono::milliseconds(1)));
      continue;
    }
    int running = 0;
    curl.multi_perform(m_impl->multi, &running);
    int queued = 0;
    while (CURLMsg* message = curl.multi_info_read(m_impl->multi, &queued)) {
      if (message->msg != CURLMSG_DONE)
        continue;
      void* user = nullptr;
      curl.easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &user);
      finish(*static_cast<Transfer*>(user), message->data.result);
    }
    if (in_flight > 0)
      curl.multi_poll(m_impl->multi, nullptr, 0, 50, nullptr);
  }
  return responses;
}

std::string default_user_agent(const std::string& contact) {
  std::string agent = "aftershock/" AFTERSHOCK_VERSION;
  if (!contact.empty())
    agent += " (+" + contact + ")";
  return agent;
}

} // namespace aftershock::sources
