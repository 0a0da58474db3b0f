#include "run.hpp"

#include <aftershock/util/error.hpp>
#include <aftershock/util/parse.hpp>

#include <fmt/format.h>

#include <array>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <iostream>
#include <optional>
#include <poll.h>
#include <span>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

#include "arguments.hpp"
#include "command.hpp"
#include "commands.hpp"
#include "config_file.hpp"
#include "download_command.hpp"
#include "fault_handler.hpp"
#include "heap_tuning.hpp"
#include "inspect_command.hpp"

namespace aftershock::cli {
namespace {

constexpr std::string_view k_general_usage = "usage: aftershock <command> [options]";

int run_help(const std::vector<std::string>& args, CommandContext& context);

const auto k_commands = std::to_array<Command>({
    {"study", "run an event study: abnormal returns, tests, market value", run_study,
     "usage: aftershock study --event DATE|NAME [--data PATH]... [options]", study_options},
    {"events", "list the named events (deepseek, ...)", run_events,
     "usage: aftershock events [--format table|json|markdown] [-o FILE]", events_options},
    {"download", "fetch daily prices from a quote API into CSV files (uses the network)",
     run_download, "usage: aftershock download --source NAME TICKER... --from DATE --to DATE",
     download_options, "TICKER..."},
    {"inspect", "show what the CSV sniffer detects in a file", run_inspect,
     "usage: aftershock inspect FILE [options]", inspect_options, "FILE..."},
    {"report", "render a saved JSON result again (markdown, csv, latex, table)", run_report,
     "usage: aftershock report RESULT.json [--format FORMAT] [--table TABLE] [--columns A,B,...]",
     report_options, "RESULT.json"},
    {"merge", "merge the shard files of study --events --shard K/N into one report", run_merge,
     "usage: aftershock merge SHARD... [--format FORMAT] [-o FILE]", merge_options, "SHARD..."},
    {"completion", "print a bash or zsh completion script", run_completion,
     "usage: aftershock completion bash|zsh", nullptr, "bash|zsh"},
    {"man", "print the manual page (roff)", run_man, "usage: aftershock man", nullptr},
    {"help", "show the help of a command", run_help, "usage: aftershock help [COMMAND]", nullptr,
     "COMMAND"},
});

const Command* find_command(std::string_view name) {
  for (const auto& command : k_commands)
    if (command.name == name)
      return &command;
  return nullptr;
}

void print_general_help(std::ostream& out) {
  out << "aftershock " << AFTERSHOCK_VERSION
      << ": what a market event did to stock prices and market value\n\n"
      << k_general_usage << "\n\nCommands:\n";
  for (const auto& command : k_commands)
    out << fmt::format("  {:<10} {}\n", command.name, command.summary);
  out << "\nRun 'aftershock help <command>' or 'aftershock <command> --help' for its options.\n"
      << "Quick start: aftershock study --event deepseek\n";
}

int run_help(const std::vector<std::string>& args, CommandContext& context) {
  if (args.empty()) {
    print_general_help(context.out);
    return 0;
  }
  if (args.size() > 1)
    throw UsageError("help takes one command name");
  const auto* command = find_command(args.front());
  if (command == nullptr || command->name == "help")
    throw UsageError(fmt::format("unknown command {}", util::quote_for_message(args.front())),
                     "run 'aftershock --help' for the list of commands");
  return command->run({"--help"}, context);
}

std::string read_env(std::string_view name) {
  const char* value = std::getenv(std::string(name).c_str());
  return value == nullptr ? std::string{} : std::string(value);
}

bool takes_config(const Command& command) {
  if (command.options == nullptr)
    return false;
  const auto options = command.options();
  return options.find_nothrow("config", false) != nullptr;
}

// The configuration file for `command`: --config FILE, else the default file when it exists;
// none with --no-config or for commands without --config. Warns on `err` when a file holding
// API keys is readable by group or others.
std::optional<ConfigFile> load_config(const Command& command, const std::vector<std::string>& args,
                                      std::ostream& err) {
  if (!takes_config(command))
    return std::nullopt;
  const auto found = config_file_path(args, read_env);
  if (!found)
    return std::nullopt;
  const std::string& path = *found;
  auto config = read_config_file(path);
  std::vector<CommandOptions> commands;
  std::vector<boost::program_options::options_description> descriptions;
  descriptions.reserve(k_commands.size());
  for (const auto& c : k_commands)
    if (takes_config(c))
      descriptions.push_back(c.options());
  std::size_t next = 0;
  for (const auto& c : k_commands)
    if (takes_config(c))
      commands.push_back({c.name, &descriptions[next++]});
  validate_config(config, commands);
  struct stat info {};
  if (holds_keys(config) && ::stat(path.c_str(), &info) == 0 &&
      (info.st_mode & (S_IRGRP | S_IROTH)) != 0)
    err << "aftershock: warning: " << path
        << " holds API keys and is readable by group or others; run: chmod 600 " << path << "\n";
  return config;
}

// A bad option value that came from the configuration file (not from the command line) is
// reported with the file, line and key it came from.
const Error& with_config_origin(const Error& error, const ConfigFile* config,
                                const Command* command, const std::vector<std::string>& args,
                                std::optional<Error>& storage) {
  const auto* bad = dynamic_cast<const BadValueError*>(&error);
  if (bad == nullptr || config == nullptr || command == nullptr)
    return error;
  const auto word = "--" + bad->option();
  for (const auto& arg : args)
    if (arg == word || arg.rfind(word + "=", 0) == 0)
      return error;
  const auto* entry = find_config_entry(*config, command->name, bad->option());
  if (entry == nullptr)
    return error;
  storage.emplace(fmt::format("{} line {}: key {}: {}", config->path, entry->line,
                              util::quote_for_message(entry->key), error.what()),
                  "fix the value in the configuration file, or override it on the command line",
                  ExitCode::usage);
  return *storage;
}

int report_error(const Error& error, const Command* command) {
  std::cout.flush();
  std::cerr << "aftershock: error: " << error.what() << "\n";
  const bool usage = error.code() == ExitCode::usage;
  if (usage)
    std::cerr << (command != nullptr ? command->usage : k_general_usage) << "\n";
  if (!error.hint().empty())
    std::cerr << "hint: " << error.hint() << "\n";
  else if (usage && command != nullptr)
    std::cerr << "hint: run 'aftershock " << command->name << " --help' for its options\n";
  return static_cast<int>(error.code());
}

// True when stdout is a pipe whose reading end is closed (`aftershock ... | head`): Linux
// reports POLLERR on the writing end then.
bool stdout_reader_gone() {
  pollfd probe{STDOUT_FILENO, POLLOUT, 0};
  return ::poll(&probe, 1, 0) == 1 && (probe.revents & POLLERR) != 0;
}

// Ends the run after stdout was written: a reader that went away (broken pipe) is success.
int finish(int code) {
  errno = 0;
  std::cout.flush();
  if (std::cout.fail()) {
    // The failing write may have happened before this flush, its errno long overwritten (stdio
    // drops the buffer after an error): one more byte on the already broken output recovers the
    // reason (ENOSPC on a full disk, EPIPE for a reader gone).
    if (errno == 0 && ::write(STDOUT_FILENO, "\n", 1) == 1)
      errno = 0;
    if (errno == EPIPE || stdout_reader_gone())
      return 0;
    std::cerr << "aftershock: error: cannot write to standard output"
              << (errno != 0 ? std::string(": ") + std::strerror(errno) : std::string()) << "\n";
    return static_cast<int>(ExitCode::failure);
  }
  return code;
}

} // namespace

std::span<const Command> command_list() {
  return k_commands;
}

int run(int argc, char** argv) {
  // A closed pipe must not kill the process; write errors are checked in finish().
  std::signal(SIGPIPE, SIG_IGN);
  const std::vector<std::string> args(argv + 1, argv + argc);
  CommandContext context{std::cout, std::cerr};
  context.stdout_is_terminal = ::isatty(STDOUT_FILENO) != 0;
  context.stderr_is_terminal = ::isatty(STDERR_FILENO) != 0;
  context.no_color = !read_env("NO_COLOR").empty();
  context.getenv = read_env;

  const Command* command = nullptr;
  std::optional<ConfigFile> config;
  try {
    if (args.empty() || args.front() == "--help" || args.front() == "-h") {
      print_general_help(context.out);
      return finish(0);
    }
    if (args.front() == "--version" || args.front() == "-V") {
      context.out << "aftershock " << AFTERSHOCK_VERSION << "\n";
      return finish(0);
    }
    const auto* found = find_command(args.front());
    if (found == nullptr) {
      const bool is_option = args.front().rfind('-', 0) == 0;
      throw UsageError(fmt::format("unknown {} {}", is_option ? "option" : "command",
                                   util::quote_for_message(args.front())),
                       "run 'aftershock --help' for the list of commands");
    }
    command = found;
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    config = load_config(*command, rest, context.err);
    if (config) {
      context.config = &*config;
      context.getenv = [&config](std::string_view name) {
        auto value = read_env(name);
        return value.empty() ? config_key_value(*config, name) : value;
      };
    }
    return finish(command->run(rest, context));
  } catch (const Error& error) {
    std::optional<Error> storage;
    return report_error(
        with_config_origin(error, config ? &*config : nullptr, command, args, storage), command);
  } catch (const std::bad_alloc&) {
    std::cerr << "aftershock: error: out of memory\n";
    return static_cast<int>(ExitCode::failure);
  } catch (const std::exception& error) {
    std::cerr << "aftershock: error: " << error.what() << "\n";
    return static_cast<int>(ExitCode::failure);
  }
}

int run_process(int argc, char** argv) {
  util::set_huge_pages(huge_pages_setting(std::getenv("AFTERSHOCK_HEAP_HUGE_PAGES")));
  if (argc > 1 && std::string_view(argv[1]) == "study")
    tune_heap(argv);       // may re-execute the binary once (heap_tuning.hpp)
  install_fault_handler(); // a mapped input truncated by another program (fault_handler.hpp)
  return run(argc, argv);
}

} // namespace aftershock::cli
