// Fast paths for large long-format price files: mmap, chunked parallel parse, no per-row
// allocation; read_long_prices_fast gives per-ticker series, read_long_panel_fast the aligned
// panel itself. Anything unusual returns nullopt and the general reader takes over (it has the
// messages), so results never depend on which reader ran. Longer than ~400 lines because both
// readers share the row parser, the ticker dictionary and the mapping, which stay private here.
#include <aftershock/calendar/date.hpp>
#include <aftershock/sources/long_price_reader.hpp>
#include <aftershock/util/error.hpp>
#include <aftershock/util/huge_pages.hpp>
#include <aftershock/util/mapped_regions.hpp>
#include <aftershock/util/parallel_for.hpp>
#include <aftershock/util/release_pages.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <deque>
#include <fcntl.h>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unordered_map>
#include <vector>

#include "ticker_ids.hpp"

namespace aftershock::sources {
namespace {

using detail::TickerIds;
using detail::TickerKey;
using detail::ViewHash;

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

// How MappedFile holds the file's bytes.
enum class FileBytes {
  map,    // a read-only private mapping (pages can be released as a pass goes)
  stream, // nothing held: each pass reads its lines with pread() into a small reused window
          // (for_each_line). On this kind of VM the first touch of each 4 KB page of a file
          // mapping costs more than copying the page, and a copy of the whole file into fresh
          // memory (session 7's way) needs a fresh huge page per 2 MB, which costs up to
          // milliseconds at its first touch where free memory goes back to the host
          // (virtio-balloon free page reporting): 54 MB took 27 of them, the windows take 2
};

// A file: mapped read-only, or read in windows (FileBytes::stream).
class MappedFile {
public:
  explicit MappedFile(const std::filesystem::path& path, FileBytes bytes = FileBytes::map) {
    m_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (m_fd < 0)
      throw Error(fmt::format("{}: cannot open ({})", path.string(), std::strerror(errno)),
                  "check that the file exists and is readable");
    struct stat st {};
    if (::fstat(m_fd, &st) != 0 || st.st_size < 0) {
      ::close(m_fd);
      throw Error(fmt::format("{}: cannot read its size", path.string()),
                  "check that the path names a regular file");
    }
    m_size = static_cast<std::size_t>(st.st_size);
    if (m_size == 0)
      return;
    if (bytes == FileBytes::stream) {
      m_streamed = true;
      return;
    }
    void* p = ::mmap(nullptr, m_size, PROT_READ, MAP_PRIVATE, m_fd, 0);
    if (p == MAP_FAILED) {
      ::close(m_fd);
      throw Error(
          fmt::format("{}: cannot map into memory ({})", path.string(), std::strerror(errno)),
          "check the available memory and the file system");
    }
    ::madvise(p, m_size, MADV_SEQUENTIAL);
    m_data = static_cast<const char*>(p);
    m_region.emplace(m_data, m_size, path); // a truncation while mapped is reported by name
  }
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile() {
    if (m_data != nullptr)
      ::munmap(const_cast<char*>(m_data), m_size);
    if (m_fd >= 0)
      ::close(m_fd);
  }
  // The bytes (empty when streamed).
  [[nodiscard]] std::string_view text() const noexcept { return {m_data, m_size}; }
  [[nodiscard]] bool streamed() const noexcept { return m_streamed; }
  [[nodiscard]] std::size_t size() const noexcept { return m_size; }
  // Reads bytes [offset, offset + n) into out; false on a read error or a file that got shorter.
  bool read(std::size_t offset, char* out, std::size_t n) const noexcept {
    std::size_t done = 0;
    while (done < n) {
      const ::ssize_t got =
          ::pread(m_fd, out + done, n - done, static_cast<::off_t>(offset + done));
      if (got < 0 && errno == EINTR)
        continue;
      if (got <= 0)
        return false;
      done += static_cast<std::size_t>(got);
    }
    return true;
  }
  // Drops the pages of [p, p + n) of the mapping from this process (whole pages inside the
  // range only).
  void release(const char* p, std::size_t n) const noexcept { util::release_pages(p, n); }

private:
  int m_fd = -1;
  const char* m_data = nullptr;
  std::size_t m_size = 0;
  bool m_streamed = false;
  std::optional<util::MappedRegion> m_region; // FileBytes::map: registered while mapped
};

struct Layout {
  bool adj_close = false;
  bool volume = false;
};

std::optional<Layout> header_layout(std::string_view header) {
  if (header == "date,ticker,close")
    return Layout{};
  if (header == "date,ticker,close,adj_close")
    return Layout{true, false};
  if (header == "date,ticker,close,adj_close,volume")
    return Layout{true, true};
  return std::nullopt;
}

// The month "YYYY-MM-" at p (8 bytes) under the rule of calendar::parse_iso_date (years
// 1000-9999, months 01-12): the day number (days since 1970-01-01) of its first day, from H.
// Hinnant's days_from_civil (howardhinnant.github.io/date_algorithms.html, the algorithm
// std::chrono::sys_days uses), and its length in days (Gregorian leap years).
bool parse_month(const char* p, std::int32_t& first_day, std::uint32_t& month_days) noexcept {
  if (p[4] != '-' || p[7] != '-')
    return false;
  const auto digit = [p](int k) { return static_cast<unsigned>(p[k] - '0'); };
  for (const int k : {0, 1, 2, 3, 5, 6})
    if (digit(k) > 9)
      return false;
  const auto y = static_cast<int>(digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3));
  const unsigned m = digit(5) * 10 + digit(6);
  static constexpr std::array<unsigned, 12> k_days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1000 || m < 1 || m > 12)
    return false;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  month_days = k_days[m - 1] + (m == 2 && leap ? 1U : 0U);
  const int yy = y - (m <= 2 ? 1 : 0);
  const int era = yy / 400; // yy >= 999
  const auto yoe = static_cast<unsigned>(yy - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5; // day 1 of the month
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  first_day = era * 146097 + static_cast<int>(doe) - 719468;
  return true;
}

// The month of the previous date a thread parsed: consecutive rows mostly share it (a ticker's
// days in a ticker-major file, one day in a date-major file), so a date whose first 8 bytes
// "YYYY-MM-" equal the memo's needs only its day digits checked (issue 6).
struct DateMemo {
  std::uint64_t prefix = 0;     // the bytes "YYYY-MM-" (0: none; no valid month starts that way)
  std::int32_t first_day = 0;   // parse_month's
  std::uint32_t month_days = 0; // parse_month's
};

// "YYYY-MM-DD" at p (10 bytes) under the rule of calendar::parse_iso_date (parse_month, and a
// day of that month) as a day number; `memo` holds the last month parsed (the same result for
// any memo).
bool parse_date(const char* p, std::int32_t& day, DateMemo& memo) noexcept {
  std::uint64_t prefix = 0;
  std::memcpy(&prefix, p, 8);
  if (prefix != memo.prefix) {
    DateMemo month{prefix, 0, 0};
    if (!parse_month(p, month.first_day, month.month_days))
      return false;
    memo = month;
  }
  const auto tens = static_cast<unsigned>(p[8] - '0');
  const auto ones = static_cast<unsigned>(p[9] - '0');
  if (tens > 9 || ones > 9)
    return false;
  const unsigned d = tens * 10 + ones;
  if (d < 1 || d > memo.month_days)
    return false;
  day = memo.first_day + static_cast<std::int32_t>(d) - 1;
  return true;
}

bool valid_ticker(std::string_view t) noexcept {
  if (t.empty() || t.size() > 20 || t == "." || t == "..")
    return false;
  for (const char c : t)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
          c == '-' || c == '^' || c == '=' || c == '_'))
      return false;
  return true;
}

