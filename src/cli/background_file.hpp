#pragma once
// An output file written by a background thread (issue 6): a streamed batch hands each rendered
// chunk over and goes on computing while the text is copied into the file, so the write calls
// (the kernel's page-cache copies of a 766 MB JSON) overlap the fits and the aggregation instead
// of stalling them. The file is a util::AtomicFile: written to a temporary file, renamed over
// the target by commit(), removed if the run ends without commit (never a partial output).

#include <aftershock/util/atomic_file.hpp>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace aftershock::cli {

class BackgroundFile {
public:
  // Opens the temporary file of `path` (errors as util::AtomicFile) and starts the writer
  // thread. write() waits while more than `max_pending_bytes` are queued, which bounds the
  // memory held by text not yet written.
  explicit BackgroundFile(std::filesystem::path path,
                          std::size_t max_pending_bytes = std::size_t{256} << 20);
  BackgroundFile(const BackgroundFile&) = delete;
  BackgroundFile& operator=(const BackgroundFile&) = delete;
  // Stops the thread (text still queued is dropped); without commit() the temporary file is
  // removed.
  ~BackgroundFile();

  // Queues `pieces` to be written in order after everything queued before. A failed earlier
  // write is rethrown here (aftershock::Error naming the file).
  void write(std::vector<std::string> pieces);
  void write(std::string text);
  // An empty string with the capacity of a buffer already written (or a new one): render the
  // next pieces into it, so their text needs no fresh pages.
  std::string buffer();
  // Waits until everything queued is written, then commits the file (flush, rename). Rethrows
  // a failed write.
  void commit();

private:
  void run();
  void rethrow_locked();

  util::AtomicFile m_file;
  std::size_t m_max_pending;
  std::mutex m_mutex;
  std::condition_variable m_changed;
  std::deque<std::string> m_queue;
  std::vector<std::string> m_free; // written buffers kept for reuse
  std::size_t m_pending = 0;       // bytes queued, not yet written
  bool m_busy = false;             // the thread is writing a piece taken off the queue
  bool m_stop = false;
  std::exception_ptr m_error;
  std::thread m_thread;
};

} // namespace aftershock::cli
