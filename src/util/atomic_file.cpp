#include <aftershock/util/atomic_file.hpp>
#include <aftershock/util/error.hpp>
#include <aftershock/util/huge_pages.hpp>
#include <aftershock/util/parse.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <new>
#include <string>
#include <sys/stat.h>
#include <system_error>
#include <thread>
#include <unistd.h>

#include "signal_safe_slots.hpp"

namespace aftershock::util {
namespace {

// Direct mode: the block staged between writes, and the alignment of its address, length and
// file offset (4096 covers the logical block size of the usual disks and file systems).
constexpr std::size_t k_direct_block = std::size_t{8} << 20;
constexpr std::size_t k_direct_alignment = 4096;

// Closes and removes the temporary file unless released (after a successful rename).
class TempFile {
public:
  TempFile(int fd, std::string path) : m_fd(fd), m_path(std::move(path)) {}
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    if (m_fd >= 0)
      ::close(m_fd);
    if (!m_released)
      ::unlink(m_path.c_str());
  }
  [[nodiscard]] int fd() const noexcept { return m_fd; }
  [[nodiscard]] const std::string& path() const noexcept { return m_path; }
  // Closes the descriptor; returns the errno of a failed close, 0 on success.
  int close() noexcept {
    const int rc = ::close(m_fd);
    m_fd = -1;
    return rc == 0 ? 0 : errno;
  }
  void release() noexcept { m_released = true; }

private:
  int m_fd;
  std::string m_path;
  bool m_released = false;
};

[[noreturn]] void fail(const std::filesystem::path& path, int error_number) {
  std::string hint = "check that the folder exists and is writable";
  if (error_number == ENOSPC || error_number == EDQUOT || error_number == EFBIG)
    hint = "free some disk space or write to another folder";
  else if (error_number == ENOTDIR)
    hint = "a part of the path is a file, not a folder; choose another output path";
  else if (error_number == EROFS)
    hint = "the file system is read-only; write to another folder";
  else if (error_number == ENOENT)
    hint = "create the folder first, or choose an existing one";
  throw Error(fmt::format("cannot write {}: {}", quote_for_message(path.string(), 4096),
                          std::strerror(error_number)),
              hint);
}

// The target `path` as it is before the rename, held open so that the rename does not free its
// blocks (ext4 took 12-20 ms for a 36 MB file replaced); -1 when it is not a regular file.
int open_replaced(const std::filesystem::path& path) {
  struct stat before {};
  if (::lstat(path.c_str(), &before) != 0 || !S_ISREG(before.st_mode))
    return -1; // nothing there, or a link, FIFO or device: never opened
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  if (fd < 0)
    return -1;
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// Closes the replaced file on a thread of its own, so that freeing its blocks overlaps what the
// process does next (or its exit, which waits for it); inline when no thread can be started.
void release_replaced(int fd) {
  if (fd < 0)
    return;
  try {
    std::thread([fd] { ::close(fd); }).detach();
  } catch (const std::system_error&) {
    ::close(fd);
  }
}

// The temporary files of the AtomicFiles not yet committed or destroyed, for
// remove_uncommitted_temp_files (a fatal-signal handler's clean-up). A path too long for a slot
// is not registered (unlinking a cut path would remove the wrong file).
using TempPath = std::array<char, 4096>;

detail::SignalSafeSlots<TempPath, 16>& pending_temps() noexcept {
  static detail::SignalSafeSlots<TempPath, 16> all;
  return all;
}

// The slot holding `path`, or -1 (no free slot, or a path too long: not registered).
int register_pending(const std::string& path) noexcept {
  if (path.size() >= TempPath{}.size())
    return -1;
  return pending_temps().add(
      [&](TempPath& slot) { std::memcpy(slot.data(), path.c_str(), path.size() + 1); });
}

} // namespace

AtomicFile::AtomicFile(std::filesystem::path path, Caching caching)
    : m_path(std::move(path)), m_caching(caching) {
  const auto folder = m_path.has_parent_path() ? m_path.parent_path() : std::filesystem::path(".");
  std::string pattern = (folder / ("." + m_path.filename().string() + ".tmp.XXXXXX")).string();
  const int fd = ::mkstemp(pattern.data());
  if (fd < 0)
    fail(m_path, errno);
  m_fd = fd;
  m_temp = pattern;
  m_pending = register_pending(m_temp);
  // mkstemp creates the file 0600; give it the usual permissions of a new file.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(m_fd, static_cast<mode_t>(0666) & ~mask);
#ifdef O_DIRECT
  if (caching == Caching::direct_when_possible) {
    // 2 MiB aligned, on huge pages where the kernel allows (4 page faults, not 2048).
    const int flags = ::fcntl(m_fd, F_GETFL);
    if (flags >= 0 && ::fcntl(m_fd, F_SETFL, flags | O_DIRECT) == 0) { // not on tmpfs
      try {
        m_block_memory = allocate_page_block(k_direct_block);
        m_block = static_cast<char*>(m_block_memory.get());
      } catch (const std::bad_alloc&) {
        leave_direct_mode(); // no block: the page cache
      }
    }
  }
#else
  static_cast<void>(caching);
#endif
}

AtomicFile::~AtomicFile() {
  pending_temps().remove(m_pending);
  TempFile temp(m_fd, m_temp); // closes and removes it unless committed
  if (m_committed)
    temp.release();
}

void AtomicFile::write_through(const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t written = ::write(m_fd, data, size);
    if (written < 0) {
      if (errno == EINTR)
        continue;
      fail(m_path, errno);
    }
    data += written;
    size -= static_cast<std::size_t>(written);
  }
}