// One parsed data line (ticker = a view into the line).
struct Row {
  std::int32_t day = 0; // days since 1970-01-01
  std::string_view ticker;
  TickerKey key;  // the ticker's (scan_ticker)
  DateMemo dates; // kept from row to row (parse_date)
  double close = 0.0;
  double adj = k_nan;
  double volume = k_nan;
};

// A number field starting at p as a finite double (the general reader's rule, minus blanks and
// '+', which send the file to the general reader), ending at the ',' or '\n' after it. Returns
// the end of the number, or nullptr. Plain decimals of at most 15 digits ("1006.21") take
// Clinger's exact fast path (W. D. Clinger, "How to read floating point numbers accurately",
// PLDI 1990, sec. 5): the digits as an integer m < 10^15 < 2^53 and 10^k (k <= 15) are exact
// doubles, so the one IEEE division m / 10^k is the correctly rounded value, the same bits
// std::from_chars gives; anything else goes to std::from_chars.
const char* parse_number(const char* p, const char* end, double& out) noexcept {
  static constexpr std::array<double, 16> k_pow10{1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                                  1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  std::uint64_t m = 0;
  std::size_t digits = 0;
  std::size_t decimals = 0;
  const char* q = p;
  while (q < end && static_cast<unsigned>(*q - '0') <= 9) {
    m = m * 10 + static_cast<unsigned>(*q - '0');
    ++q;
    ++digits;
  }
  const bool dot = digits > 0 && q < end && *q == '.';
  if (dot) {
    ++q;
    while (q < end && static_cast<unsigned>(*q - '0') <= 9) {
      m = m * 10 + static_cast<unsigned>(*q - '0');
      ++q;
      ++decimals;
    }
  }
  if (digits > 0 && (!dot || decimals > 0) && digits + decimals <= 15 && q < end &&
      (*q == ',' || *q == '\n')) {
    out = static_cast<double>(m) / k_pow10[decimals];
    return q;
  }
  const auto [ptr, ec] = std::from_chars(p, end, out);
  return ec == std::errc() && std::isfinite(out) ? ptr : nullptr;
}

// The start of the line after the one q is in (text[q, end) holds a '\n'): eight bytes at a
// time with the "has zero byte" test on x ^ 0x0A0A... (S. E. Anderson, Bit Twiddling Hacks,
// "Determine if a word has a zero byte").
const char* next_line(const char* q, const char* end) noexcept {
  constexpr std::uint64_t k_ones = 0x0101010101010101ULL;
  constexpr std::uint64_t k_highs = 0x8080808080808080ULL;
  while (end - q >= 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, q, 8);
    const std::uint64_t x = word ^ (k_ones * '\n');
    const std::uint64_t hit = (x - k_ones) & ~x & k_highs;
    if (hit != 0) // little-endian: the lowest flagged byte is the first '\n'
      return q + (std::countr_zero(hit) >> 3U) + 1;
    q += 8;
  }
  while (*q != '\n')
    ++q;
  return q + 1;
}

