#pragma once
// The fast reader of large long-format price files (issue 6, ingest): the file is memory-mapped,
// split at line boundaries into one chunk per thread and parsed without per-row allocation
// (std::from_chars numbers, fixed-layout ISO dates, tickers interned per chunk).
//
// It reads only the plain form of the layout and gives up (nullopt) on anything else, so the
// general reader (read_price_table + extract_prices), which has the sniffer, the bad-row
// policies and the error messages, handles every other file with unchanged results.

#include <aftershock/series/panel.hpp>
#include <aftershock/sources/price_file.hpp>
#include <aftershock/sources/price_loader.hpp>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace aftershock::sources {

struct FastLongOptions {
  std::size_t threads = 0;           // 0 = util::default_thread_count()
  std::size_t min_bytes = 8U << 20U; // smaller files go to the general reader
  // read_long_panel_fast: files up to this size are read with pread() through a 2 MiB window per
  // thread and pass (on this kind of VM the first touch of a mapped file page, or of fresh memory
  // for a whole copy, costs more than reading the bytes twice), larger ones are mapped and their
  // pages released as the passes go (RSS). The panel is the same either way.
  std::size_t stream_max_bytes = std::size_t{256} << 20U;
  // read_long_panel_fast: the first pass (ticker dictionary, market dates) gallops over long
  // runs of one ticker instead of reading every row; the second pass, which reads every row,
  // checks that nothing it needed was skipped, else the file is read again without skipping.
  // The panel is the same either way.
  bool skim = true;
};

// Reads `path` when it is a plain long file: ASCII, '\n' line ends (no '\r', no quotes, no
// blank lines), the header date,ticker,close[,adj_close[,volume]] exactly, ISO dates, valid
// tickers, prices std::from_chars numbers > 0 (adj_close and volume may be empty; volume >= 0),
// every ticker's rows in strictly increasing date order, and `options` not forcing another
// delimiter or date format. Returns the same series (sorted by ticker, origin = the path as
// given) as the general reader would; nullopt when any condition fails or the file is smaller
// than fast.min_bytes. Throws only when the file cannot be opened or mapped.
std::optional<PriceFile> read_long_prices_fast(const std::filesystem::path& path,
                                               const LoadOptions& options,
                                               const FastLongOptions& fast);

// What read_long_panel_fast builds.
struct FastPanel {
  series::Panel panel;                // as LoadedPanel::panel (price_loader.hpp)
  std::vector<std::string> available; // every ticker in the file, sorted
  std::size_t skimmed_bytes = 0;      // bytes of rows the first pass skipped (tests, benches)
};

// The panel of `request` straight from `path` (no per-ticker series): a parallel pass collects
// the ticker dictionary and the market's dates (the calendar; with FastLongOptions::skim it
// gallops over long runs of one ticker), a second parallel pass parses and validates every row
// and scatters the requested tickers' prices into the panel's columns (rows of other tickers
// are validated, not stored; a row the first pass should not have skipped makes the reader
// start again without skimming). Accepts exactly the files that
// read_long_prices_fast accepts and gives exactly series::align(market dates, general reader's
// series) restricted to the market and the requested tickers (a market absent from the file
// gives an empty panel); nullopt otherwise. The mapped pages are released as they are consumed.
std::optional<FastPanel> read_long_panel_fast(const std::filesystem::path& path,
                                              const LoadOptions& options,
                                              const PanelRequest& request,
                                              const FastLongOptions& fast);

} // namespace aftershock::sources
