#pragma once
// A cpp-httplib server on 127.0.0.1 and a random free port, run on a background thread for the
// lifetime of the object. Register handlers on http() before start().

#include <httplib.h>

#include <string>
#include <thread>

namespace aftershock::test {

class LoopbackServer {
public:
  LoopbackServer() = default;
  ~LoopbackServer();
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  httplib::Server& http() noexcept { return m_server; }

  // Binds 127.0.0.1 (never another address) on a free port and starts serving; throws
  // std::runtime_error when it cannot bind.
  void start();
  // Stops serving and joins the thread (also done by the destructor).
  void stop();

  [[nodiscard]] int port() const noexcept { return m_port; }
  // "http://127.0.0.1:<port>"
  [[nodiscard]] std::string base_url() const;

private:
  httplib::Server m_server;
  std::thread m_thread;
  int m_port = 0;
};

} // namespace aftershock::test