// Pass 1 of the panel reader needs only the ticker dictionary and the market's dates, so in a
// file grouped by ticker it gallops over a ticker's run of rows instead of reading each (issue
// 6); pass 2, which parses every row anyway, checks that nothing was missed (a ticker outside
// the dictionary, or a market row off the calendar) and the file is read again without skipping
// if something was. Runs of at least k_skim_run rows are galloped over, from k_skim_step bytes
// on, doubling.
constexpr std::size_t k_skim_run = 8;
constexpr std::size_t k_skim_step = 4096;

// `line` (a line start before `stop`) has the ticker `ticker` (key `key`, as scan_ticker gives).
bool has_ticker(const char* line, const char* stop, std::string_view ticker,
                const TickerKey& key) noexcept {
  if (stop - line < 14 || line[10] != ',')
    return false;
  TickerKey other;
  const char* q = detail::scan_ticker(line + 11, stop, other);
  return detail::same_ticker(std::string_view(line + 11, static_cast<std::size_t>(q - (line + 11))),
                             other, ticker, key);
}

// The start of the first line at or after byte `offset` (> 0) of the text at `base` before
// `stop` (which ends in '\n'), or `stop`.
const char* line_at(const char* base, std::size_t offset, const char* stop) noexcept {
  if (offset >= static_cast<std::size_t>(stop - base))
    return stop;
  const char* target = base + offset;
  if (target[-1] == '\n')
    return target;
  const void* newline = std::memchr(target, '\n', static_cast<std::size_t>(stop - target));
  return newline == nullptr ? stop : static_cast<const char*>(newline) + 1;
}

// The line at `from` has `ticker`: the start of the first line after it that (probing at
// doubling distances, then bisecting) does not, or `stop` when the text's last line has it.
// The lines skipped are presumed to have it; pass 2 checks.
const char* skip_run(const char* from, const char* stop, std::string_view ticker,
                     const TickerKey& key) noexcept {
  const char* lo = from; // a line with the ticker
  const char* hi = stop; // the first line known not to have it (stop: none yet)
  for (std::size_t step = k_skim_step;; step *= 2) {
    const char* probe = line_at(lo, step, stop);
    if (probe >= stop) {
      // The last line decides: with the ticker, the whole rest is skipped.
      const std::size_t newline =
          std::string_view(lo, static_cast<std::size_t>(stop - 1 - lo)).rfind('\n');
      if (newline == std::string_view::npos)
        return stop; // lo is the last line
      const char* last = lo + newline + 1;
      if (has_ticker(last, stop, ticker, key))
        return stop;
      hi = last;
      break;
    }
    if (!has_ticker(probe, stop, ticker, key)) {
      hi = probe;
      break;
    }
    lo = probe;
  }
  for (;;) { // lo has the ticker, hi does not
    const char* after = next_line(lo, stop);
    if (after >= hi)
      return hi;
    const char* mid = line_at(lo, static_cast<std::size_t>(hi - lo) / 2, stop);
    if (mid >= hi)
      mid = after;
    if (has_ticker(mid, stop, ticker, key))
      lo = mid;
    else
      hi = mid;
  }
}

// Parses and checks the line at p (every field, the fast reader's rules); the text ends in
// '\n', so every scan stops. Returns the start of the next line, or nullptr when the line is
// anything the general reader must judge.
const char* parse_row(const char* p, const char* end, Layout layout, Row& row) noexcept {
  if (end - p < 14 || p[10] != ',' || !parse_date(p, row.day, row.dates))
    return nullptr;
  const char* q = detail::scan_ticker(p + 11, end, row.key);
  if (*q != ',')
    return nullptr;
  row.ticker = std::string_view(p + 11, static_cast<std::size_t>(q - (p + 11)));
  q = parse_number(q + 1, end, row.close);
  if (q == nullptr || !(row.close > 0.0))
    return nullptr;
  row.adj = k_nan;
  row.volume = k_nan;
  if (layout.adj_close) {
    if (*q != ',')
      return nullptr;
    ++q;
    if (*q != ',' && *q != '\n') { // an empty cell is NaN
      q = parse_number(q, end, row.adj);
      if (q == nullptr || !(row.adj > 0.0))
        return nullptr;
    }
    if (layout.volume) {
      if (*q != ',')
        return nullptr;
      ++q;
      if (*q != '\n') {
        q = parse_number(q, end, row.volume);
        if (q == nullptr || row.volume < 0.0)
          return nullptr;
      }
    }
  }
  return *q == '\n' ? q + 1 : nullptr; // else more fields than the header, or a bad character
}

// The rows of one chunk, column-wise.
struct Chunk {
  TickerIds ids;                     // local id -> ticker
  std::vector<std::uint32_t> ticker; // per row
  std::vector<calendar::Date> date;
  std::vector<double> close;
  std::vector<double> adj_close; // when the layout has it
  std::vector<double> volume;    // when the layout has it
  bool ok = true;
};

