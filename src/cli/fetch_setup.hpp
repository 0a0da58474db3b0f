#pragma once
// What `download` and `study --source` share when they fetch prices from a quote API: the cache
// mode from --offline/--refresh, FetchOptions wired to the command's environment, the progress
// lines on stderr, empty series turned into failures, and terminal-safe failure messages.

#include <aftershock/calendar/date.hpp>
#include <aftershock/sources/fetch.hpp>

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "command.hpp"

namespace aftershock::cli {

enum class ProgressDisplay { off, on };

// The cache mode for --offline / --refresh; throws UsageError (naming `command`) when both are
// given.
sources::CacheMode cache_mode_for(bool offline, bool refresh, std::string_view command);

// Throws UsageError (naming `command`) when `ticker` has control characters or is longer than
// 64 characters: such a word never reaches a URL, a cache key or the terminal.
void check_ticker_text(const std::string& ticker, std::string_view command);

// FetchOptions reading configuration through `context.getenv`, with `jobs` downloads in flight
// and, when `progress` is on, one stderr line per finished ticker ("[k/total] T done|failed")
// and per retry. `context` must outlive the returned options.
sources::FetchOptions make_fetch_options(CommandContext& context, sources::CacheMode mode,
                                         const std::string& cache_dir, unsigned jobs,
                                         ProgressDisplay progress, std::size_t total);

// Progress is shown only on a terminal and never with --quiet.
ProgressDisplay progress_display(const CommandContext& context, bool quiet) noexcept;

// Moves every loaded series without a single row into `result.failures` (kind empty_range),
// after the failures already there; `provider` names the source in the message.
void move_empty_series_to_failures(sources::FetchResult& result, std::string_view provider,
                                   calendar::Date from, calendar::Date to);

// `text` with control characters escaped (\x1b...), so that nothing from a ticker or a server's
// body can move the cursor or change colours on the terminal.
std::string terminal_safe(std::string_view text);

// Writes "aftershock: T failed (kind): message" and "hint: ..." for every failure to `err`.
void print_fetch_failures(std::ostream& err, const std::vector<sources::TickerFailure>& failures);

} // namespace aftershock::cli
