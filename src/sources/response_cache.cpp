#include <aftershock/sources/response_cache.hpp>

#include <nlohmann/json.hpp>

#include <atomic>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <sys/file.h>
#include <system_error>
#include <unistd.h>

namespace aftershock::sources {

namespace {

std::string hex64(std::uint64_t value) {
  static constexpr char k_digits[] = "0123456789abcdef";
  std::string text(16, '0');
  for (int i = 15; i >= 0; --i) {
    text[static_cast<std::size_t>(i)] = k_digits[value & 0xfU];
    value >>= 4U;
  }
  return text;
}

std::optional<std::string> read_all(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return std::nullopt;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad())
    return std::nullopt;
  return std::move(buffer).str();
}

// Writes `bytes` to a unique temp file next to `target`, fsyncs, then renames over `target`.
bool write_atomically(const std::filesystem::path& target, std::string_view bytes) {
  static std::atomic<unsigned> counter{0};
  auto temp = target;
  temp += ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++);
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    return false;
  std::size_t written = 0;
  while (written < bytes.size()) {
    const auto n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n <= 0) {
      ::close(fd);
      std::filesystem::remove(temp);
      return false;
    }
    written += static_cast<std::size_t>(n);
  }
  const bool synced = ::fsync(fd) == 0;
  const bool closed = ::close(fd) == 0;
  std::error_code error;
  if (synced && closed)
    std::filesystem::rename(temp, target, error);
  if (!synced || !closed || error) {
    std::filesystem::remove(temp, error);
    return false;
  }
  return true;
}

enum class LockMode { shared, exclusive };

// An advisory lock (flock) on `<stem>.lock`, held for the scope: exclusive while an entry is
// written or removed, shared while it is read, so a reader never pairs the metadata of one
// writer with the body of another (two processes filling one cache, issue 7).
class LockFile {
public:
  LockFile(const std::filesystem::path& path, LockMode mode)
      : m_fd(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644)) {
    if (m_fd >= 0 && ::flock(m_fd, mode == LockMode::shared ? LOCK_SH : LOCK_EX) != 0) {
      ::close(m_fd);
      m_fd = -1;
    }
  }
  ~LockFile() {
    if (m_fd >= 0) {
      ::flock(m_fd, LOCK_UN);
      ::close(m_fd);
    }
  }
  LockFile(const LockFile&) = delete;
  LockFile& operator=(const LockFile&) = delete;
  [[nodiscard]] bool locked() const noexcept { return m_fd >= 0; }

private:
  int m_fd;
};

} // namespace

ResponseCache::ResponseCache(std::filesystem::path directory) : m_directory(std::move(directory)) {}

std::uint64_t ResponseCache::fnv1a64(std::string_view bytes) noexcept {
  // FNV-1a, 64-bit offset basis and prime from draft-eastlake-fnv section 2.
  std::uint64_t hash = 14695981039346656037ULL;
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return hash;
}

std::filesystem::path ResponseCache::stem(std::string_view provider,
                                          std::string_view request) const {
  return m_directory / std::string(provider) / hex64(fnv1a64(request));
}

std::optional<CachedResponse> ResponseCache::load(std::string_view provider,
                                                  std::string_view request,
                                                  std::chrono::system_clock::time_point now,
                                                  std::optional<std::chrono::seconds> max_age,
                                                  CacheLookup& status) const {
  status = CacheLookup::miss;
  const auto base = stem(provider, request);
  auto meta_path = base;
  meta_path += ".json";
  auto body_path = base;
  body_path += ".body";
  if (!std::filesystem::exists(meta_path))
    return std::nullopt;
  auto lock_path = base;
  lock_path += ".lock";
  const LockFile lock(lock_path, LockMode::shared);
  const auto meta_text = read_all(meta_path);
  if (!meta_text)
    return std::nullopt;
  status = CacheLookup::corrupt;
  const auto meta = nlohmann::json::parse(*meta_text, nullptr, false);
  if (meta.is_discarded() || !meta.is_object())
    return std::nullopt;
  try {
    CachedResponse entry;
    entry.request = meta.at("request").get<std::string>();
    if (entry.request != request) {
      status = CacheLookup::miss; // a hash collision: a different request
      return std::nullopt;
    }
    entry.status = meta.at("status").get<long>();
    entry.content_type = meta.at("content_type").get<std::string>();
    entry.retrieved = std::chrono::system_clock::time_point(
        std::chrono::seconds(meta.at("retrieved_epoch").get<long long>()));
    const auto size = meta.at("size").get<std::size_t>();
    const auto checksum = meta.at("fnv1a64").get<std::string>();
    auto body = read_all(body_path);
    if (!body || body->size() != size || hex64(fnv1a64(*body)) != checksum)
      return std::nullopt;
    entry.body = std::move(*body);
    if (max_age && now - entry.retrieved > *max_age) {
      status = CacheLookup::expired;
      return std::nullopt;
    }
    status = CacheLookup::hit;
    return entry;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

bool ResponseCache::store(std::string_view provider, const CachedResponse& response) const {
  const auto base = stem(provider, response.request);
  std::error_code error;
  std::filesystem::create_directories(base.parent_path(), error);
  if (error)
    return false;
  auto lock_path = base;
  lock_path += ".lock";
  const LockFile lock(lock_path, LockMode::exclusive);
  if (!lock.locked())
    return false;
  const auto epoch =
      std::chrono::duration_cast<std::chrono::seconds>(response.retrieved.time_since_epoch())
          .count();
  const std::time_t seconds = static_cast<std::time_t>(epoch);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char iso[32] = {};
  std::strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%SZ", &utc);
  const nlohmann::json meta = {
      {"request", response.request},  {"provider", provider},
      {"status", response.status},    {"content_type", response.content_type},
      {"retrieved_utc", iso},         {"retrieved_epoch", epoch},
      {"size", response.body.size()}, {"fnv1a64", hex64(fnv1a64(response.body))},
  };
  auto body_path = base;
  body_path += ".body";
  auto meta_path = base;
  meta_path += ".json";
  // Body first, metadata last: a reader only trusts a body that matches the metadata.
  return write_atomically(body_path, response.body) && write_atomically(meta_path, meta.dump(2));
}

void ResponseCache::remove(std::string_view provider, std::string_view request) const {
  const auto base = stem(provider, request);
  auto lock_path = base;
  lock_path += ".lock";
  if (!std::filesystem::exists(base.parent_path()))
    return;
  const LockFile lock(lock_path, LockMode::exclusive);
  std::error_code error;
  for (const char* suffix : {".json", ".body"}) {
    auto path = base;
    path += suffix;
    std::filesystem::remove(path, error);
  }
}

std::filesystem::path ResponseCache::default_directory(const EnvLookup& getenv) {
  if (getenv) {
    if (auto dir = getenv("AFTERSHOCK_CACHE_DIR"); !dir.empty())
      return dir;
    if (auto xdg = getenv("XDG_CACHE_HOME"); !xdg.empty())
      return std::filesystem::path(xdg) / "aftershock";
    if (auto home = getenv("HOME"); !home.empty())
      return std::filesystem::path(home) / ".cache" / "aftershock";
  }
  return std::filesystem::temp_directory_path() / "aftershock-cache";
}

} // namespace aftershock::sources