// Parses the lines in `text` (which ends in '\n'); stops with ok = false at the first unusual
// line.
void parse_chunk(std::string_view text, Layout layout, Chunk& chunk) {
  const std::size_t expected_rows = text.size() / 24 + 16;
  chunk.ticker.reserve(expected_rows);
  chunk.date.reserve(expected_rows);
  chunk.close.reserve(expected_rows);
  if (layout.adj_close)
    chunk.adj_close.reserve(expected_rows);
  if (layout.volume)
    chunk.volume.reserve(expected_rows);
  std::uint32_t guess = 0;
  Row row;
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p < end) {
    p = parse_row(p, end, layout, row);
    if (p == nullptr) {
      chunk.ok = false;
      return;
    }
    std::uint32_t id = chunk.ids.find(row.ticker, row.key, guess);
    if (id == TickerIds::k_none) {
      if (!valid_ticker(row.ticker)) {
        chunk.ok = false;
        return;
      }
      id = chunk.ids.intern(row.ticker, guess);
    }
    chunk.ticker.push_back(id);
    chunk.date.push_back(calendar::Date{std::chrono::days{row.day}});
    chunk.close.push_back(row.close);
    if (layout.adj_close)
      chunk.adj_close.push_back(row.adj);
    if (layout.volume)
      chunk.volume.push_back(row.volume);
  }
}

// The layout and body of a file the fast readers may take, or nullopt.
struct Body {
  Layout layout;
  std::string_view text; // the data lines (after the header), each ending in '\n'
};

std::optional<Body> plain_body(std::string_view text) {
  // Quotes, carriage returns, blank lines and NUL bytes fail the per-line checks.
  if (text.empty() || text.back() != '\n')
    return std::nullopt;
  const std::size_t header_end = text.find('\n');
  const auto layout = header_layout(text.substr(0, header_end));
  if (!layout)
    return std::nullopt;
  const std::string_view body = text.substr(header_end + 1);
  if (body.empty())
    return std::nullopt;
  return Body{*layout, body};
}

// Splits `body` at line starts into `parts` chunks; returns the n+1 bounds.
std::vector<std::size_t> split_lines(std::string_view body, std::size_t parts) {
  std::vector<std::size_t> bounds{0};
  for (std::size_t c = 1; c < parts; ++c) {
    std::size_t at = body.size() * c / parts;
    at = std::max(at, bounds.back());
    const std::size_t nl = body.find('\n', at == 0 ? 0 : at - 1);
    bounds.push_back(nl == std::string_view::npos ? body.size() : nl + 1);
  }
  bounds.push_back(body.size());
  return bounds;
}

bool usable_options(const LoadOptions& options) {
  return !(options.delimiter && *options.delimiter != ',') &&
         !(options.date_format && *options.date_format != calendar::DateFormat::iso);
}

std::size_t thread_count(const FastLongOptions& fast) {
  return std::max<std::size_t>(1, fast.threads == 0 ? util::default_thread_count() : fast.threads);
}

// What a pass does with the mapped pages it has read.
enum class ReadPages {
  keep,    // a later pass reads them again (small files: re-faulting costs more than the RSS)
  release, // give them back every k_release_bytes (they are file-backed: a later pass faults
           // them in again from the page cache)
};

// Files up to this size stay mapped between the two passes of the panel reader.
constexpr std::size_t k_keep_mapped_bytes = std::size_t{256} << 20U;

// The window a streamed pass reads its lines into: one per chunk, reused by both passes (one
// huge page each).
constexpr std::size_t k_window_bytes = std::size_t{2} << 20U;

// Walks the lines of bytes [begin, end) of a streamed file (a line start and a line end) through
// `window` (k_window_bytes), a window of whole lines at a time; false when a step stops, a read
// fails or a line is longer than the window (the general reader takes such a file).
template <typename Step>
bool for_each_streamed_line(const MappedFile& file, std::size_t begin, std::size_t end,
                            char* window, Step& step) {
  std::size_t at = begin;
  while (at < end) {
    const std::size_t n = std::min(k_window_bytes, end - at);
    if (!file.read(at, window, n))
      return false;
    const std::size_t last_newline = std::string_view(window, n).rfind('\n');
    if (last_newline == std::string_view::npos)
      return false;
    const char* const stop = window + last_newline + 1;
    const char* p = window;
    while (p < stop) {
      p = step(p, stop);
      if (p == nullptr)
        return false;
    }
    at += last_newline + 1;
  }
  return true;
}

// Walks the lines of text[begin, end) (which ends in '\n'): `step(p)` handles the line at p
// and returns the start of the next one, or nullptr to stop (false). A streamed file's lines
// are read through `window` (for_each_streamed_line).
template <typename Step>
bool for_each_line(const MappedFile& file, std::string_view text, std::size_t begin,
                   std::size_t end, ReadPages pages, char* window, Step&& step) {
  if (file.streamed())
    return for_each_streamed_line(file, begin, end, window, step);
  constexpr std::size_t k_release_bytes = 8U << 20U;
  const char* const first = text.data() + begin;
  const char* const last = text.data() + end;
  const char* released = first;
  const char* p = first;
  const bool release = pages == ReadPages::release;
  while (p < last) {
    p = step(p, last);
    if (p == nullptr)
      return false;
    if (release && static_cast<std::size_t>(p - released) >= k_release_bytes) {
      file.release(released, static_cast<std::size_t>(p - released));
      released = p;
    }
  }
  if (release)
    file.release(released, static_cast<std::size_t>(last - released));
  return true;
}

