#include <aftershock/sources/clock.hpp>
#include <aftershock/sources/response_cache.hpp>
#include <aftershock/sources/sec_shares.hpp>
#include <aftershock/sources/url.hpp>
#include <aftershock/util/parse.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <optional>
#include <utility>

namespace aftershock::sources {

namespace {

using Json = nlohmann::json;
constexpr std::string_view k_provider = "sec";

// A string field that may be absent (then ""); nullopt when it is present but not a string.
std::optional<std::string> optional_string(const Json& row, const char* key) {
  const auto found = row.find(key);
  if (found == row.end())
    return std::string();
  if (!found->is_string())
    return std::nullopt;
  return found->get<std::string>();
}

SourceFailure failure(FailureKind kind, std::string message, std::string hint,
                      const HttpResponse* response = nullptr) {
  SourceFailure result;
  result.kind = kind;
  result.message = std::move(message);
  result.hint = std::move(hint);
  if (response != nullptr) {
    result.http_status = response->status;
    result.retries = response->retries;
    result.message += ": HTTP " + std::to_string(response->status) + ": " +
                      first_line_for_message(response->body);
  }
  return result;
}

struct Fetched {
  std::optional<HttpResponse> response;
  std::optional<SourceFailure> failure;
  Provenance provenance;
};

// GETs every URL through the cache (valid = decodable bodies only are stored or trusted).
std::vector<Fetched> get_all(const std::vector<std::string>& urls, const std::string& user_agent,
                             const FetchOptions& options,
                             const std::function<bool(const HttpResponse&)>& valid) {
  const auto wall_now = options.wall_now ? options.wall_now() : std::chrono::system_clock::now();
  const auto [cache, read_cache, write_cache] = fetch_cache(options);
  std::vector<Fetched> results(urls.size());
  std::vector<HttpRequest> requests;
  std::vector<std::size_t> owner;
  for (std::size_t i = 0; i < urls.size(); ++i) {
    CacheLookup lookup = CacheLookup::miss;
    if (read_cache) {
      // Filings are immutable once made, but new ones arrive: entries expire after 7 days.
      if (auto entry =
              cache.load(k_provider, urls[i], wall_now, std::chrono::hours(24 * 7), lookup)) {
        const auto retrieved = entry->retrieved;
        HttpResponse response = cached_http_response(std::move(*entry));
        if (valid(response)) {
          results[i].provenance = {std::string(k_provider), urls[i], iso_utc(retrieved), true, 0};
          results[i].response = std::move(response);
          continue;
        }
        lookup = CacheLookup::corrupt;
      }
      if (lookup == CacheLookup::corrupt)
        cache.remove(k_provider, urls[i]);
    }
    if (options.cache_mode == CacheMode::offline) {
      results[i].failure = failure(FailureKind::not_in_cache,
                                   "sec: no valid cached response for " + urls[i] + " (offline)",
                                   "run once without --offline to fill the cache");
      continue;
    }
    HttpRequest request;
    request.url = urls[i];
    request.display_url = urls[i];
    request.user_agent = user_agent;
    requests.push_back(std::move(request));
    owner.push_back(i);
  }
  if (requests.empty())
    return results;
  HttpOptions http = options.http;
  // SEC fair use: at most 10 requests per second.
  http.per_host_interval = std::max(http.per_host_interval, std::chrono::milliseconds(100));
  SystemClock system_clock;
  HttpClient client(http, options.clock != nullptr ? *options.clock : system_clock);
  auto responses = client.perform_all(requests);
  const auto retrieved = options.wall_now ? options.wall_now() : std::chrono::system_clock::now();
  for (std::size_t r = 0; r < responses.size(); ++r) {
    Fetched& slot = results[owner[r]];
    auto& response = responses[r];
    if (response.transport != Transport::ok) {
      slot.failure = failure(response.transport == Transport::timeout     ? FailureKind::timeout
                             : response.transport == Transport::too_large ? FailureKind::too_large
                                                                          : FailureKind::network,
                             "sec: " + response.error_text + " (" + urls[owner[r]] + ")",
                             "check the connection, or use --offline with a filled cache");
      slot.failure->retries = response.retries;
      continue;
    }
    slot.provenance = {std::string(k_provider), urls[owner[r]], iso_utc(retrieved), false,
                       response.retries};
    if (write_cache && response.status == 200 && valid(response))
      cache.store(k_provider, CachedResponse{urls[owner[r]], response.status, response.content_type,
                                             response.body, retrieved});
    slot.response = std::move(response);
  }
  return results;
}

} // namespace

std::optional<std::map<std::string, long long>> parse_sec_ticker_map(std::string_view body) {
  const Json root = Json::parse(body, nullptr, false);
  if (root.is_discarded() || !root.is_object())
    return std::nullopt;
  std::map<std::string, long long> map;
  for (const auto& [key, entry] : root.items()) {
    if (!entry.is_object() || !entry.contains("ticker") || !entry.contains("cik_str") ||
        !entry["ticker"].is_string() || !entry["cik_str"].is_number_integer())
      return std::nullopt;
    map.emplace(util::to_upper(entry["ticker"].get<std::string>()),
                entry["cik_str"].get<long long>());
  }
  return map;
}

util::Result<std::vector<ShareFiling>, SourceFailure>
parse_sec_company_concept(const std::string& ticker, const HttpResponse& response) {
  const std::string what = "sec: " + ticker + ": company concept";
  if (response.status == 403)
    return util::unexpected(failure(FailureKind::unauthorized, what,
                                    "SEC requires a User-Agent with a contact e-mail: set "
                                    "AFTERSHOCK_SEC_USER_AGENT",
                                    &response));
  if (response.status == 404)
    return util::unexpected(failure(FailureKind::not_found, what,
                                    "no dei:EntityCommonStockSharesOutstanding facts for this "
                                    "company; give the shares in a CSV file",
                                    &response));
  if (response.status == 429)
    return util::unexpected(failure(FailureKind::rate_limited, what, "retry later", &response));
  if (response.status != 200)
    return util::unexpected(
        failure(response.status >= 500 ? FailureKind::network : FailureKind::bad_request, what,
                "retry later", &response));
  const Json root = Json::parse(response.body, nullptr, false);
  const Json* rows = nullptr;
  if (!root.is_discarded() && root.is_object() && root.contains("units") &&
      root["units"].is_object() && root["units"].contains("shares"))
    rows = &root["units"]["shares"];
  if (rows == nullptr || !rows->is_array())
    return util::unexpected(failure(FailureKind::bad_payload, what,
                                    "the body is not a company-concept JSON with units.shares",
                                    &response));
  // (cover date, accession) -> summed filing
  std::map<std::pair<calendar::Date, std::string>, ShareFiling> groups;
  for (const auto& row : *rows) {
    const auto end = row.is_object() && row.contains("end") && row["end"].is_string()
                         ? calendar::parse_iso_date(row["end"].get<std::string>())
                         : std::nullopt;
    const auto filed = row.is_object() && row.contains("filed") && row["filed"].is_string()
                           ? calendar::parse_iso_date(row["filed"].get<std::string>())
                           : std::nullopt;
    if (!end || !filed || !row.contains("val") || !row["val"].is_number() ||
        !std::isfinite(row["val"].get<double>()))
      return util::unexpected(failure(FailureKind::bad_payload, what,
                                      "a units.shares row lacks end, filed or val", &response));
    // accn and form may be absent, but when present they are strings (a fuzzed payload with a
    // numeric accn made nlohmann's value() throw type_error).
    auto accession = optional_string(row, "accn");
    auto form = optional_string(row, "form");
    if (!accession || !form)
      return util::unexpected(failure(FailureKind::bad_payload, what,
                                      "a units.shares row has a non-string accn or form",
                                      &response));
    auto& group = groups[{*end, *accession}];
    group.end = *end;
    group.filed = *filed;
    group.accession = std::move(*accession);
    group.form = std::move(*form);
    group.shares += row["val"].get<double>();
    if (!std::isfinite(group.shares))
      return util::unexpected(failure(FailureKind::bad_payload, what,
                                      "the share classes of a filing sum past a double",
                                      &response));
    ++group.classes;
  }
  std::map<calendar::Date, ShareFiling> by_end;
  for (auto& [key, filing] : groups) {
    const auto found = by_end.find(filing.end);
    if (found == by_end.end() || found->second.filed < filing.filed)
      by_end.insert_or_assign(filing.end, filing);
  }
  std::vector<ShareFiling> filings;
  filings.reserve(by_end.size());
  for (auto& [end, filing] : by_end)
    filings.push_back(std::move(filing));
  return filings;
}

const ShareFiling* choose_filing(const std::vector<ShareFiling>& filings, calendar::Date event) {
  const ShareFiling* best = nullptr;
  for (const auto& filing : filings)
    if (filing.end <= event && (best == nullptr || filing.end > best->end))
      best = &filing;
  return best;
}

double split_factor_after(const std::vector<SplitEvent>& splits, calendar::Date cover_date) {
  // Share counts before a split are multiplied by its ratio to match split-adjusted prices
  // (design/methods.md section 10; design/data-sources.md section 4).
  double factor = 1.0;
  for (const auto& split : splits)
    if (split.date > cover_date && split.numerator > 0.0 && split.denominator > 0.0)
      factor *= split.numerator / split.denominator;
  return factor;
}

SharesFetchResult fetch_sec_shares(const std::vector<SharesRequest>& requests,
                                   const FetchOptions& options) {
  SharesFetchResult result;
  if (requests.empty())
    return result;
  const auto env = [&](std::string_view name) {
    return options.env ? options.env(name) : std::string();
  };
  std::string user_agent = env("AFTERSHOCK_SEC_USER_AGENT");
  if (user_agent.empty() && !env("AFTERSHOCK_CONTACT").empty())
    user_agent = "aftershock/" AFTERSHOCK_VERSION " (" + env("AFTERSHOCK_CONTACT") + ")";
  if (user_agent.empty()) {
    for (const auto& request : requests)
      result.failures.push_back(
          {request.ticker,
           failure(FailureKind::unauthorized,
                   "sec: " + request.ticker + ": no contact User-Agent configured",
                   "set AFTERSHOCK_SEC_USER_AGENT, e.g. \"Your Name you@example.org\"")});
    return result;
  }
  const std::string override_base = base_url_from_env(options.env, "AFTERSHOCK_SEC_BASE_URL", "");
  const std::string www = override_base.empty() ? "https://www.sec.gov" : override_base;
  const std::string data = override_base.empty() ? "https://data.sec.gov" : override_base;

  const auto is_map = [](const HttpResponse& r) {
    return r.status == 200 && parse_sec_ticker_map(r.body).has_value();
  };
  auto map_fetch = get_all({www + "/files/company_tickers.json"}, user_agent, options, is_map)[0];
  std::optional<std::map<std::string, long long>> map;
  if (map_fetch.response) {
    map = parse_sec_ticker_map(map_fetch.response->body);
    if (!map) {
      const auto kind = map_fetch.response->status == 403   ? FailureKind::unauthorized
                        : map_fetch.response->status == 200 ? FailureKind::bad_payload
                                                            : FailureKind::network;
      map_fetch.failure = failure(kind, "sec: ticker map",
                                  "set AFTERSHOCK_SEC_USER_AGENT or "
                                  "give the shares in a CSV file",
                                  &*map_fetch.response);
    }
  }
  if (!map) {
    for (const auto& request : requests) {
      auto failed = *map_fetch.failure;
      failed.message = request.ticker + ": " + failed.message;
      result.failures.push_back({request.ticker, std::move(failed)});
    }
    return result;
  }

  std::vector<std::string> urls;
  std::vector<std::size_t> owner;
  std::vector<std::optional<SourceFailure>> early(requests.size());
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const auto found = map->find(util::to_upper(requests[i].ticker));
    if (found == map->end()) {
      early[i] = failure(FailureKind::not_found,
                         "sec: " + requests[i].ticker + ": not in the SEC ticker map",
                         "give the shares in a CSV file (--shares)");
      continue;
    }
    urls.push_back(data + "/api/xbrl/companyconcept/CIK" + fmt::format("{:010}", found->second) +
                   "/dei/EntityCommonStockSharesOutstanding.json");
    owner.push_back(i);
  }
  const auto is_concept = [](const HttpResponse& r) {
    return r.status == 200 && parse_sec_company_concept("", r).has_value();
  };
  auto fetched = get_all(urls, user_agent, options, is_concept);
  std::vector<std::optional<SharesAtEvent>> found_shares(requests.size());
  for (std::size_t u = 0; u < fetched.size(); ++u) {
    const std::size_t i = owner[u];
    const auto& request = requests[i];
    if (!fetched[u].response) {
      early[i] = fetched[u].failure;
      continue;
    }
    auto filings = parse_sec_company_concept(request.ticker, *fetched[u].response);
    if (!filings) {
      early[i] = filings.error();
      continue;
    }
    const ShareFiling* filing = choose_filing(*filings, request.event);
    if (filing == nullptr) {
      early[i] = failure(FailureKind::empty_range,
                         "sec: " + request.ticker + ": no share count dated on or before " +
                             calendar::format_iso(request.event),
                         "give the shares in a CSV file (--shares)");
      continue;
    }
    SharesAtEvent shares;
    shares.filing = *filing;
    shares.split_factor = split_factor_after(request.splits, filing->end);
    shares.record.ticker = request.ticker;
    shares.record.shares = filing->shares * shares.split_factor;
    shares.record.as_of = filing->end;
    shares.record.source = fmt::format(
        "SEC dei:EntityCommonStockSharesOutstanding, {} {} filed {} (accession {}), {} class{}"
        "{}",
        filing->form, calendar::format_iso(filing->end), calendar::format_iso(filing->filed),
        filing->accession, filing->classes, filing->classes == 1 ? "" : "es summed",
        shares.split_factor == 1.0
            ? std::string()
            : fmt::format(", rebased x{} for later splits", shares.split_factor));
    shares.provenance = fetched[u].provenance;
    found_shares[i] = std::move(shares);
  }
  for (std::size_t i = 0; i < requests.size(); ++i) {
    if (found_shares[i])
      result.shares.push_back(std::move(*found_shares[i]));
    else if (early[i])
      result.failures.push_back({requests[i].ticker, std::move(*early[i])});
  }
  return result;
}

} // namespace aftershock::sources
