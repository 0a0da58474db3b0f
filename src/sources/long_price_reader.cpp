// Fast path for large long-format price files: mmap, chunked parallel parse, no per-row
// allocation. Anything unusual returns nullopt and the general reader takes over (it has the
// messages), so results never depend on which reader ran.
#include <aftershock/calendar/date.hpp>
#include <aftershock/sources/long_price_reader.hpp>
#include <aftershock/util/error.hpp>
#include <aftershock/util/parallel_for.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unordered_map>
#include <vector>

namespace aftershock::sources {
namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

// A read-only private mapping of a whole file.
class MappedFile {
public:
  explicit MappedFile(const std::filesystem::path& path) {
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
    void* p = ::mmap(nullptr, m_size, PROT_READ, MAP_PRIVATE, m_fd, 0);
    if (p == MAP_FAILED) {
      ::close(m_fd);
      throw Error(
          fmt::format("{}: cannot map into memory ({})", path.string(), std::strerror(errno)),
          "check the available memory and the file system");
    }
    ::madvise(p, m_size, MADV_SEQUENTIAL);
    m_data = static_cast<const char*>(p);
  }
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile() {
    if (m_data != nullptr)
      ::munmap(const_cast<char*>(m_data), m_size);
    if (m_fd >= 0)
      ::close(m_fd);
  }
  [[nodiscard]] std::string_view text() const noexcept { return {m_data, m_size}; }

private:
  int m_fd = -1;
  const char* m_data = nullptr;
  std::size_t m_size = 0;
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

// "YYYY-MM-DD" with fixed positions; the calendar check is calendar::parse_iso_date's.
std::optional<calendar::Date> parse_date(std::string_view s) noexcept {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-')
    return std::nullopt;
  return calendar::parse_iso_date(s);
}

// A whole field as a finite double (the general reader's rule, minus blanks and '+', which
// send the file to the general reader).
bool parse_number(std::string_view s, double& out) noexcept {
  if (s.empty())
    return false;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size() && std::isfinite(out);
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

// The rows of one chunk, column-wise.
struct Chunk {
  std::vector<std::string_view> tickers; // local id -> ticker text (views into the mapping)
  std::vector<std::uint32_t> ticker;     // per row
  std::vector<calendar::Date> date;
  std::vector<double> close;
  std::vector<double> adj_close; // when the layout has it
  std::vector<double> volume;    // when the layout has it
  bool ok = true;
};

struct ViewHash {
  std::size_t operator()(std::string_view s) const noexcept {
    return std::hash<std::string_view>{}(s);
  }
};

// Parses the complete lines in `text`; stops with ok = false at the first unusual line.
void parse_chunk(std::string_view text, Layout layout, Chunk& chunk) {
  const std::size_t expected_rows = text.size() / 24 + 16;
  chunk.ticker.reserve(expected_rows);
  chunk.date.reserve(expected_rows);
  chunk.close.reserve(expected_rows);
  if (layout.adj_close)
    chunk.adj_close.reserve(expected_rows);
  if (layout.volume)
    chunk.volume.reserve(expected_rows);
  std::unordered_map<std::string_view, std::uint32_t, ViewHash> ids;
  std::string_view last_ticker;
  std::uint32_t last_id = 0;
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p < end) {
    const char* eol =
        static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
    if (eol == nullptr)
      eol = end;
    const std::string_view line(p, static_cast<std::size_t>(eol - p));
    p = eol + 1;
    // date
    const std::size_t c1 = line.find(',');
    if (c1 == std::string_view::npos) {
      chunk.ok = false;
      return;
    }
    const auto date = parse_date(line.substr(0, c1));
    const std::size_t c2 = line.find(',', c1 + 1);
    if (!date || c2 == std::string_view::npos) {
      chunk.ok = false;
      return;
    }
    const std::string_view ticker = line.substr(c1 + 1, c2 - c1 - 1);
    std::size_t c3 = line.find(',', c2 + 1);
    const std::string_view close_text =
        line.substr(c2 + 1, c3 == std::string_view::npos ? std::string_view::npos : c3 - c2 - 1);
    double close = 0.0;
    if (!parse_number(close_text, close) || !(close > 0.0)) {
      chunk.ok = false;
      return;
    }
    double adj = k_nan;
    double volume = k_nan;
    if (layout.adj_close) {
      if (c3 == std::string_view::npos) {
        chunk.ok = false;
        return;
      }
      const std::size_t c4 = line.find(',', c3 + 1);
      const std::string_view adj_text =
          line.substr(c3 + 1, c4 == std::string_view::npos ? std::string_view::npos : c4 - c3 - 1);
      if (!adj_text.empty() && (!parse_number(adj_text, adj) || !(adj > 0.0))) {
        chunk.ok = false;
        return;
      }
      c3 = c4;
      if (layout.volume) {
        if (c4 == std::string_view::npos) {
          chunk.ok = false;
          return;
        }
        const std::string_view volume_text = line.substr(c4 + 1);
        if (volume_text.find(',') != std::string_view::npos ||
            (!volume_text.empty() && (!parse_number(volume_text, volume) || volume < 0.0))) {
          chunk.ok = false;
          return;
        }
        c3 = std::string_view::npos;
      }
    }
    if (c3 != std::string_view::npos) { // more fields than the header
      chunk.ok = false;
      return;
    }
    std::uint32_t id = last_id;
    if (ticker != last_ticker || chunk.tickers.empty()) {
      const auto it = ids.find(ticker);
      if (it != ids.end()) {
        id = it->second;
      } else {
        if (!valid_ticker(ticker)) {
          chunk.ok = false;
          return;
        }
        id = static_cast<std::uint32_t>(chunk.tickers.size());
        ids.emplace(ticker, id);
        chunk.tickers.push_back(ticker);
      }
      last_ticker = ticker;
      last_id = id;
    }
    chunk.ticker.push_back(id);
    chunk.date.push_back(*date);
    chunk.close.push_back(close);
    if (layout.adj_close)
      chunk.adj_close.push_back(adj);
    if (layout.volume)
      chunk.volume.push_back(volume);
  }
}

} // namespace

std::optional<PriceFile> read_long_prices_fast(const std::filesystem::path& path,
                                               const LoadOptions& options,
                                               const FastLongOptions& fast) {
  if ((options.delimiter && *options.delimiter != ',') ||
      (options.date_format && *options.date_format != calendar::DateFormat::iso))
    return std::nullopt;
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec || size < fast.min_bytes)
    return std::nullopt;
  auto file = std::make_unique<MappedFile>(path);
  const std::string_view text = file->text();
  // Quotes, carriage returns, blank lines and NUL bytes are the general reader's business.
  if (text.empty() || text.find('"') != std::string_view::npos ||
      text.find('\r') != std::string_view::npos || text.find("\n\n") != std::string_view::npos ||
      text.find('\0') != std::string_view::npos || text.back() != '\n')
    return std::nullopt;
  const std::size_t header_end = text.find('\n');
  const auto layout = header_layout(text.substr(0, header_end));
  if (!layout)
    return std::nullopt;
  const std::string_view body = text.substr(header_end + 1);
  if (body.empty())
    return std::nullopt;

  // Split the body at line starts, one chunk per thread.
  const std::size_t threads =
      std::max<std::size_t>(1, fast.threads == 0 ? util::default_thread_count() : fast.threads);
  std::vector<std::size_t> bounds{0};
  for (std::size_t c = 1; c < threads; ++c) {
    std::size_t at = body.size() * c / threads;
    at = std::max(at, bounds.back());
    const std::size_t nl = body.find('\n', at == 0 ? 0 : at - 1);
    bounds.push_back(nl == std::string_view::npos ? body.size() : nl + 1);
  }
  bounds.push_back(body.size());
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
    for (const auto name : chunks[c].tickers) {
      const auto [it, inserted] = global.emplace(name, static_cast<std::uint32_t>(names.size()));
      if (inserted)
        names.emplace_back(name);
      to_global[c].push_back(it->second);
    }
  global.clear();
  for (auto& chunk : chunks)
    chunk.tickers.clear();
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
    chunk = Chunk{}; // release the chunk's rows early
  }
  std::sort(series.begin(), series.end(),
            [](const auto& a, const auto& b) { return a.ticker < b.ticker; });
  PriceFile out;
  out.series = std::move(series);
  return out;
}

} // namespace aftershock::sources
