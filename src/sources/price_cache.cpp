// Binary cache of the aligned price panel (see price_cache.hpp). Layout, all little-endian as
// written by this machine, every block padded to 8 bytes:
//   header (64 bytes): magic "ASHPANEL", u32 version, u32 0, u64 file size, u64 metadata size,
//                      u64 data offset, u64 checksum of the metadata bytes, u64 0, u64 0
//   metadata (at 64):  u64 n_files, per file (string path, u64 size, i64 mtime in ns);
//                      i64 date format (-1 = sniffed), i64 delimiter (-1 = sniffed), i64 bad-row;
//                      string market; u64 skipped rows; strings row errors; strings notes;
//                      strings available tickers; u64 n_dates, i32 days since 1970-01-01
//                      [n_dates]; u64 n_columns, per column (string ticker, string origin,
//                      u64 flags (1 = has_adj_close, 2 = adj_close stored; without 2 it is all
//                      NaN), u64 off-calendar rows, u64 n, i32 days [n] of the first
//                      off-calendar dates, u64 checksum of the column's data)
//   data (at the data offset, a multiple of 4096): f64 close [n_dates] of every column (column
//                      k at offset + 8 k n_dates), then f64 adj_close [n_dates] of the columns
//                      with flag 2, in column order.
//   string = u64 length + bytes; strings = u64 count + string each.
// Reading checks the header and the metadata checksum, then maps the wanted columns' arrays
// as the panel's (views into the mapping, no copy) after checking each one's checksum: the
// cost is one read of the columns used (version 2 copied every column out).
#include <aftershock/sources/price_cache.hpp>
#include <aftershock/sources/price_file.hpp>
#include <aftershock/util/error.hpp>
#include <aftershock/util/mapped_regions.hpp>
#include <aftershock/util/parallel_for.hpp>
#include <aftershock/util/parse.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <sys/mman.h>
#include <sys/stat.h>
#include <type_traits>
#include <unistd.h>