// The offset of the first '\n' in bytes [from, size) of a streamed file, or npos.
std::size_t find_newline(const MappedFile& file, std::size_t from) {
  std::array<char, 4096> piece{};
  while (from < file.size()) {
    const std::size_t n = std::min(piece.size(), file.size() - from);
    if (!file.read(from, piece.data(), n))
      return std::string_view::npos;
    const std::size_t k = std::string_view(piece.data(), n).find('\n');
    if (k != std::string_view::npos)
      return from + k;
    from += n;
  }
  return std::string_view::npos;
}

// A streamed file's layout and chunk bounds (absolute offsets of line starts, as split_lines
// splits the body), read in small pieces: nullopt where plain_body gives nullopt, or for a
// header longer than 64 KiB (both send the file to the general reader).
struct StreamedBody {
  Layout layout;
  std::vector<std::size_t> bounds;
};

std::optional<StreamedBody> streamed_body(const MappedFile& file, std::size_t parts) {
  const std::size_t size = file.size();
  std::string head(std::min<std::size_t>(size, 64U << 10U), '\0');
  char last = 0;
  if (size == 0 || !file.read(0, head.data(), head.size()) || !file.read(size - 1, &last, 1) ||
      last != '\n')
    return std::nullopt;
  const std::size_t header_end = head.find('\n');
  if (header_end == std::string::npos)
    return std::nullopt;
  const auto layout = header_layout(std::string_view(head).substr(0, header_end));
  const std::size_t body = header_end + 1;
  if (!layout || body >= size)
    return std::nullopt;
  const std::size_t body_size = size - body;
  StreamedBody out{*layout, {0}};
  for (std::size_t c = 1; c < parts; ++c) { // split_lines, with the newline found by reading
    std::size_t at = body_size * c / parts;
    at = std::max(at, out.bounds.back());
    const std::size_t nl = find_newline(file, body + (at == 0 ? 0 : at - 1));
    out.bounds.push_back(nl == std::string_view::npos ? body_size : nl + 1 - body);
  }
  out.bounds.push_back(body_size);
  for (auto& b : out.bounds)
    b += body;
  return out;
}

// Pass 1 of the panel reader over one chunk: its tickers in order of first appearance and the
// market's dates.
struct DictionaryChunk {
  TickerIds ids;
  std::vector<calendar::Date> market_dates;
  std::size_t skimmed = 0; // bytes of rows skipped (skip_run)
  bool ok = true;
};

// Pass 2 over one chunk: per ticker the first and last date (order checks across chunks), per
// requested column the off-calendar rows and whether an on-calendar adj_close was empty.
struct ScatterChunk {
  std::vector<std::int32_t> first; // per global ticker id; k_no_day when absent
  std::vector<std::int32_t> last;
  std::vector<std::size_t> off_rows; // per panel column
  std::vector<std::vector<calendar::Date>> off_dates;
  std::vector<char> adj_missing;
  bool ok = true;
  bool missed = false; // a row pass 1 skipped (skip_run) and should have read
};

constexpr std::int32_t k_no_day = std::numeric_limits<std::int32_t>::min();
constexpr std::size_t k_max_listed_dates = 5; // as series::align

// Whether the fast readers may take `path`: options they implement and a file large enough to
// repay the mapping and the threads (smaller files go to the general reader).
bool worth_fast_path(const std::filesystem::path& path, const LoadOptions& options,
                     const FastLongOptions& fast) {
  if (!usable_options(options))
    return false;
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  return !ec && size >= fast.min_bytes;
}

std::int32_t day_number(calendar::Date d) noexcept {
  return static_cast<std::int32_t>(d.time_since_epoch().count());
}

} // namespace

