#include <aftershock/sources/clock.hpp>
#include <aftershock/sources/fetch.hpp>
#include <aftershock/sources/response_cache.hpp>

#include <ctime>

namespace aftershock::sources {

namespace {

void redact(std::string& text, const std::vector<std::string>& secrets) {
  for (const auto& secret : secrets) {
    if (secret.empty())
      continue;
    for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret, at + 3))
      text.replace(at, secret.size(), "***");
  }
}

struct Slot {
  std::optional<QuoteData> data;
  std::optional<SourceFailure> failure;
  std::optional<PreparedRequest> request;
};

} // namespace

FetchCache fetch_cache(const FetchOptions& options) {
  return {ResponseCache(options.cache_dir.empty() ? ResponseCache::default_directory(options.env)
                                                  : options.cache_dir),
          options.cache_mode == CacheMode::use || options.cache_mode == CacheMode::offline,
          options.cache_mode == CacheMode::use || options.cache_mode == CacheMode::refresh};
}

HttpResponse cached_http_response(CachedResponse entry) {
  HttpResponse response;
  response.transport = Transport::ok;
  response.status = entry.status;
  response.body = std::move(entry.body);
  response.content_type = std::move(entry.content_type);
  return response;
}

FetchResult fetch_prices(std::string_view provider, const std::vector<std::string>& tickers,
                         calendar::Date from, calendar::Date to, const FetchOptions& options) {
  const auto source = make_quote_source(provider, options.env);
  return fetch_prices(*source, tickers, from, to, options);
}

