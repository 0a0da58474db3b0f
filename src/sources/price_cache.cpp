// Binary cache of loaded price series (see price_cache.hpp). Layout, all little-endian as
// written by this machine, every block padded to 8 bytes:
//   header (32 bytes): magic "ASHPANEL", u32 version, u32 0, u64 file size, u64 checksum of the
//                      bytes after the header
//   manifest:          u64 n_files, per file (string path, u64 size, i64 mtime in ns)
//   options:           i64 date format (-1 = sniffed), i64 delimiter (-1 = sniffed), i64 bad-row
//   loaded:            u64 skipped rows, strings row errors, strings notes, u64 n_series, per
//                      series (string ticker, string origin, u64 n, u64 flags adj=1 volume=2,
//                      i32 days since 1970-01-01 [n], f64 close [n], f64 adj [n], f64 volume [n])
//   string = u64 length + bytes; strings = u64 count + string each.
#include <aftershock/sources/price_cache.hpp>
#include <aftershock/sources/price_file.hpp>
#include <aftershock/util/atomic_file.hpp>
#include <aftershock/util/error.hpp>

#include <fmt/format.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <string_view>
#include <sys/mman.h>
#include <sys/stat.h>
#include <type_traits>
#include <unistd.h>

namespace aftershock::sources {
namespace {

constexpr std::array<char, 8> k_magic{'A', 'S', 'H', 'P', 'A', 'N', 'E', 'L'};
constexpr std::size_t k_header_size = 32;

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
    std::memcpy(v.data(), m_bytes.data() + m_at, n * sizeof(T));
    m_at += n * sizeof(T);
    skip_pad();
  }
  [[nodiscard]] bool at_end() const noexcept { return m_at == m_bytes.size(); }
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
};

CacheRead corrupt(std::string reason) {
  CacheRead r;
  r.status = CacheStatus::corrupt;
  r.reason = std::move(reason);
  return r;
}

} // namespace

CacheRead read_price_cache(const std::filesystem::path& cache,
                           const std::vector<std::filesystem::path>& files,
                           const LoadOptions& options) {
  std::error_code ec;
  if (!std::filesystem::exists(cache, ec))
    return {};
  const Mapping map(cache);
  const std::string_view bytes = map.bytes();
  if (bytes.size() < k_header_size)
    return corrupt("shorter than its header");
  Reader header(bytes.substr(0, k_header_size));
  const auto magic = header.get<std::array<char, 8>>();
  const auto version = header.get<std::uint32_t>();
  (void)header.get<std::uint32_t>();
  const auto size = header.get<std::uint64_t>();
  const auto sum = header.get<std::uint64_t>();
  if (magic != k_magic)
    return corrupt("not an aftershock panel cache");
  if (version != k_price_cache_version)
    return corrupt(
        fmt::format("format version {} (this build reads {})", version, k_price_cache_version));
  if (size != bytes.size())
    return corrupt(fmt::format("size {} bytes, header says {}", bytes.size(), size));
  const std::string_view payload = bytes.substr(k_header_size);
  if (checksum(payload) != sum)
    return corrupt("checksum mismatch");

  Reader in(payload);
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
  LoadedPrices& loaded = out.loaded;
  loaded.skipped_rows = in.get<std::uint64_t>();
  const auto n_errors = in.get<std::uint64_t>();
  for (std::uint64_t k = 0; in.ok && k < n_errors; ++k)
    loaded.row_errors.push_back(in.get_string());
  const auto n_notes = in.get<std::uint64_t>();
  for (std::uint64_t k = 0; in.ok && k < n_notes; ++k)
    loaded.notes.push_back(in.get_string());
  const auto n_series = in.get<std::uint64_t>();
  for (std::uint64_t k = 0; in.ok && k < n_series; ++k) {
    series::PriceSeries s;
    s.ticker = in.get_string();
    s.origin = in.get_string();
    const auto n = in.get<std::uint64_t>();
    const auto flags = in.get<std::uint64_t>();
    std::vector<std::int32_t> days;
    in.get_array(days, n);
    in.get_array(s.close, n);
    if ((flags & 1U) != 0)
      in.get_array(s.adj_close, n);
    if ((flags & 2U) != 0)
      in.get_array(s.volume, n);
    s.dates.reserve(days.size());
    for (const auto d : days)
      s.dates.push_back(calendar::Date{std::chrono::days{d}});
    loaded.series.push_back(std::move(s));
  }
  if (!in.ok || !in.at_end())
    return corrupt("unreadable series");
  out.status = CacheStatus::hit;
  return out;
}

void write_price_cache(const std::filesystem::path& cache,
                       const std::vector<std::filesystem::path>& files, const LoadOptions& options,
                       const LoadedPrices& loaded) {
  Writer w;
  w.bytes().append(k_header_size, '\0');
  const auto sources = stamps(files);
  w.put<std::uint64_t>(sources.size());
  for (const auto& s : sources) {
    w.put_string(s.path);
    w.put<std::uint64_t>(s.size);
    w.put<std::int64_t>(s.mtime);
  }
  w.put(option_codes(options));
  w.put<std::uint64_t>(loaded.skipped_rows);
  w.put<std::uint64_t>(loaded.row_errors.size());
  for (const auto& e : loaded.row_errors)
    w.put_string(e);
  w.put<std::uint64_t>(loaded.notes.size());
  for (const auto& n : loaded.notes)
    w.put_string(n);
  w.put<std::uint64_t>(loaded.series.size());
  for (const auto& s : loaded.series) {
    w.put_string(s.ticker);
    w.put_string(s.origin);
    w.put<std::uint64_t>(s.dates.size());
    w.put<std::uint64_t>((s.adj_close.empty() ? 0U : 1U) | (s.volume.empty() ? 0U : 2U));
    std::vector<std::int32_t> days;
    days.reserve(s.dates.size());
    for (const auto d : s.dates)
      days.push_back(static_cast<std::int32_t>(d.time_since_epoch().count()));
    w.put_array(days);
    w.put_array(s.close);
    if (!s.adj_close.empty())
      w.put_array(s.adj_close);
    if (!s.volume.empty())
      w.put_array(s.volume);
  }
  std::string& bytes = w.bytes();
  const std::uint64_t size = bytes.size();
  const std::uint64_t sum = checksum(std::string_view(bytes).substr(k_header_size));
  const std::uint32_t version = k_price_cache_version;
  std::memcpy(bytes.data(), k_magic.data(), 8);
  std::memcpy(bytes.data() + 8, &version, 4);
  std::memcpy(bytes.data() + 16, &size, 8);
  std::memcpy(bytes.data() + 24, &sum, 8);
  util::write_file_atomically(cache, bytes);
}

LoadedPrices load_prices_cached(const std::vector<std::filesystem::path>& paths,
                                const LoadOptions& options, const std::filesystem::path& cache) {
  const auto files = expand_price_paths(paths);
  CacheRead read = read_price_cache(cache, files, options);
  if (read.status == CacheStatus::hit) {
    read.loaded.notes.push_back(fmt::format("prices read from the panel cache {}", cache.string()));
    return std::move(read.loaded);
  }
  LoadedPrices loaded = load_prices(paths, options);
  write_price_cache(cache, files, options, loaded);
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