std::optional<PriceFile> read_long_prices_fast(const std::filesystem::path& path,
                                               const LoadOptions& options,
                                               const FastLongOptions& fast) {
  if (!worth_fast_path(path, options, fast))
    return std::nullopt;
  auto file = std::make_unique<MappedFile>(path);
  const std::string_view text = file->text();
  const auto plain = plain_body(text);
  if (!plain)
    return std::nullopt;
  const auto layout = &plain->layout;
  const std::string_view body = plain->text;
  const auto bounds = split_lines(body, thread_count(fast));
  const std::size_t n_chunks = bounds.size() - 1;
  std::vector<Chunk> chunks(n_chunks);
  util::parallel_for(n_chunks, n_chunks, [&](std::size_t begin, std::size_t end) {
    for (std::size_t c = begin; c < end; ++c)
      parse_chunk(body.substr(bounds[c], bounds[c + 1] - bounds[c]), *layout, chunks[c]);
  });
  for (const auto& chunk : chunks)
    if (!chunk.ok)
      return std::nullopt;

  // Global ticker ids in order of first appearance, then per-ticker series in file order.
  std::unordered_map<std::string_view, std::uint32_t, ViewHash> global;
  std::vector<std::string> names;
  std::vector<std::vector<std::uint32_t>> to_global(n_chunks);
  for (std::size_t c = 0; c < n_chunks; ++c)
    for (const auto name : chunks[c].ids.names()) {
      const auto [it, inserted] = global.emplace(name, static_cast<std::uint32_t>(names.size()));
      if (inserted)
        names.emplace_back(name);
      to_global[c].push_back(it->second);
    }
  global.clear();
  file.reset(); // the rows are parsed: give the mapped pages back before building the series
  std::vector<std::size_t> counts(names.size(), 0);
  for (std::size_t c = 0; c < n_chunks; ++c)
    for (const auto id : chunks[c].ticker)
      ++counts[to_global[c][id]];
  std::vector<series::PriceSeries> series(names.size());
  for (std::size_t g = 0; g < names.size(); ++g) {
    series[g].ticker = names[g];
    series[g].origin = path.string();
    series[g].dates.reserve(counts[g]);
    series[g].close.reserve(counts[g]);
    if (layout->adj_close)
      series[g].adj_close.reserve(counts[g]);
    if (layout->volume)
      series[g].volume.reserve(counts[g]);
  }
  for (std::size_t c = 0; c < n_chunks; ++c) {
    Chunk& chunk = chunks[c];
    for (std::size_t r = 0; r < chunk.ticker.size(); ++r) {
      auto& s = series[to_global[c][chunk.ticker[r]]];
      if (!s.dates.empty() && !(s.dates.back() < chunk.date[r]))
        return std::nullopt; // out of order or duplicate: the general reader sorts or reports
      s.dates.push_back(chunk.date[r]);
      s.close.push_back(chunk.close[r]);
      if (layout->adj_close)
        s.adj_close.push_back(chunk.adj_close[r]);
      if (layout->volume)
        s.volume.push_back(chunk.volume[r]);
    }
    // Release the chunk's rows early.
    std::vector<std::uint32_t>().swap(chunk.ticker);
    std::vector<calendar::Date>().swap(chunk.date);
    std::vector<double>().swap(chunk.close);
    std::vector<double>().swap(chunk.adj_close);
    std::vector<double>().swap(chunk.volume);
  }
  std::sort(series.begin(), series.end(),
            [](const auto& a, const auto& b) { return a.ticker < b.ticker; });
  PriceFile out;
  out.series = std::move(series);
  return out;
}

// What read_long_panel_fast's passes read: the file, its layout and chunk bounds, whether pass 1
// keeps the mapped pages, and a window per chunk when the file is streamed.
struct PanelSource {
  const std::filesystem::path& path;
  const PanelRequest& request;
  const MappedFile& file;
  Layout layout;
  std::vector<std::size_t> bounds;
  ReadPages pass1_pages = ReadPages::keep;
  std::vector<std::shared_ptr<void>> windows;
};