namespace aftershock::sources {
namespace {

constexpr std::array<char, 8> k_magic{'A', 'S', 'H', 'P', 'A', 'N', 'E', 'L'};
constexpr std::size_t k_header_size = 64;
constexpr std::size_t k_data_align = 4096;
constexpr std::size_t k_not_stored = std::numeric_limits<std::size_t>::max();

// A 64-bit checksum of `bytes` (four independent multiply-xorshift lanes over 8-byte words,
// then the tail; not cryptographic: it detects truncation, bit rot and stray writes).
std::uint64_t checksum(std::string_view bytes) noexcept {
  constexpr std::uint64_t k_mul = 0x9E3779B97F4A7C15ULL;
  std::array<std::uint64_t, 4> lane{1, 2, 3, 4};
  const std::size_t words = bytes.size() / 8;
  std::size_t w = 0;
  for (; w + 4 <= words; w += 4)
    for (std::size_t l = 0; l < 4; ++l) {
      std::uint64_t v = 0;
      std::memcpy(&v, bytes.data() + (w + l) * 8, 8);
      lane[l] = (lane[l] ^ v) * k_mul;
      lane[l] ^= lane[l] >> 29;
    }
  std::uint64_t h = bytes.size();
  for (const auto v : lane)
    h = ((h ^ v) * k_mul) ^ (h >> 31);
  for (std::size_t k = w * 8; k < bytes.size(); ++k)
    h = (h ^ static_cast<unsigned char>(bytes[k])) * k_mul;
  return h ^ (h >> 33);
}

class Writer {
public:
  template <typename T> void put(T value) {
    static_assert(std::is_trivially_copyable_v<T>);
    const auto* p = reinterpret_cast<const char*>(&value);
    m_out.append(p, sizeof(T));
  }
  void put_string(std::string_view s) {
    put<std::uint64_t>(s.size());
    m_out.append(s);
    pad();
  }
  template <typename T> void put_array(const std::vector<T>& v) {
    m_out.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
    pad();
  }
  void pad() { m_out.append((8 - m_out.size() % 8) % 8, '\0'); }
  void put_strings(const std::vector<std::string>& v) {
    put<std::uint64_t>(v.size());
    for (const auto& s : v)
      put_string(s);
  }
  std::string& bytes() noexcept { return m_out; }

private:
  std::string m_out;
};

// Bounds-checked reading of the mapped bytes; every failure sets `ok` to false.
class Reader {
public:
  explicit Reader(std::string_view bytes) : m_bytes(bytes) {}
  template <typename T> T get() {
    T value{};
    if (!take(sizeof(T)))
      return value;
    std::memcpy(&value, m_bytes.data() + m_at - sizeof(T), sizeof(T));
    return value;
  }
  std::string get_string() {
    const auto n = get<std::uint64_t>();
    if (!ok || n > m_bytes.size() - m_at)
      return fail_string();
    std::string s(m_bytes.substr(m_at, n));
    m_at += n;
    skip_pad();
    return s;
  }
  template <typename T> void get_array(std::vector<T>& v, std::size_t n) {
    if (!ok || n > (m_bytes.size() - m_at) / sizeof(T)) {
      ok = false;
      return;
    }
    v.resize(n);
    if (n > 0)
      std::memcpy(v.data(), m_bytes.data() + m_at, n * sizeof(T));
    m_at += n * sizeof(T);
    skip_pad();
  }
  [[nodiscard]] bool at_end() const noexcept { return m_at == m_bytes.size(); }
  std::vector<std::string> get_strings() {
    std::vector<std::string> out;
    const auto n = get<std::uint64_t>();
    for (std::uint64_t k = 0; ok && k < n; ++k)
      out.push_back(get_string());
    return out;
  }
  bool ok = true;

private:
  bool take(std::size_t n) {
    if (!ok || n > m_bytes.size() - m_at)
      return ok = false;
    m_at += n;
    return true;
  }
  std::string fail_string() {
    ok = false;
    return {};
  }
  void skip_pad() {
    const std::size_t pad = (8 - m_at % 8) % 8;
    if (!take(pad))
      ok = false;
  }
  std::string_view m_bytes;
  std::size_t m_at = 0;
};

struct SourceStamp {
  std::string path;
  std::uint64_t size = 0;
  std::int64_t mtime = 0;
  bool operator==(const SourceStamp&) const = default;
};

std::vector<SourceStamp> stamps(const std::vector<std::filesystem::path>& files) {
  std::vector<SourceStamp> out;
  for (const auto& f : files) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(f, ec);
    const auto time =
        ec ? std::filesystem::file_time_type{} : std::filesystem::last_write_time(f, ec);
    if (ec)
      throw Error(fmt::format("{}: cannot read its size and time ({})", f.string(), ec.message()),
                  "check that the price file exists and is readable");
    out.push_back({std::filesystem::absolute(f).lexically_normal().string(), size,
                   static_cast<std::int64_t>(
                       std::chrono::duration_cast<std::chrono::nanoseconds>(time.time_since_epoch())
                           .count())});
  }
  return out;
}

std::array<std::int64_t, 3> option_codes(const LoadOptions& o) {
  return {o.date_format ? static_cast<std::int64_t>(*o.date_format) : -1,
          o.delimiter ? static_cast<std::int64_t>(static_cast<unsigned char>(*o.delimiter)) : -1,
          static_cast<std::int64_t>(o.on_bad_row)};
}

// A read-only mapping of the cache file (empty view when it cannot be mapped).
class Mapping {
public:
  explicit Mapping(const std::filesystem::path& path) {
    m_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (m_fd < 0)
      return;
    struct stat st {};
    if (::fstat(m_fd, &st) != 0 || st.st_size <= 0)
      return;
    m_size = static_cast<std::size_t>(st.st_size);
    void* p = ::mmap(nullptr, m_size, PROT_READ, MAP_PRIVATE, m_fd, 0);
    if (p == MAP_FAILED) {
      m_size = 0;
      return;
    }
    m_data = static_cast<const char*>(p);
    m_region.emplace(m_data, m_size, path); // a truncation while mapped is reported by name
  }
  Mapping(const Mapping&) = delete;
  Mapping& operator=(const Mapping&) = delete;
  ~Mapping() {
    if (m_data != nullptr)
      ::munmap(const_cast<char*>(m_data), m_size);
    if (m_fd >= 0)
      ::close(m_fd);
  }
  [[nodiscard]] std::string_view bytes() const noexcept { return {m_data, m_data ? m_size : 0}; }

private:
  int m_fd = -1;
  const char* m_data = nullptr;
  std::size_t m_size = 0;
  std::optional<util::MappedRegion> m_region; // registered while mapped
};

CacheRead corrupt(std::string reason) {
  CacheRead r;
  r.status = CacheStatus::corrupt;
  r.reason = std::move(reason);
  return r;
}

std::string_view as_bytes(std::span<const double> v) noexcept {
  return {reinterpret_cast<const char*>(v.data()), v.size() * sizeof(double)};
}

// The checksum of a column's close and, when stored, adj_close arrays.
std::uint64_t column_checksum(std::span<const double> close,
                              std::span<const double> adj_close) noexcept {
  return checksum(as_bytes(close)) ^
         (adj_close.empty() ? 0U : checksum(as_bytes(adj_close)) * 0x9E3779B97F4A7C15ULL);
}

bool all_nan(std::span<const double> v) noexcept {
  return std::all_of(v.begin(), v.end(), [](double x) { return std::isnan(x); });
}

// The tickers of a request, sorted for lookups (a batch asks for thousands).
class Wanted {
public:
  explicit Wanted(const PanelRequest& request)
      : m_all(request.tickers.empty()), m_market(request.market), m_sorted(request.tickers) {
    std::sort(m_sorted.begin(), m_sorted.end());
  }
  [[nodiscard]] bool operator()(std::string_view ticker) const {
    return m_all || ticker == m_market ||
           std::binary_search(m_sorted.begin(), m_sorted.end(), ticker, std::less<>{});
  }

private:
  bool m_all;
  std::string m_market;
  std::vector<std::string> m_sorted;
};

// A file written in one go: a temporary file in the same folder, renamed over the target when
// complete; removed on any failure.
class AtomicOutput {
public:
  explicit AtomicOutput(std::filesystem::path path) : m_path(std::move(path)) {
    const auto folder =
        m_path.has_parent_path() ? m_path.parent_path() : std::filesystem::path(".");
    m_temp = (folder / ("." + m_path.filename().string() + ".tmp.XXXXXX")).string();
    m_fd = ::mkstemp(m_temp.data());
    if (m_fd < 0)
      fail(errno);
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(m_fd, static_cast<mode_t>(0666) & ~mask);
  }
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;
  ~AtomicOutput() {
    if (m_fd >= 0)
      ::close(m_fd);
    if (!m_done)
      ::unlink(m_temp.c_str());
  }
  void write(const void* data, std::size_t n) {
    const char* p = static_cast<const char*>(data);
    while (n > 0) {
      const ssize_t written = ::write(m_fd, p, n);
      if (written < 0) {
        if (errno == EINTR)
          continue;
        fail(errno);
      }
      p += written;
      n -= static_cast<std::size_t>(written);
    }
  }
  void write_at(std::size_t offset, std::string_view bytes) {
    if (::pwrite(m_fd, bytes.data(), bytes.size(), static_cast<off_t>(offset)) !=
        static_cast<ssize_t>(bytes.size()))
      fail(errno);
  }
  void commit() {
    if (::fsync(m_fd) != 0)
      fail(errno);
    const int rc = ::close(m_fd);
    m_fd = -1;
    if (rc != 0)
      fail(errno);
    if (::rename(m_temp.c_str(), m_path.c_str()) != 0)
      fail(errno);
    m_done = true;
  }

private:
  [[noreturn]] void fail(int error_number) const {
    throw Error(fmt::format("cannot write the panel cache {}: {}",
                            util::quote_for_message(m_path.string(), 4096),
                            std::strerror(error_number)),
                "check that the folder exists and is writable and that the disk has room, or "
                "drop --cache-panel");
  }
  std::filesystem::path m_path;
  std::string m_temp;
  int m_fd = -1;
  bool m_done = false;
};

std::int32_t day_number(calendar::Date d) noexcept {
  return static_cast<std::int32_t>(d.time_since_epoch().count());
}

std::vector<std::int32_t> day_numbers(std::span<const calendar::Date> dates) {
  std::vector<std::int32_t> out;
  out.reserve(dates.size());
  for (const auto d : dates)
    out.push_back(day_number(d));
  return out;
}

std::vector<calendar::Date> to_dates(const std::vector<std::int32_t>& days) {
  std::vector<calendar::Date> out;
  out.reserve(days.size());
  for (const auto d : days)
    out.push_back(calendar::Date{std::chrono::days{d}});
  return out;
}

} // namespace

