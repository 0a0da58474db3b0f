#include "fetch_setup.hpp"

#include <aftershock/util/error.hpp>
#include <aftershock/util/parse.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <ostream>

namespace aftershock::cli {

sources::CacheMode cache_mode_for(bool offline, bool refresh, std::string_view command) {
  if (offline && refresh)
    throw UsageError(std::string(command) + ": --offline and --refresh exclude each other");
  return offline   ? sources::CacheMode::offline
         : refresh ? sources::CacheMode::refresh
                   : sources::CacheMode::use;
}

void check_ticker_text(const std::string& ticker, std::string_view command) {
  const bool control = std::any_of(ticker.begin(), ticker.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) == 0x7f;
  });
  if (control || ticker.size() > 64)
    throw UsageError(std::string(command) + ": ticker " + util::quote_for_message(ticker) +
                     " has control characters or is longer than 64 characters");
}

ProgressDisplay progress_display(const CommandContext& context, bool quiet) noexcept {
  return context.stderr_is_terminal && !quiet ? ProgressDisplay::on : ProgressDisplay::off;
}

sources::FetchOptions make_fetch_options(CommandContext& context, sources::CacheMode mode,
                                         const std::string& cache_dir, unsigned jobs,
                                         ProgressDisplay progress, std::size_t total) {
  sources::FetchOptions fetch;
  auto getenv = context.getenv;
  fetch.env = [getenv](std::string_view name) { return getenv ? getenv(name) : std::string(); };
  fetch.cache_mode = mode;
  fetch.cache_dir = cache_dir;
  fetch.http.max_in_flight = jobs;
  if (progress == ProgressDisplay::on) {
    auto finished = std::make_shared<std::size_t>(0);
    std::ostream* err = &context.err;
    fetch.on_progress = [err, finished, total](const std::string& ticker, sources::FetchEvent event,
                                               int retries) {
      switch (event) {
      case sources::FetchEvent::started:
        return;
      case sources::FetchEvent::retrying:
        *err << fmt::format("  {:<10} retrying (attempt {})\n", terminal_safe(ticker), retries + 1);
        return;
      case sources::FetchEvent::done:
      case sources::FetchEvent::failed:
        ++*finished;
        *err << fmt::format("  [{}/{}] {:<10} {}\n", *finished, total, terminal_safe(ticker),
                            event == sources::FetchEvent::done ? "done" : "failed");
        return;
      }
    };
  }
  return fetch;
}

void move_empty_series_to_failures(sources::FetchResult& result, std::string_view provider,
                                   calendar::Date from, calendar::Date to) {
  std::vector<sources::QuoteData> kept;
  for (auto& data : result.series) {
    if (!data.prices.dates.empty()) {
      kept.push_back(std::move(data));
      continue;
    }
    sources::SourceFailure empty;
    empty.kind = sources::FailureKind::empty_range;
    empty.message = fmt::format("{}: {}: no bars between {} and {}", provider, data.prices.ticker,
                                calendar::format_iso(from), calendar::format_iso(to));
    empty.hint = "check the dates (both inclusive) and the listing date";
    result.failures.push_back({data.prices.ticker, std::move(empty)});
  }
  result.series = std::move(kept);
}

std::string terminal_safe(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t') || u == 0x7f)
      out += fmt::format("\\x{:02x}", u);
    else
      out += c;
  }
  return out;
}

void print_fetch_failures(std::ostream& err, const std::vector<sources::TickerFailure>& failures) {
  for (const auto& failure : failures) {
    err << fmt::format("aftershock: {} failed ({}): {}\n", terminal_safe(failure.ticker),
                       sources::failure_kind_name(failure.failure.kind),
                       terminal_safe(failure.failure.message));
    if (!failure.failure.hint.empty())
      err << "hint: " << terminal_safe(failure.failure.hint) << "\n";
  }
}

} // namespace aftershock::cli
