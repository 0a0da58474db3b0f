#include "run.hpp"

#include <aftershock/util/error.hpp>

#include <fmt/format.h>

#include <cstdio>
#include <exception>

namespace aftershock::cli {

int run(int argc, char** argv) {
  (void)argc;
  (void)argv;
  try {
    fmt::print("aftershock {}\n", AFTERSHOCK_VERSION);
    return 0;
  } catch (const Error& error) {
    fmt::print(stderr, "aftershock: error: {}\n", error.what());
    if (!error.hint().empty())
      fmt::print(stderr, "hint: {}\n", error.hint());
    return static_cast<int>(error.code());
  } catch (const std::exception& error) {
    fmt::print(stderr, "aftershock: error: {}\n", error.what());
    return 1;
  }
}

} // namespace aftershock::cli
