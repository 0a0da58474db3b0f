#include "background_file.hpp"

#include <utility>

namespace aftershock::cli {
namespace {

// Written buffers kept for reuse: enough for the pieces of a few chunks; more would only hold
// memory.
constexpr std::size_t k_max_free_buffers = 8;

} // namespace

BackgroundFile::BackgroundFile(std::filesystem::path path, std::size_t max_pending_bytes)
    : m_file(std::move(path), util::AtomicFile::Caching::direct_when_possible),
      m_max_pending(max_pending_bytes) {
  m_thread = std::thread([this] { run(); });
}

BackgroundFile::~BackgroundFile() {
  {
    const std::lock_guard lock(m_mutex);
    m_stop = true;
  }
  m_changed.notify_all();
  if (m_thread.joinable())
    m_thread.join();
}

void BackgroundFile::rethrow_locked() {
  if (m_error)
    std::rethrow_exception(m_error);
}

void BackgroundFile::write(std::vector<std::string> pieces) {
  std::unique_lock lock(m_mutex);
  rethrow_locked();
  m_changed.wait(lock, [&] { return m_pending <= m_max_pending || m_error; });
  rethrow_locked();
  for (auto& piece : pieces) {
    if (piece.empty())
      continue;
    m_pending += piece.size();
    m_queue.push_back(std::move(piece));
  }
  lock.unlock();
  m_changed.notify_all();
}

void BackgroundFile::write(std::string text) {
  std::vector<std::string> pieces;
  pieces.push_back(std::move(text));
  write(std::move(pieces));
}

std::string BackgroundFile::buffer() {
  const std::lock_guard lock(m_mutex);
  if (m_free.empty())
    return {};
  std::string out = std::move(m_free.back());
  m_free.pop_back();
  return out;
}

void BackgroundFile::commit() {
  {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] { return (m_queue.empty() && !m_busy) || m_error; });
    rethrow_locked();
    m_stop = true;
  }
  m_changed.notify_all();
  m_thread.join();
  m_file.commit();
}

void BackgroundFile::run() {
  std::unique_lock lock(m_mutex);
  for (;;) {
    m_changed.wait(lock, [&] { return !m_queue.empty() || m_stop; });
    if (m_stop)
      return;
    std::string piece = std::move(m_queue.front());
    m_queue.pop_front();
    m_busy = true;
    lock.unlock();
    const std::size_t size = piece.size();
    std::exception_ptr error;
    try {
      m_file.write(piece);
    } catch (...) {
      error = std::current_exception();
    }
    piece.clear();
    lock.lock();
    m_busy = false;
    m_pending -= size;
    if (error) {
      m_error = error;
      m_changed.notify_all();
      return;
    }
    if (m_free.size() < k_max_free_buffers)
      m_free.push_back(std::move(piece));
    m_changed.notify_all();
  }
}

} // namespace aftershock::cli
