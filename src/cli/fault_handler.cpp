#include "fault_handler.hpp"

#include <aftershock/util/atomic_file.hpp>
#include <aftershock/util/error.hpp>
#include <aftershock/util/mapped_regions.hpp>

#include <array>
#include <atomic>
#include <csignal>
#include <cstring>
#include <string_view>
#include <unistd.h>

namespace aftershock::cli {
namespace {

// write(2) until done or failed: the only output a signal handler may use.
void write_all(std::string_view text) noexcept {
  while (!text.empty()) {
    const ::ssize_t n = ::write(STDERR_FILENO, text.data(), text.size());
    if (n <= 0)
      return;
    text.remove_prefix(static_cast<std::size_t>(n));
  }
}

void write_number(std::size_t value) noexcept {
  std::array<char, 24> digits{};
  std::size_t at = digits.size();
  do {
    digits[--at] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0 && at > 0);
  write_all({digits.data() + at, digits.size() - at});
}

extern "C" void on_bus_error(int signal, siginfo_t* info, void* /*context*/) {
  std::array<char, 1024> path{};
  std::size_t offset = 0;
  if (info != nullptr &&
      util::find_mapped_region(info->si_addr, path.data(), path.size(), offset)) {
    // Both workers may fault on the same file at once: the first one reports and ends the
    // process, the others wait for that.
    static std::atomic<bool> reported{false};
    if (reported.exchange(true))
      for (;;)
        ::pause();
    util::remove_uncommitted_temp_files(); // no hidden partial output left behind
    write_all("aftershock: error: ");
    write_all(path.data());
    write_all(" shrank while it was being read (its bytes from offset ");
    write_number(offset);
    write_all(" on are gone)\nhint: another program truncated or rewrote the file in place; let it "
              "finish, then run the command again\n");
    ::_exit(static_cast<int>(ExitCode::failure));
  }
  // Not one of our mapped inputs: the default action, as without this handler (the faulting
  // access runs again on return and faults again).
  struct sigaction fallback {};
  fallback.sa_handler = SIG_DFL;
  ::sigemptyset(&fallback.sa_mask);
  ::sigaction(signal, &fallback, nullptr);
}

} // namespace

void install_fault_handler() noexcept {
  struct sigaction action {};
  action.sa_sigaction = on_bus_error;
  action.sa_flags = SA_SIGINFO;
  ::sigemptyset(&action.sa_mask);
  ::sigaction(SIGBUS, &action, nullptr);
}

} // namespace aftershock::cli