CacheRead read_panel_cache(const std::filesystem::path& cache,
                           const std::vector<std::filesystem::path>& files,
                           const LoadOptions& options, const PanelRequest& request) {
  std::error_code ec;
  if (!std::filesystem::exists(cache, ec))
    return {};
  const auto map = std::make_shared<const Mapping>(cache);
  const std::string_view bytes = map->bytes();
  if (bytes.size() < k_header_size)
    return corrupt("shorter than its header");
  Reader header(bytes.substr(0, k_header_size));
  const auto magic = header.get<std::array<char, 8>>();
  const auto version = header.get<std::uint32_t>();
  (void)header.get<std::uint32_t>();
  const auto size = header.get<std::uint64_t>();
  const auto meta_size = header.get<std::uint64_t>();
  const auto data_offset = header.get<std::uint64_t>();
  const auto sum = header.get<std::uint64_t>();
  if (magic != k_magic)
    return corrupt("not an aftershock panel cache");
  if (version != k_price_cache_version)
    return corrupt(
        fmt::format("format version {} (this build reads {})", version, k_price_cache_version));
  if (size != bytes.size())
    return corrupt(fmt::format("size {} bytes, header says {}", bytes.size(), size));
  if (meta_size > bytes.size() - k_header_size || data_offset < k_header_size + meta_size ||
      data_offset > bytes.size())
    return corrupt("unreadable header");
  const std::string_view meta = bytes.substr(k_header_size, meta_size);
  if (checksum(meta) != sum)
    return corrupt("checksum mismatch");

  Reader in(meta);
  const auto n_files = in.get<std::uint64_t>();
  std::vector<SourceStamp> recorded;
  for (std::uint64_t k = 0; in.ok && k < n_files; ++k) {
    SourceStamp s;
    s.path = in.get_string();
    s.size = in.get<std::uint64_t>();
    s.mtime = in.get<std::int64_t>();
    recorded.push_back(std::move(s));
  }
  const auto codes = in.get<std::array<std::int64_t, 3>>();
  const std::string market = in.get_string();
  if (!in.ok)
    return corrupt("unreadable manifest");
  CacheRead out;
  if (recorded != stamps(files)) {
    out.status = CacheStatus::stale;
    out.reason = "the price files changed (names, sizes or modification times)";
    return out;
  }
  if (codes != option_codes(options)) {
    out.status = CacheStatus::stale;
    out.reason = "different --date-format or --on-bad-row";
    return out;
  }
  if (market != request.market) {
    out.status = CacheStatus::stale;
    out.reason = fmt::format("it was built for the market {}, not {}", market, request.market);
    return out;
  }
  LoadedPanel& loaded = out.loaded;
  loaded.skipped_rows = in.get<std::uint64_t>();
  loaded.row_errors = in.get_strings();
  loaded.notes = in.get_strings();
  loaded.available = in.get_strings();
  const auto n_dates = in.get<std::uint64_t>();
  std::vector<std::int32_t> days;
  in.get_array(days, n_dates);
  if (!in.ok || !std::is_sorted(days.begin(), days.end()) ||
      std::adjacent_find(days.begin(), days.end()) != days.end())
    return corrupt("unreadable calendar");
  const std::size_t array_bytes = sizeof(double) * n_dates;
  const auto n_columns = in.get<std::uint64_t>();
  const std::size_t data_bytes = bytes.size() - data_offset;
  if (!in.ok || (array_bytes > 0 && n_columns > data_bytes / array_bytes))
    return corrupt("unreadable columns");
  loaded.panel.calendar = calendar::TradingCalendar(to_dates(days));
  // The columns' metadata first; the arrays are checked (in parallel) and mapped after.
  struct Located {
    series::PanelColumn column;
    std::uint64_t sum = 0;
    std::size_t close_at = 0; // byte offsets into the data block
    std::size_t adj_at = k_not_stored;
  };
  std::vector<Located> columns;
  const Wanted wanted(request);
  std::size_t next_adj = static_cast<std::size_t>(n_columns) * array_bytes;
  for (std::uint64_t k = 0; in.ok && k < n_columns; ++k) {
    Located c;
    c.column.ticker = in.get_string();
    c.column.origin = in.get_string();
    const auto flags = in.get<std::uint64_t>();
    c.column.off_calendar_rows = in.get<std::uint64_t>();
    std::vector<std::int32_t> off;
    in.get_array(off, in.get<std::uint64_t>());
    c.sum = in.get<std::uint64_t>();
    c.close_at = static_cast<std::size_t>(k) * array_bytes;
    if ((flags & 2U) != 0) {
      c.adj_at = next_adj;
      next_adj += array_bytes;
    }
    if (!in.ok || !wanted(c.column.ticker))
      continue;
    c.column.has_adj_close = (flags & 1U) != 0;
    c.column.off_calendar_dates = to_dates(off);
    columns.push_back(std::move(c));
  }
  if (!in.ok || !in.at_end() || next_adj != data_bytes)
    return corrupt("unreadable columns");
  const char* data = bytes.data() + data_offset;
  const auto array_at = [&](std::size_t at) {
    return std::span<const double>(reinterpret_cast<const double*>(data + at), n_dates);
  };
  // Validated by checksum: every mapped column is read once here (about 0.1 s per 800 MB on
  // this machine, the pages coming from the page cache), in parallel.
  std::vector<char> bad(columns.size(), 0);
  const std::size_t threads = options.threads == 0 ? util::default_thread_count() : options.threads;
  util::parallel_for(columns.size(), threads, [&](std::size_t begin, std::size_t end) {
    for (std::size_t k = begin; k < end; ++k) {
      const auto& c = columns[k];
      const auto adj = c.adj_at == k_not_stored ? std::span<const double>{} : array_at(c.adj_at);
      bad[k] = column_checksum(array_at(c.close_at), adj) != c.sum ? 1 : 0;
    }
  });
  // One all-NaN array stands for every adj_close that was not stored.
  std::shared_ptr<const std::vector<double>> nan_block;
  for (std::size_t k = 0; k < columns.size(); ++k) {
    auto& c = columns[k];
    if (bad[k] != 0)
      return corrupt(fmt::format("checksum mismatch in the column of {}", c.column.ticker));
    c.column.close = series::PriceArray::view(array_at(c.close_at), map);
    if (c.adj_at != k_not_stored) {
      c.column.adj_close = series::PriceArray::view(array_at(c.adj_at), map);
    } else {
      if (nan_block == nullptr)
        nan_block = std::make_shared<const std::vector<double>>(
            n_dates, std::numeric_limits<double>::quiet_NaN());
      c.column.adj_close = series::PriceArray::view(*nan_block, nan_block);
    }
    loaded.panel.columns.push_back(std::move(c.column));
  }
  out.status = CacheStatus::hit;
  return out;
}

