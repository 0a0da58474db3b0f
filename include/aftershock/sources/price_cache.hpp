#pragma once
// The binary panel cache (`study --cache-panel FILE`, issue 6): the aligned panel (calendar,
// tickers, close and adj_close arrays, flags) of a set of price files, so that a second run over
// the same CSV neither parses nor aligns. The file is memory-mapped on reading and the panel's
// columns are views into the mapping (no copy; the mapping lives as long as any column of the
// returned panel). It is trusted only when its magic, format version, size and
// metadata checksum agree, every source file still has the recorded size and modification time,
// the load options and the market are the same, and (per column, checked for the columns read)
// the column's checksum agrees; anything else is rebuilt from the CSV. It is written atomically.

#include <aftershock/sources/price_loader.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace aftershock::sources {

// The format version written into (and required of) cache files; bumped on any layout change.
inline constexpr unsigned k_price_cache_version = 3;

// Outcome of reading a cache file.
enum class CacheStatus {
  hit,     // valid and up to date: the panel was read from it
  missing, // no file yet
  stale,   // a source file, the load options or the market changed
  corrupt, // wrong magic, version, size or checksum, or an unreadable layout
};

struct CacheRead {
  CacheStatus status = CacheStatus::missing;
  std::string reason; // for stale/corrupt: what did not match
  LoadedPanel loaded; // filled on hit: the columns of `request` (as load_panel gives them)
};

// Reads `cache` for the price files `files` (as expand_price_paths gives them), `options` and
// `request` (its market must be the cached one; its tickers pick the columns mapped, and only
// their checksums are verified, on options.threads threads). Never throws for a bad cache file
// (that is a status); throws aftershock::Error only when a source file cannot be examined.
CacheRead read_panel_cache(const std::filesystem::path& cache,
                           const std::vector<std::filesystem::path>& files,
                           const LoadOptions& options, const PanelRequest& request);

// Writes `loaded` (a panel of every ticker, calendar = the dates of `market`) as the cache of
// `files` under `options`, atomically (temporary file in the same folder, fsync, rename). Throws
// aftershock::Error when the file cannot be written (no partial file is left).
void write_panel_cache(const std::filesystem::path& cache,
                       const std::vector<std::filesystem::path>& files, const LoadOptions& options,
                       const std::string& market, const LoadedPanel& loaded);

// load_panel through the cache: a hit returns the cached columns of `request`; otherwise the
// full panel is loaded from the CSV files, the cache is (re)written (not when the market is
// absent from the data) and the requested columns are returned. Appends a note saying which
// happened and why.
LoadedPanel load_panel_cached(const std::vector<std::filesystem::path>& paths,
                              const LoadOptions& options, const PanelRequest& request,
                              const std::filesystem::path& cache);

} // namespace aftershock::sources