// The two passes of read_long_panel_fast; `skim`: pass 1 gallops over runs of one ticker
// (skip_run). nullopt with `missed` set when pass 2 met a row pass 1 should have read (read the
// file again without skimming); nullopt otherwise for a file the general reader must take.
std::optional<FastPanel> panel_passes(const PanelSource& source, const FastLongOptions& fast,
                                      bool skim, bool& missed) {
  // Named as in read_long_panel_fast (references, not a structured binding: the clang of the
  // tidy check cannot capture those in the lambdas below).
  const std::filesystem::path& path = source.path;
  const PanelRequest& request = source.request;
  const MappedFile& file = source.file;
  const Layout layout = source.layout;
  const std::vector<std::size_t>& bounds = source.bounds;
  const ReadPages pass1_pages = source.pass1_pages;
  const std::vector<std::shared_ptr<void>>& windows = source.windows;
  const std::string_view text = file.text();
  const std::size_t n_chunks = bounds.size() - 1;
  const auto window_of = [&](std::size_t c) { return static_cast<char*>(windows[c].get()); };

  // Pass 1: the ticker dictionary and the market's dates.
  const TickerKey market_key = TickerKey::of(request.market);
  std::vector<DictionaryChunk> dictionary(n_chunks);
  util::parallel_for(n_chunks, n_chunks, [&](std::size_t begin, std::size_t end) {
    for (std::size_t c = begin; c < end; ++c) {
      DictionaryChunk& chunk = dictionary[c];
      std::uint32_t guess = 0;
      DateMemo dates;
      std::uint32_t last_id = TickerIds::k_none; // the previous row's ticker
      std::size_t run = 0;                       // rows since it changed
      chunk.ok = for_each_line(
          file, text, bounds[c], bounds[c + 1], pass1_pages, window_of(c),
          [&](const char* p, const char* stop) -> const char* {
            if (stop - p < 14 || p[10] != ',')
              return nullptr;
            TickerKey key;
            const char* q = detail::scan_ticker(p + 11, stop, key);
            const std::string_view ticker(p + 11, static_cast<std::size_t>(q - (p + 11)));
            if (chunk.ids.find(ticker, key, guess) == TickerIds::k_none) {
              if (!valid_ticker(ticker))
                return nullptr;
              (void)chunk.ids.intern(ticker, guess);
            }
            run = guess == last_id ? run + 1 : 0;
            last_id = guess;
            if (detail::same_ticker(ticker, key, request.market, market_key)) {
              std::int32_t day = 0;
              if (!parse_date(p, day, dates))
                return nullptr;
              chunk.market_dates.push_back(calendar::Date{std::chrono::days{day}});
              return next_line(q, stop); // every market row is read
            }
            const char* next = next_line(q, stop);
            if (!skim || run < k_skim_run || next >= stop)
              return next;
            const char* resume = skip_run(p, stop, ticker, key);
            chunk.skimmed += static_cast<std::size_t>(resume - next);
            return resume;
          });
    }
  });
  TickerIds global;
  std::vector<calendar::Date> market_dates;
  std::size_t skimmed_bytes = 0;
  for (const auto& chunk : dictionary) {
    if (!chunk.ok)
      return std::nullopt;
    skimmed_bytes += chunk.skimmed;
    std::uint32_t guess = 0;
    for (const auto name : chunk.ids.names())
      (void)global.intern(name, guess);
    market_dates.insert(market_dates.end(), chunk.market_dates.begin(), chunk.market_dates.end());
  }
  dictionary.clear();
  for (std::size_t k = 1; k < market_dates.size(); ++k)
    if (!(market_dates[k - 1] < market_dates[k]))
      return std::nullopt; // unsorted or duplicate: the general reader sorts or reports
  const auto& names = global.names();
  const auto n_tickers = names.size();
  const bool skimmed = skimmed_bytes > 0;
  std::uint32_t market_guess = 0;
  const std::uint32_t market_id = global.find(request.market, market_guess);

  // The columns: the market and the requested tickers (all without a request), by ticker.
  const bool has_market = !market_dates.empty();
  std::vector<std::uint32_t> picked;
  if (has_market) {
    std::vector<std::string_view> requested(request.tickers.begin(), request.tickers.end());
    std::sort(requested.begin(), requested.end());
    for (std::uint32_t g = 0; g < n_tickers; ++g)
      if (request.tickers.empty() || names[g] == request.market ||
          std::binary_search(requested.begin(), requested.end(), names[g]))
        picked.push_back(g);
    std::sort(picked.begin(), picked.end(),
              [&](std::uint32_t a, std::uint32_t b) { return names[a] < names[b]; });
  }
  constexpr std::uint32_t k_unused = std::numeric_limits<std::uint32_t>::max();
  std::vector<std::uint32_t> slot_of(n_tickers, k_unused);
  for (std::size_t k = 0; k < picked.size(); ++k)
    slot_of[picked[k]] = static_cast<std::uint32_t>(k);

  FastPanel out;
  series::Panel& panel = out.panel;
  const std::size_t n_dates = market_dates.size();
  std::vector<std::int32_t> index_of_day; // day - first_day -> calendar index or -1
  const std::int32_t first_day = has_market ? day_number(market_dates.front()) : 0;
  if (has_market) {
    index_of_day.assign(static_cast<std::size_t>(day_number(market_dates.back()) - first_day) + 1,
                        -1);
    for (std::size_t t = 0; t < n_dates; ++t)
      index_of_day[static_cast<std::size_t>(day_number(market_dates[t]) - first_day)] =
          static_cast<std::int32_t>(t);
    panel.calendar = calendar::TradingCalendar(std::move(market_dates));
  }
  // The arrays: one block for all columns (few page faults, huge pages where allowed), the
  // columns views into it; without an adj_close column one all-NaN array serves every column.
  panel.columns.resize(picked.size());
  const std::size_t n_arrays = picked.size() * (layout.adj_close ? 2 : 1);
  const std::shared_ptr<const void> block = util::allocate_page_block(n_arrays * n_dates * 8);
  auto* const values = static_cast<double*>(const_cast<void*>(block.get()));
  std::vector<double*> close_of(picked.size(), nullptr);
  std::vector<double*> adj_of(picked.size(), nullptr);
  std::shared_ptr<const std::vector<double>> nan_adj;
  if (!layout.adj_close && n_dates > 0)
    nan_adj = std::make_shared<const std::vector<double>>(n_dates, k_nan);
  util::parallel_for(picked.size(), thread_count(fast), [&](std::size_t begin, std::size_t end) {
    for (std::size_t k = begin; k < end; ++k) {
      auto& column = panel.columns[k];
      column.ticker = std::string(names[picked[k]]);
      column.origin = path.string();
      if (n_dates == 0)
        continue;
      close_of[k] = values + k * n_dates;
      std::fill_n(close_of[k], n_dates, k_nan);
      column.close = series::PriceArray::view({close_of[k], n_dates}, block);
      if (layout.adj_close) {
        adj_of[k] = values + (picked.size() + k) * n_dates;
        std::fill_n(adj_of[k], n_dates, k_nan);
        column.adj_close = series::PriceArray::view({adj_of[k], n_dates}, block);
      } else {
        column.adj_close = series::PriceArray::view(*nan_adj, nan_adj);
      }
    }
  });

  // Pass 2: parse and check every row; scatter the picked tickers' prices into their columns.
  std::vector<ScatterChunk> scatter(n_chunks);
  util::parallel_for(n_chunks, n_chunks, [&](std::size_t begin, std::size_t end) {
    for (std::size_t c = begin; c < end; ++c) {
      ScatterChunk& chunk = scatter[c];
      chunk.first.assign(n_tickers, k_no_day);
      chunk.last.assign(n_tickers, k_no_day);
      chunk.off_rows.assign(picked.size(), 0);
      chunk.off_dates.resize(picked.size());
      chunk.adj_missing.assign(picked.size(), 0);
      std::uint32_t guess = 0;
      Row row;
      chunk.ok = for_each_line(
          file, text, bounds[c], bounds[c + 1], ReadPages::release, window_of(c),
          [&](const char* p, const char* stop) {
            const char* next = parse_row(p, stop, layout, row);
            if (next == nullptr)
              return next;
            const std::uint32_t g = global.find(row.ticker, row.key, guess);
            if (g == TickerIds::k_none) { // pass 1 skipped it (without skimming: impossible)
              chunk.missed = skimmed;
              return static_cast<const char*>(nullptr);
            }
            const std::int32_t day = row.day;
            if (chunk.last[g] != k_no_day && !(chunk.last[g] < day))
              return static_cast<const char*>(nullptr); // out of order or duplicate: the general
                                                        // reader sorts or reports
            if (chunk.first[g] == k_no_day)
              chunk.first[g] = day;
            chunk.last[g] = day;
            const std::uint32_t slot = slot_of[g];
            if (slot == k_unused)
              return next;
            const std::int32_t rel = day - first_day;
            const std::int32_t t = rel >= 0 && static_cast<std::size_t>(rel) < index_of_day.size()
                                       ? index_of_day[static_cast<std::size_t>(rel)]
                                       : -1;
            if (t < 0) {
              if (skimmed && g == market_id) { // a market row pass 1 skipped
                chunk.missed = true;
                return static_cast<const char*>(nullptr);
              }
              ++chunk.off_rows[slot];
              if (chunk.off_dates[slot].size() < k_max_listed_dates)
                chunk.off_dates[slot].push_back(calendar::Date{std::chrono::days{day}});
              return next;
            }
            close_of[slot][static_cast<std::size_t>(t)] = row.close;
            if (layout.adj_close) {
              adj_of[slot][static_cast<std::size_t>(t)] = row.adj;
              if (std::isnan(row.adj))
                chunk.adj_missing[slot] = 1;
            }
            return next;
          });
    }
  });
  if (std::any_of(scatter.begin(), scatter.end(), [](const auto& chunk) { return chunk.missed; })) {
    missed = true;
    return std::nullopt;
  }
  for (const auto& chunk : scatter)
    if (!chunk.ok)
      return std::nullopt;
  // Date order across chunk boundaries.
  for (std::size_t g = 0; g < n_tickers; ++g) {
    std::int32_t last = k_no_day;
    for (const auto& chunk : scatter) {
      if (chunk.first[g] == k_no_day)
        continue;
      if (last != k_no_day && !(last < chunk.first[g]))
        return std::nullopt;
      last = chunk.last[g];
    }
  }
  for (std::size_t k = 0; k < picked.size(); ++k) {
    auto& column = panel.columns[k];
    bool adj_missing = false;
    for (const auto& chunk : scatter) {
      column.off_calendar_rows += chunk.off_rows[k];
      for (const auto d : chunk.off_dates[k])
        if (column.off_calendar_dates.size() < k_max_listed_dates)
          column.off_calendar_dates.push_back(d);
      adj_missing = adj_missing || chunk.adj_missing[k] != 0;
    }
    column.has_adj_close = layout.adj_close && !adj_missing;
  }
  out.available.assign(names.begin(), names.end());
  std::sort(out.available.begin(), out.available.end());
  out.skimmed_bytes = skimmed_bytes;
  return out;
}