void write_panel_cache(const std::filesystem::path& cache,
                       const std::vector<std::filesystem::path>& files, const LoadOptions& options,
                       const std::string& market, const LoadedPanel& loaded) {
  const auto& panel = loaded.panel;
  const std::size_t n_dates = panel.calendar.size();
  Writer w;
  const auto sources = stamps(files);
  w.put<std::uint64_t>(sources.size());
  for (const auto& s : sources) {
    w.put_string(s.path);
    w.put<std::uint64_t>(s.size);
    w.put<std::int64_t>(s.mtime);
  }
  w.put(option_codes(options));
  w.put_string(market);
  w.put<std::uint64_t>(loaded.skipped_rows);
  w.put_strings(loaded.row_errors);
  w.put_strings(loaded.notes);
  w.put_strings(loaded.available);
  w.put<std::uint64_t>(n_dates);
  w.put_array(day_numbers(panel.calendar.dates()));
  w.put<std::uint64_t>(panel.columns.size());
  std::vector<char> store_adj(panel.columns.size(), 0);
  std::size_t n_adj = 0;
  for (std::size_t k = 0; k < panel.columns.size(); ++k) {
    const auto& column = panel.columns[k];
    if (column.close.size() != n_dates || column.adj_close.size() != n_dates)
      throw Error(fmt::format("panel column {} does not match the calendar", column.ticker),
                  "this is a bug in aftershock; please report it");
    store_adj[k] = all_nan(column.adj_close) ? 0 : 1;
    n_adj += store_adj[k] != 0 ? 1U : 0U;
    w.put_string(column.ticker);
    w.put_string(column.origin);
    w.put<std::uint64_t>((column.has_adj_close ? 1U : 0U) | (store_adj[k] != 0 ? 2U : 0U));
    w.put<std::uint64_t>(column.off_calendar_rows);
    w.put<std::uint64_t>(column.off_calendar_dates.size());
    w.put_array(day_numbers(column.off_calendar_dates));
    w.put<std::uint64_t>(column_checksum(
        column.close, store_adj[k] != 0 ? column.adj_close.span() : std::span<const double>{}));
  }
  const std::string& meta = w.bytes();
  const std::uint64_t data_offset =
      (k_header_size + meta.size() + k_data_align - 1) / k_data_align * k_data_align;
  const std::uint64_t size =
      data_offset + (panel.columns.size() + n_adj) * sizeof(double) * n_dates;
  std::string head(k_header_size, '\0');
  const std::uint32_t version = k_price_cache_version;
  const std::uint64_t meta_size = meta.size();
  const std::uint64_t sum = checksum(meta);
  std::memcpy(head.data(), k_magic.data(), 8);
  std::memcpy(head.data() + 8, &version, 4);
  std::memcpy(head.data() + 16, &size, 8);
  std::memcpy(head.data() + 24, &meta_size, 8);
  std::memcpy(head.data() + 32, &data_offset, 8);
  std::memcpy(head.data() + 40, &sum, 8);
  AtomicOutput out(cache);
  out.write(head.data(), head.size());
  out.write(meta.data(), meta.size());
  const std::string padding(data_offset - k_header_size - meta.size(), '\0');
  out.write(padding.data(), padding.size());
  for (const auto& column : panel.columns)
    out.write(column.close.data(), n_dates * sizeof(double));
  for (std::size_t k = 0; k < panel.columns.size(); ++k)
    if (store_adj[k] != 0)
      out.write(panel.columns[k].adj_close.data(), n_dates * sizeof(double));
  out.commit();
}