void AtomicFile::leave_direct_mode() {
  const int flags = ::fcntl(m_fd, F_GETFL);
#ifdef O_DIRECT
  if (flags >= 0)
    ::fcntl(m_fd, F_SETFL, flags & ~O_DIRECT);
#endif
  m_block = nullptr;
  m_block_memory.reset();
  m_staged = 0;
}

void AtomicFile::write_block(std::size_t size) {
  // `size` is a multiple of the alignment (the tail is padded by commit()). A file system that
  // refuses the direct write (EINVAL) gets the same bytes through the page cache.
  const char* data = m_block;
  const std::size_t size_written = size;
  while (size > 0) {
    const ssize_t written = ::write(m_fd, data, size);
    if (written < 0) {
      if (errno == EINTR)
        continue;
      if (errno == EINVAL) {
        const std::string rest(data, size);
        leave_direct_mode();
        write_through(rest.data(), rest.size());
        return;
      }
      fail(m_path, errno);
    }
    data += written;
    size -= static_cast<std::size_t>(written);
    if (size > 0 && static_cast<std::size_t>(written) % k_direct_alignment != 0) {
      const std::string rest(data, size); // a short write off the alignment: finish buffered
      leave_direct_mode();
      write_through(rest.data(), rest.size());
      return;
    }
  }
  m_staged = 0;
  // Make each full block durable as it is written (on the writer thread of cli::BackgroundFile,
  // while the run computes): the device flush of commit()'s fsync then covers the last block
  // only. A 36 MB output: fsync 21-27 ms at the end without, 1-3 ms with (benchmark VM, ext4).
  // The padded tail is left to commit()'s fsync.
  if (size_written == k_direct_block && ::fdatasync(m_fd) != 0)
    fail(m_path, errno);
}

void AtomicFile::write(std::string_view text) {
  m_written += text.size();
  if (m_block) {
    while (!text.empty()) {
      const std::size_t n = std::min(text.size(), k_direct_block - m_staged);
      std::memcpy(m_block + m_staged, text.data(), n);
      m_staged += n;
      text.remove_prefix(n);
      if (m_staged == k_direct_block) {
        write_block(k_direct_block);
        if (!m_block) { // left direct mode: the rest through the page cache
          write_through(text.data(), text.size());
          return;
        }
      }
    }
    return;
  }
  write_through(text.data(), text.size());
#ifdef SYNC_FILE_RANGE_WRITE
  // Start the write-back of what was written since the last call, asynchronously: commit()'s
  // fsync of a 766 MB JSON then waits for the last few MB only (it took ~0.5 s at the end of
  // the run). Advisory: a failure is ignored here, fsync reports real errors.
  constexpr std::size_t k_flush_step = std::size_t{8} << 20;
  if (m_written - m_flushing >= k_flush_step) {
    ::sync_file_range(m_fd, static_cast<off_t>(m_flushing),
                      static_cast<off_t>(m_written - m_flushing), SYNC_FILE_RANGE_WRITE);
    m_flushing = m_written;
  }
#endif
}

void AtomicFile::commit() {
  if (m_block && m_staged > 0) {
    // The tail, padded to the alignment with zeros, then cut back to the text's length.
    const std::size_t padded =
        (m_staged + k_direct_alignment - 1) / k_direct_alignment * k_direct_alignment;
    std::memset(m_block + m_staged, 0, padded - m_staged);
    write_block(padded);
    if (::ftruncate(m_fd, static_cast<off_t>(m_written)) != 0)
      fail(m_path, errno);
  }
  if (::fsync(m_fd) != 0)
    fail(m_path, errno);
  const int rc = ::close(m_fd);
  m_fd = -1;
  if (rc != 0)
    fail(m_path, errno);
  const int replaced = m_caching == Caching::direct_when_possible ? open_replaced(m_path) : -1;
  if (::rename(m_temp.c_str(), m_path.c_str()) != 0) {
    const int error = errno;
    if (replaced >= 0)
      ::close(replaced);
    fail(m_path, error);
  }
  m_committed = true;
  pending_temps().remove(m_pending);
  release_replaced(replaced);
}

void remove_uncommitted_temp_files() noexcept {
  pending_temps().find([](const TempPath& path) {
    ::unlink(path.data());
    return false; // every one
  });
}

void write_file_atomically(const std::filesystem::path& path, std::string_view contents) {
  AtomicFile file(path);
  file.write(contents);
  file.commit();
}

} // namespace aftershock::util
