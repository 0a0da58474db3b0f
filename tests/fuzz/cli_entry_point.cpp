// The option parser as a fuzz entry point (issue 7); see entry_points.hpp.
//
// Containment: the run happens in a scratch folder (a copy of data/ inside it, so "@DATA@" and
// relative paths such as data/prices/NVDA.csv work); every provider base URL is set to a value
// make_quote_source refuses, so no request is ever sent; arguments that could select an output
// file (any prefix of --output, a short option group containing 'o'), absolute paths and ".."
// are dropped, so nothing is written outside the scratch folder. Inputs asking for a bootstrap of
// more than 999 replications are not run (valid, but minutes long under ASan).
#include <aftershock/util/error.hpp>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <streambuf>
#include <string>
#include <string_view>
#include <unistd.h>
#include <vector>

#include "entry_points.hpp"
#include "run.hpp"

namespace aftershock::fuzz {
namespace {

class NullBuffer final : public std::streambuf {
protected:
  int_type overflow(int_type c) override { return traits_type::not_eof(c); }
  std::streamsize xsputn(const char* /*s*/, std::streamsize n) override { return n; }
};

// Redirects std::cout and std::cerr to a null buffer for the scope.
class SilenceStreams {
public:
  SilenceStreams() : m_out(std::cout.rdbuf(&m_null)), m_err(std::cerr.rdbuf(&m_null)) {}
  ~SilenceStreams() {
    std::cout.rdbuf(m_out);
    std::cerr.rdbuf(m_err);
    std::cout.clear();
    std::cerr.clear();
  }
  SilenceStreams(const SilenceStreams&) = delete;
  SilenceStreams& operator=(const SilenceStreams&) = delete;

private:
  NullBuffer m_null;
  std::streambuf* m_out;
  std::streambuf* m_err;
};

bool may_write_or_escape(std::string_view arg) {
  if (arg.find("..") != std::string_view::npos || (!arg.empty() && arg.front() == '/'))
    return true;
  if (arg.size() >= 3 && arg.substr(0, 2) == "--") {
    const auto name = arg.substr(2, arg.find('=') == std::string_view::npos ? std::string_view::npos
                                                                            : arg.find('=') - 2);
    return std::string_view("output").substr(0, name.size()) == name || name == "cache-dir";
  }
  // A short option group ("-o", "-qo", "-ofile"): drop it when it could hold -o.
  return arg.size() >= 2 && arg.front() == '-' && arg[1] != '-' &&
         arg.find('o') != std::string_view::npos;
}

constexpr std::array<const char*, 5> k_variables{
    "AFTERSHOCK_YAHOO_BASE_URL", "AFTERSHOCK_STOOQ_BASE_URL", "AFTERSHOCK_ALPHAVANTAGE_BASE_URL",
    "AFTERSHOCK_SEC_BASE_URL", "AFTERSHOCK_CACHE_DIR"};

// The scratch folder (a copy of data/), created once per process and removed at exit.
struct ScratchDir {
  explicit ScratchDir(const char* data_dir)
      : path(std::filesystem::temp_directory_path() /
             ("aftershock-fuzz-cli-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
    std::filesystem::copy(data_dir, path / "data", std::filesystem::copy_options::recursive);
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  std::filesystem::path path;
};

const std::filesystem::path& scratch_dir(const char* data_dir) {
  static const ScratchDir scratch(data_dir);
  return scratch.path;
}

// For the scope: the scratch folder is the working directory, every provider base URL is one
// make_quote_source refuses (no request is ever sent) and the cache is inside the scratch
// folder. The previous directory and variables are restored afterwards (the replay tests share
// the process with other tests).
class Containment {
public:
  explicit Containment(const std::filesystem::path& scratch)
      : m_previous_dir(std::filesystem::current_path()) {
    for (std::size_t i = 0; i < k_variables.size(); ++i) {
      const char* value = std::getenv(k_variables[i]);
      m_previous[i] = value == nullptr ? std::nullopt : std::optional<std::string>(value);
      const std::string replacement = i + 1 == k_variables.size() ? (scratch / "cache").string()
                                                                  : std::string("fuzz-no-network:");
      ::setenv(k_variables[i], replacement.c_str(), 1);
    }
    std::filesystem::current_path(scratch);
  }
  ~Containment() {
    std::error_code ignored;
    std::filesystem::current_path(m_previous_dir, ignored);
    for (std::size_t i = 0; i < k_variables.size(); ++i) {
      if (m_previous[i])
        ::setenv(k_variables[i], m_previous[i]->c_str(), 1);
      else
        ::unsetenv(k_variables[i]);
    }
  }
  Containment(const Containment&) = delete;
  Containment& operator=(const Containment&) = delete;

private:
  std::filesystem::path m_previous_dir;
  std::array<std::optional<std::string>, k_variables.size()> m_previous;
};

} // namespace

void run_cli_args(const std::uint8_t* data, std::size_t size, const char* data_dir) {
  const auto& scratch = scratch_dir(data_dir);
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> args{"aftershock"};
  std::size_t start = 0;
  while (start <= text.size() && args.size() < 64) {
    auto end = text.find_first_of(std::string_view("\0\n", 2), start);
    if (end == std::string_view::npos)
      end = text.size();
    std::string arg(text.substr(start, end - start));
    for (auto at = arg.find("@DATA@"); at != std::string::npos; at = arg.find("@DATA@"))
      arg.replace(at, 6, "data");
    if (may_write_or_escape(arg))
      return; // not run at all: dropping one argument would shift the others' meaning
    args.push_back(std::move(arg));
    start = end + 1;
  }
  // A bootstrap of up to 10^6 replications is valid but takes minutes under ASan: inputs asking
  // for more than 999 are not run (the option's range check is still fuzzed with small values).
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (args[i].rfind("--b", 0) != 0)
      continue;
    const auto equals = args[i].find('=');
    const std::string value = equals != std::string::npos ? args[i].substr(equals + 1)
                              : i + 1 < args.size()       ? args[i + 1]
                                                          : std::string();
    if (std::count_if(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }) > 3)
      return;
  }
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (auto& arg : args)
    argv.push_back(arg.data());
  argv.push_back(nullptr);
  const Containment contained(scratch);
  const SilenceStreams silence;
  const int code = cli::run(static_cast<int>(args.size()), argv.data());
  // Exit codes are documented as 0 (success), 1 (failure), 2 (usage), 3 (some tickers failed).
  if (code < 0 || code > 3)
    std::abort();
}

} // namespace aftershock::fuzz