LoadedPanel load_panel_cached(const std::vector<std::filesystem::path>& paths,
                              const LoadOptions& options, const PanelRequest& request,
                              const std::filesystem::path& cache) {
  const auto files = expand_price_paths(paths);
  CacheRead read = read_panel_cache(cache, files, options, request);
  if (read.status == CacheStatus::hit) {
    read.loaded.notes.push_back(fmt::format("prices read from the panel cache {}", cache.string()));
    return std::move(read.loaded);
  }
  LoadedPanel loaded = load_panel(paths, options, {request.market, {}});
  if (loaded.panel.find(request.market) == nullptr)
    return loaded; // the study reports the missing market; nothing worth caching
  write_panel_cache(cache, files, options, request.market, loaded);
  if (!request.tickers.empty()) {
    const Wanted wanted(request);
    std::erase_if(loaded.panel.columns,
                  [&](const series::PanelColumn& column) { return !wanted(column.ticker); });
  }
  const std::string why =
      read.status == CacheStatus::missing
          ? std::string("it did not exist")
          : fmt::format("it was {}: {}", read.status == CacheStatus::stale ? "stale" : "corrupt",
                        read.reason);
  loaded.notes.push_back(
      fmt::format("panel cache {} written ({}); later runs read it", cache.string(), why));
  return loaded;
}

} // namespace aftershock::sources