FetchResult fetch_prices(const QuoteSource& source, const std::vector<std::string>& tickers,
                         calendar::Date from, calendar::Date to, const FetchOptions& options) {
  const auto wall_now = options.wall_now ? options.wall_now() : std::chrono::system_clock::now();
  const auto today = std::chrono::floor<std::chrono::days>(wall_now);
  const std::optional<std::chrono::seconds> max_age =
      to >= today - std::chrono::days(options.recent_days)
          ? std::optional<std::chrono::seconds>(options.recent_ttl)
          : std::nullopt;
  const auto [cache, read_cache, write_cache] = fetch_cache(options);
  auto notify = [&](const std::string& ticker, FetchEvent event, int retries) {
    if (options.on_progress)
      options.on_progress(ticker, event, retries);
  };

  std::vector<Slot> slots(tickers.size());
  std::vector<HttpRequest> requests;
  std::vector<std::size_t> request_slot;
  for (std::size_t i = 0; i < tickers.size(); ++i) {
    const std::string& ticker = tickers[i];
    auto prepared = source.prepare(ticker, from, to, today);
    if (!prepared) {
      slots[i].failure = prepared.error();
      continue;
    }
    CacheLookup lookup = CacheLookup::miss;
    if (read_cache) {
      if (auto entry = cache.load(source.name(), prepared->cache_key, wall_now, max_age, lookup)) {
        const auto retrieved = entry->retrieved;
        HttpResponse response = cached_http_response(std::move(*entry));
        auto decoded = source.decode(ticker, response, from, to);
        if (decoded) {
          decoded->provenance = {std::string(source.name()), prepared->cache_key,
                                 iso_utc(retrieved), true, 0};
          slots[i].data = std::move(decoded).value();
          notify(ticker, FetchEvent::done, 0);
          continue;
        }
        lookup = CacheLookup::corrupt; // stored but not decodable: never trusted
      }
      if (lookup == CacheLookup::corrupt)
        cache.remove(source.name(), prepared->cache_key);
    }
    if (options.cache_mode == CacheMode::offline) {
      SourceFailure missing;
      missing.kind = FailureKind::not_in_cache;
      missing.message = std::string(source.name()) + ": " + ticker + ": " +
                        (lookup == CacheLookup::corrupt   ? "the cached response is corrupt"
                         : lookup == CacheLookup::expired ? "the cached response has expired"
                                                          : "no cached response") +
                        " for " + prepared->cache_key + " (offline)";
      missing.hint =
          "run once without --offline to fill the cache at " + cache.directory().string();
      slots[i].failure = std::move(missing);
      notify(ticker, FetchEvent::failed, 0);
      continue;
    }
    HttpRequest request;
    request.url = prepared->url;
    request.display_url = prepared->cache_key;
    request.headers = prepared->headers;
    request.user_agent = prepared->user_agent;
    request.retry_on = [&source](const HttpResponse& response) {
      return source.retry_on(response);
    };
    slots[i].request = std::move(prepared).value();
    requests.push_back(std::move(request));
    request_slot.push_back(i);
  }

  if (!requests.empty()) {
    HttpOptions http = options.http;
    if (source.cookie_jar() == CookieJar::in_memory)
      http.cookies = CookieJar::in_memory;
    if (http.user_agent.empty())
      http.user_agent = default_user_agent(options.env ? options.env("AFTERSHOCK_CONTACT") : "");
    SystemClock system_clock;
    HttpClient client(http, options.clock != nullptr ? *options.clock : system_clock);
    // A provider session (Yahoo cookie + crumb) is attached to a copy of the prepared request, so
    // the cache key and the URL a renewal starts from never hold a token.
    const auto attach = [&](std::size_t r, const std::optional<std::string>& token) {
      PreparedRequest with_token = *slots[request_slot[r]].request;
      if (token) {
        source.attach_session(with_token, *token);
        auto& secrets = slots[request_slot[r]].request->secrets;
        secrets.insert(secrets.end(), with_token.secrets.begin(), with_token.secrets.end());
      }
      requests[r].url = with_token.url;
    };
    if (const auto token = source.open_session(client))
      for (std::size_t r = 0; r < requests.size(); ++r)
        attach(r, token);
    auto observer = [&](std::size_t index, TransferEvent event, int retries) {
      const std::string& ticker = tickers[request_slot[index]];
      if (event == TransferEvent::started && retries == 0)
        notify(ticker, FetchEvent::started, retries);
      else if (event == TransferEvent::retrying)
        notify(ticker, FetchEvent::retrying, retries);
    };
    auto responses = client.perform_all(requests, observer);
    // A refused session is renewed once and the refused requests are sent once more (counted as
    // one retry); what they answer then is classified.
    std::vector<std::size_t> refused;
    for (std::size_t r = 0; r < responses.size(); ++r)
      if (source.session_refused(responses[r]))
        refused.push_back(r);
    if (!refused.empty()) {
      if (const auto token = source.open_session(client)) {
        std::vector<HttpRequest> again;
        for (const auto r : refused) {
          attach(r, token);
          again.push_back(requests[r]);
          notify(tickers[request_slot[r]], FetchEvent::retrying, responses[r].retries + 1);
        }
        auto second = client.perform_all(again);
        for (std::size_t k = 0; k < refused.size(); ++k) {
          second[k].retries += responses[refused[k]].retries + 1;
          responses[refused[k]] = std::move(second[k]);
        }
      }
    }
    const auto retrieved = options.wall_now ? options.wall_now() : std::chrono::system_clock::now();
    for (std::size_t r = 0; r < responses.size(); ++r) {
      Slot& slot = slots[request_slot[r]];
      const std::string& ticker = tickers[request_slot[r]];
      const HttpResponse& response = responses[r];
      if (response.transport != Transport::ok) {
        SourceFailure failed;
        failed.kind = response.transport == Transport::timeout     ? FailureKind::timeout
                      : response.transport == Transport::too_large ? FailureKind::too_large
                                                                   : FailureKind::network;
        failed.retries = response.retries;
        failed.message = std::string(source.name()) + ": " + ticker + ": " + response.error_text +
                         " (" + slot.request->cache_key + ")";
        failed.hint = failed.kind == FailureKind::too_large
                          ? "the response exceeds the size cap; request a shorter range"
                          : "check the connection or proxy, or use --offline with a filled cache";
        slot.failure = std::move(failed);
        notify(ticker, FetchEvent::failed, response.retries);
        continue;
      }
      auto decoded = source.decode(ticker, response, from, to);
      if (!decoded) {
        slot.failure = decoded.error();
        slot.failure->retries = response.retries;
        notify(ticker, FetchEvent::failed, response.retries);
        continue;
      }
      decoded->provenance = {std::string(source.name()), slot.request->cache_key,
                             iso_utc(retrieved), false, response.retries};
      if (write_cache && response.status == 200)
        cache.store(source.name(), CachedResponse{slot.request->cache_key, response.status,
                                                  response.content_type, response.body, retrieved});
      slot.data = std::move(decoded).value();
      notify(ticker, FetchEvent::done, response.retries);
    }
  }

  FetchResult result;
  for (auto& slot : slots) {
    if (slot.failure && slot.request) {
      redact(slot.failure->message, slot.request->secrets);
      redact(slot.failure->hint, slot.request->secrets);
    }
  }
  for (std::size_t i = 0; i < slots.size(); ++i) {
    if (slots[i].data)
      result.series.push_back(std::move(*slots[i].data));
    else if (slots[i].failure)
      result.failures.push_back({tickers[i], std::move(*slots[i].failure)});
  }
  return result;
}

} // namespace aftershock::sources
