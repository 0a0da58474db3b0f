#include "support/loopback_server.hpp"

#include <chrono>
#include <stdexcept>

namespace aftershock::test {

LoopbackServer::~LoopbackServer() {
  stop();
}

void LoopbackServer::start() {
  m_server.set_keep_alive_max_count(1); // no idle keep-alive workers delaying stop()
  m_port = m_server.bind_to_any_port("127.0.0.1");
  if (m_port <= 0)
    throw std::runtime_error("loopback server: cannot bind 127.0.0.1");
  m_thread = std::thread([this] { m_server.listen_after_bind(); });
  while (!m_server.is_running())
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

void LoopbackServer::stop() {
  if (m_thread.joinable()) {
    m_server.stop();
    m_thread.join();
  }
}

std::string LoopbackServer::base_url() const {
  return "http://127.0.0.1:" + std::to_string(m_port);
}

} // namespace aftershock::test
