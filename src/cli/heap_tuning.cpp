#include "heap_tuning.hpp"

#include <aftershock/util/huge_pages.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <unistd.h>
#include <vector>

#include "config_file.hpp"

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer) ||                         \
    __has_feature(thread_sanitizer)
#define AFTERSHOCK_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define AFTERSHOCK_SANITIZED 1
#endif

namespace aftershock::cli {

namespace {

// The bytes of the regular files in `folder` (not recursive).
std::uintmax_t folder_bytes(const std::filesystem::path& folder) {
  std::uintmax_t total = 0;
  std::error_code error;
  for (std::filesystem::directory_iterator it(folder, error), end; !error && it != end;
       it.increment(error)) {
    std::error_code size_error;
    if (it->is_regular_file(size_error)) {
      const auto size = it->file_size(size_error);
      if (!size_error)
        total += size;
    }
  }
  return total;
}

std::uintmax_t path_bytes(const std::filesystem::path& path) {
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (error)
    return 0;
  if (std::filesystem::is_regular_file(status)) {
    const auto size = std::filesystem::file_size(path, error);
    return error ? 0 : size;
  }
  if (std::filesystem::is_directory(status))
    return folder_bytes(path) + folder_bytes(path / "prices");
  return 0;
}

} // namespace

std::uintmax_t study_input_bytes(std::span<const std::string_view> args) {
  std::vector<std::string_view> paths;
  bool data_given = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    for (const std::string_view option :
         {std::string_view("--data"), std::string_view("--events")}) {
      const std::string_view arg = args[i];
      std::optional<std::string_view> value;
      if (arg == option && i + 1 < args.size())
        value = args[i + 1];
      else if (arg.size() > option.size() && arg.starts_with(option) && arg[option.size()] == '=')
        value = arg.substr(option.size() + 1);
      if (!value)
        continue;
      paths.push_back(*value);
      data_given = data_given || option == "--data";
    }
  }
  if (!data_given)
    paths.emplace_back("data");
  std::uintmax_t total = 0;
  for (const auto path : paths)
    total += path_bytes(std::filesystem::path(path));
  return total;
}

std::vector<std::string>
config_study_inputs(std::span<const std::string> args,
                    const std::function<std::string(std::string_view)>& getenv) {
  const auto given = [&](std::string_view option) {
    return std::any_of(args.begin(), args.end(), [&](const std::string& arg) {
      return arg == option ||
             (arg.size() > option.size() && arg.starts_with(option) && arg[option.size()] == '=');
    });
  };
  std::vector<std::string> out;
  try {
    const auto path = config_file_path(args, getenv);
    if (!path)
      return out;
    const ConfigFile config = read_config_file(*path);
    for (const std::string_view key : {std::string_view("data"), std::string_view("events")}) {
      const std::string option = "--" + std::string(key);
      if (given(option))
        continue; // the command line wins (apply_config)
      for (const auto& entry : config.entries)
        if ((entry.section == "study" || entry.section.empty()) && entry.key == key) {
          out.push_back(option);
          out.push_back(entry.value);
        }
    }
  } catch (const std::exception&) {
    out.clear(); // the study reports a bad file; here it only means no guess from it
  }
  return out;
}

std::optional<std::string> with_heap_tunables(std::string_view current) {
  // GLIBC_TUNABLES is name=value[:name=value...] (glibc manual, "Tunables").
  const auto is_set = [current](std::string_view name) {
    std::size_t start = 0;
    while (start <= current.size()) {
      const std::size_t end = std::min(current.find(':', start), current.size());
      const std::string_view item = current.substr(start, end - start);
      if (item.substr(0, item.find('=')) == name)
        return true;
      start = end + 1;
    }
    return false;
  };
  std::string tuned(current);
  bool added = false;
  for (const auto& [name, value] : k_heap_tunables) {
    if (is_set(name))
      continue;
    if (!tuned.empty())
      tuned += ':';
    tuned += name;
    tuned += '=';
    tuned += value;
    added = true;
  }
  if (!added)
    return std::nullopt;
  return tuned;
}

util::HugePages huge_pages_setting(const char* value) {
  const std::string_view text = value == nullptr ? std::string_view() : std::string_view(value);
  if (text == "0")
    return util::HugePages::off;
  if (text == "1")
    return util::HugePages::on;
  return util::HugePages::automatic;
}

void tune_heap(char** argv) {
#if defined(__linux__) && defined(__GLIBC__) && !defined(AFTERSHOCK_SANITIZED) &&                  \
    (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 35))
  constexpr const char* k_marker = "AFTERSHOCK_HEAP_TUNED";
  if (std::getenv(k_marker) != nullptr) {
    util::populate_heap_head(); // the re-executed process: its heap is on huge pages but the head
    return;
  }
  if (!util::huge_pages_enabled())
    return; // AFTERSHOCK_HEAP_HUGE_PAGES=0, or a machine that reports free pages to its host
  if (huge_pages_setting(std::getenv("AFTERSHOCK_HEAP_HUGE_PAGES")) != util::HugePages::on) {
    std::vector<std::string> given;
    for (char** arg = argv + 2; argv[1] != nullptr && *arg != nullptr; ++arg)
      given.emplace_back(*arg);
    const auto from_config = config_study_inputs(given, [](std::string_view name) {
      const char* value = std::getenv(std::string(name).c_str());
      return value == nullptr ? std::string() : std::string(value);
    });
    std::vector<std::string_view> args(given.begin(), given.end());
    args.insert(args.end(), from_config.begin(), from_config.end());
    if (study_input_bytes(args) < k_huge_pages_min_input)
      return; // a small study: a second process start costs more than huge pages save
  }
  const char* found = std::getenv("GLIBC_TUNABLES");
  const std::optional<std::string> current =
      found == nullptr ? std::nullopt : std::optional<std::string>(found);
  const auto tuned = with_heap_tunables(current.value_or(""));
  if (!tuned)
    return;
  if (::setenv(k_marker, "1", 1) != 0 || ::setenv("GLIBC_TUNABLES", tuned->c_str(), 1) != 0)
    return;
  ::execv("/proc/self/exe", argv);
  // The exec failed (no /proc, say): run untuned, with the environment as it was.
  if (current)
    ::setenv("GLIBC_TUNABLES", current->c_str(), 1);
  else
    ::unsetenv("GLIBC_TUNABLES");
  ::unsetenv(k_marker);
#else
  static_cast<void>(argv);
#endif
}

} // namespace aftershock::cli
