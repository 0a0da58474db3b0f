#pragma once
// Writing an output file all at once: the text goes to a temporary file in the same folder,
// is flushed to disk and then renamed over the target, so a failed run never leaves a partial
// file behind.

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace aftershock::util {

// Writes `contents` to `path` atomically (temp file in the same folder, fsync, rename). On any
// failure the temporary file is removed and aftershock::Error is thrown naming `path` and the
// system's reason (e.g. a missing or read-only folder, a full disk), with a hint.
void write_file_atomically(const std::filesystem::path& path, std::string_view contents);

// Removes the temporary file of every AtomicFile not yet committed or destroyed (up to 16 at a
// time are tracked). Async-signal-safe (unlink only): for a fatal-signal handler that ends the
// process, so that no hidden temp file is left (cli/fault_handler.hpp). The files stay open.
void remove_uncommitted_temp_files() noexcept;

// An output file written in pieces (streaming output) and published atomically: the pieces go
// to a temporary file in the same folder; commit() flushes it to disk and renames it over
// `path`. Destroyed without a successful commit (an error), the temporary file is removed, so
// the target is never partial. Failures throw aftershock::Error as write_file_atomically.
class AtomicFile {
public:
  // How the text reaches the disk.
  enum class Caching {
    page_cache, // ordinary buffered writes
    // Large outputs (a 766 MB batch JSON): the text is staged in an aligned block and written
    // with O_DIRECT, skipping the kernel's copy into the page cache (~1.8 CPU-s for 766 MB on
    // the benchmark VM, against ~0.15 s); where the file system refuses O_DIRECT (tmpfs), the
    // page cache is used. Same bytes, same atomic publication.
    direct_when_possible,
  };

  explicit AtomicFile(std::filesystem::path path, Caching caching = Caching::page_cache);
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  ~AtomicFile();
  // Appends `text`. Every few MB written, the kernel is asked to start writing them to disk
  // (Linux: sync_file_range; direct mode: each 8 MB block is made durable with fdatasync), so
  // that commit()'s flush of a large file waits for little.
  void write(std::string_view text);
  // Flushes the file to disk and renames it over the target. Direct mode: a regular file it
  // replaces is held open over the rename and closed on a detached thread, so that freeing its
  // blocks does not hold up the caller.
  void commit();

private:
  std::filesystem::path m_path;
  Caching m_caching;
  std::string m_temp;
  int m_fd = -1;
  bool m_committed = false;
  std::size_t m_written = 0;  // bytes written so far (staged ones included)
  std::size_t m_flushing = 0; // bytes whose write-back was started (page cache)
  // Direct mode: an aligned block (huge pages where allowed) of 8 MB, m_staged bytes filled;
  // m_block null in page-cache mode.
  std::shared_ptr<void> m_block_memory;
  char* m_block = nullptr;
  std::size_t m_staged = 0;
  int m_pending = -1; // the slot of m_temp among the uncommitted temp files, or -1

  void write_through(const char* data, std::size_t size); // write(2) until done, or fail
  void write_block(std::size_t size);                     // the staged block (direct mode)
  void leave_direct_mode();                               // back to the page cache
};

} // namespace aftershock::util