std::optional<FastPanel> read_long_panel_fast(const std::filesystem::path& path,
                                              const LoadOptions& options,
                                              const PanelRequest& request,
                                              const FastLongOptions& fast) {
  if (!worth_fast_path(path, options, fast))
    return std::nullopt;
  std::error_code size_error;
  const auto file_size = std::filesystem::file_size(path, size_error);
  const MappedFile file(path, !size_error && file_size <= fast.stream_max_bytes ? FileBytes::stream
                                                                                : FileBytes::map);
  const std::string_view text = file.text();
  Layout layout;
  std::vector<std::size_t> bounds;
  if (file.streamed()) {
    auto body = streamed_body(file, thread_count(fast));
    if (!body)
      return std::nullopt;
    layout = body->layout;
    bounds = std::move(body->bounds);
  } else {
    const auto plain = plain_body(text);
    if (!plain)
      return std::nullopt;
    layout = plain->layout;
    const std::size_t offset = static_cast<std::size_t>(plain->text.data() - text.data());
    bounds = split_lines(plain->text, thread_count(fast));
    for (auto& b : bounds)
      b += offset;
  }
  PanelSource source{path,
                     request,
                     file,
                     layout,
                     std::move(bounds),
                     text.size() <= k_keep_mapped_bytes ? ReadPages::keep : ReadPages::release,
                     {}};
  source.windows.resize(source.bounds.size() - 1); // a streamed file's, one per chunk
  if (file.streamed())
    for (auto& window : source.windows)
      window = util::allocate_page_block(k_window_bytes);
  // Skimming (skip_run) first; again without it when pass 2 finds that pass 1 skipped a ticker
  // or a market row.
  bool missed = false;
  if (fast.skim)
    if (auto out = panel_passes(source, fast, true, missed); out || !missed)
      return out;
  return panel_passes(source, fast, false, missed);
}

} // namespace aftershock::sources
