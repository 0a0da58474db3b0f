#pragma once
// The binary panel cache (`study --cache-panel FILE`, issue 6): the loaded price series of a set
// of price files, so that a second run over the same CSV skips parsing. The file is
// memory-mapped on reading and trusted only when its size, format version and checksum agree
// and every source file still has the recorded size and modification time (and the load
// options are the same); anything else is rebuilt from the CSV. It is written atomically.

#include <aftershock/sources/price_loader.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace aftershock::sources {

// The format version written into (and required of) cache files; bumped on any layout change.
inline constexpr unsigned k_price_cache_version = 1;

// Outcome of reading a cache file.
enum class CacheStatus {
  hit,     // valid and up to date: the series were read from it
  missing, // no file yet
  stale,   // a source file or the load options changed
  corrupt, // wrong magic, version, size or checksum, or an unreadable layout
};

struct CacheRead {
  CacheStatus status = CacheStatus::missing;
  std::string reason;  // for stale/corrupt: what did not match
  LoadedPrices loaded; // filled on hit
};

// Reads `cache` for the price files `files` (as expand_price_paths gives them) and `options`.
// Never throws for a bad cache file (that is a status); throws aftershock::Error only when a
// source file cannot be examined.
CacheRead read_price_cache(const std::filesystem::path& cache,
                           const std::vector<std::filesystem::path>& files,
                           const LoadOptions& options);

// Writes `loaded` as the cache of `files` under `options`, atomically (util::write_file_
// atomically). Throws aftershock::Error when the file cannot be written.
void write_price_cache(const std::filesystem::path& cache,
                       const std::vector<std::filesystem::path>& files, const LoadOptions& options,
                       const LoadedPrices& loaded);

// load_prices through the cache: a hit returns the cached series; otherwise the CSV files are
// loaded and the cache is (re)written. Appends a note saying which happened and why.
LoadedPrices load_prices_cached(const std::vector<std::filesystem::path>& paths,
                                const LoadOptions& options, const std::filesystem::path& cache);

} // namespace aftershock::sources
