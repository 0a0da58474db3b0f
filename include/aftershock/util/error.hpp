#pragma once
// The one exception type that ends a command, and the exit-code categories it maps to.
// Expected failures (a bad row, an HTTP 429, a firm without enough data) are values, not
// exceptions: see result.hpp and the per-firm status codes of the study result.

#include <stdexcept>
#include <string>

namespace aftershock {

// Exit codes of the `aftershock` executable (documented in README.md).
enum class ExitCode : int {
  ok = 0,
  failure = 1, // data or runtime error: bad input file, network failure, no usable firm
  usage = 2,   // unknown option, bad option value, missing argument
  partial = 3, // completed, but some firm-events were dropped or some tickers failed (--strict)
};

// An error that ends the current command. Caught exactly once, in `cli::run`, which prints
// `aftershock: error: <what()>` and, when present, `hint: <hint()>` on the next line.
class Error : public std::runtime_error {
public:
  explicit Error(const std::string& message, std::string hint = {},
                 ExitCode code = ExitCode::failure)
      : std::runtime_error(message), m_hint(std::move(hint)), m_code(code) {}

  [[nodiscard]] const std::string& hint() const noexcept { return m_hint; }
  [[nodiscard]] ExitCode code() const noexcept { return m_code; }

private:
  std::string m_hint;
  ExitCode m_code;
};

// An error in the command line itself (exit code 2, usage line printed by the CLI).
class UsageError : public Error {
public:
  explicit UsageError(const std::string& message, std::string hint = {})
      : Error(message, std::move(hint), ExitCode::usage) {}
};

} // namespace aftershock
