// Process-level faults (issue 7), with the real binary (fork + execve):
// - kill -9 at seeded random points of a download (against a loopback Yahoo) and of a report
//   write (`study --output FILE`), 100 times each: the cache holds only complete, valid entries,
//   each output file is absent or complete, and the next run succeeds;
// - two processes downloading into the same cache at once: no corruption, no lost entry;
// - a full disk (RLIMIT_FSIZE, which works as root; and stdout on /dev/full) and an unwritable
//   output folder (a path below a regular file, which root cannot write either): a clear error,
//   exit 1, no partial file.
// Expected file contents come from an uninterrupted run of the same command (the property under
// test is "absent or identical to a complete run"), and the served bodies from data/prices.
#include <aftershock/sources/response_cache.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <map>
#include <random>
#include <sys/resource.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include "../sources/quote_test_support.hpp"
#include "support/loopback_server.hpp"
#include "support/paths.hpp"
#include "support/temp_dir.hpp"

extern char** environ;

namespace aftershock::cli {
namespace {

using namespace std::chrono_literals;

const std::vector<std::string> k_tickers = {"NVDA", "AMD", "AAPL", "MSFT", "INTC", "GSPC"};

struct SpawnOptions {
  std::map<std::string, std::string> env; // added to (or replacing in) the environment
  std::filesystem::path stdout_path;      // empty: /dev/null
  std::filesystem::path stderr_path;      // empty: /dev/null
  rlim_t file_size_limit = RLIM_INFINITY; // RLIMIT_FSIZE of the child
};

// Starts the aftershock binary with `args`; returns its pid. Everything the child needs is
// prepared before fork (only async-signal-safe calls between fork and execve).
pid_t spawn(const std::vector<std::string>& args, const SpawnOptions& options) {
  std::vector<std::string> storage{AFTERSHOCK_EXE};
  storage.insert(storage.end(), args.begin(), args.end());
  std::vector<std::string> env_storage;
  for (char** item = environ; *item != nullptr; ++item) {
    const std::string entry(*item);
    if (options.env.count(entry.substr(0, entry.find('='))) == 0)
      env_storage.push_back(entry);
  }
  for (const auto& [name, value] : options.env)
    env_storage.push_back(name + "=" + value);
  std::vector<char*> argv;
  for (auto& arg : storage)
    argv.push_back(arg.data());
  argv.push_back(nullptr);
  std::vector<char*> envp;
  for (auto& entry : env_storage)
    envp.push_back(entry.data());
  envp.push_back(nullptr);
  const std::string out = options.stdout_path.empty() ? "/dev/null" : options.stdout_path.string();
  const std::string err = options.stderr_path.empty() ? "/dev/null" : options.stderr_path.string();
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int out_fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err_fd = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out_fd < 0 || err_fd < 0)
      ::_exit(120);
    ::dup2(out_fd, STDOUT_FILENO);
    ::dup2(err_fd, STDERR_FILENO);
    if (options.file_size_limit != RLIM_INFINITY) {
      const rlimit limit{options.file_size_limit, options.file_size_limit};
      ::setrlimit(RLIMIT_FSIZE, &limit);
      ::signal(SIGXFSZ, SIG_IGN); // write() then fails with EFBIG, as on a full disk
    }
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(121);
  }
  return pid;
}

// Waits for `pid`; returns the exit status, or 128 + signal.
int wait_for(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// 100 kills per scenario; AFTERSHOCK_KILL_RUNS overrides (e.g. a quick local run).
int kill_runs() {
  const char* text = std::getenv("AFTERSHOCK_KILL_RUNS");
  return text != nullptr && std::atoi(text) > 0 ? std::atoi(text) : 100;
}

int run_to_end(const std::vector<std::string>& args, const SpawnOptions& options) {
  return wait_for(spawn(args, options));
}

// The regular files directly in `dir` whose names do not start with '.' (temp files do).
std::map<std::string, std::string> visible_files(const std::filesystem::path& dir) {
  std::map<std::string, std::string> files;
  if (!std::filesystem::exists(dir))
    return files;
  for (const auto& item : std::filesystem::directory_iterator(dir))
    if (item.is_regular_file() && item.path().filename().string().front() != '.' &&
        item.path().filename().string().find(".tmp.") == std::string::npos)
      files[item.path().filename().string()] = test::read_file(item.path());
  return files;
}

std::size_t temp_files(const std::filesystem::path& dir) {
  std::size_t count = 0;
  if (!std::filesystem::exists(dir))
    return 0;
  for (const auto& item : std::filesystem::recursive_directory_iterator(dir))
    if (item.path().filename().string().find(".tmp") != std::string::npos)
      ++count;
  return count;
}

class ProcessFaults : public ::testing::Test {
protected:
  void SetUp() override {
    for (const auto& ticker : k_tickers) {
      test::YahooBodyOptions options;
      options.symbol = ticker;
      m_bodies[ticker] = test::yahoo_chart_body(test::read_bundled_prices(ticker), options);
    }
    // Bodies go out in 16 KiB pieces with a short pause, so a download spans many kill points.
    m_server.http().Get(R"(/v8/finance/chart/([^/?]+))", [this](const httplib::Request& req,
                                                                httplib::Response& res) {
      const auto found = m_bodies.find(req.matches[1]);
      if (found == m_bodies.end()) {
        res.status = 404;
        res.set_content(R"({"chart":{"result":null,"error":{"code":"Not Found"}}})",
                        "application/json");
        return;
      }
      const std::string* body = &found->second;
      res.set_content_provider(body->size(), "application/json",
                               [body](std::size_t offset, std::size_t, httplib::DataSink& sink) {
                                 std::this_thread::sleep_for(2ms);
                                 const auto n = std::min<std::size_t>(16384, body->size() - offset);
                                 return sink.write(body->data() + offset, n);
                               });
    });
    m_server.start();
  }
  void TearDown() override { m_server.stop(); }

  SpawnOptions env_for(const std::filesystem::path& cache) const {
    SpawnOptions options;
    options.env = {{"AFTERSHOCK_YAHOO_BASE_URL", m_server.base_url()},
                   {"AFTERSHOCK_CACHE_DIR", cache.string()},
                   {"ASAN_OPTIONS", "detect_leaks=0"}};
    return options;
  }

  std::vector<std::string> download_args(const std::filesystem::path& out) const {
    std::vector<std::string> args{"download", "--source", "yahoo"};
    args.insert(args.end(), k_tickers.begin(), k_tickers.end());
    args.insert(args.end(), {"--from", "2023-01-01", "--to", "2025-06-30", "--quiet", "--output",
                             out.string()});
    return args;
  }

  // Every cache entry loads as a valid hit whose body is exactly the body served for its ticker.
  // Returns the number of entries.
  std::size_t check_cache(const std::filesystem::path& cache) const {
    std::size_t entries = 0;
    if (!std::filesystem::exists(cache))
      return 0;
    const sources::ResponseCache reader(cache);
    for (const auto& item : std::filesystem::recursive_directory_iterator(cache)) {
      if (item.path().extension() != ".json" ||
          item.path().filename().string().find(".tmp.") != std::string::npos)
        continue;
      const auto meta = nlohmann::json::parse(test::read_file(item.path()), nullptr, false);
      EXPECT_FALSE(meta.is_discarded()) << item.path();
      if (meta.is_discarded())
        continue;
      const auto request = meta.at("request").get<std::string>();
      sources::CacheLookup status = sources::CacheLookup::miss;
      const auto entry =
          reader.load("yahoo", request, std::chrono::system_clock::now(), {}, status);
      EXPECT_EQ(status, sources::CacheLookup::hit) << request;
      const auto start = request.find("/chart/") + 7;
      const auto symbol = request.substr(start, request.find('?') - start);
      if (entry) {
        EXPECT_EQ(entry->body, m_bodies.at(symbol)) << request;
      }
      ++entries;
    }
    return entries;
  }

  std::map<std::string, std::string> m_bodies;
  test::TempDir m_temp; // removed after TearDown
  std::filesystem::path m_dir = m_temp.path();
  test::LoopbackServer m_server;
};

// Kills `args` at `kills` seeded random points within [0, 1.2 x the uninterrupted run time];
// half of the points are drawn from the last 30 % of the run, where the files are written.
// After each kill `check` runs; returns the number of runs that completed before their kill.
template <typename Check>
int kill_at_random_points(const std::vector<std::string>& args, const SpawnOptions& options,
                          std::chrono::microseconds full_run, int kills, std::uint64_t seed,
                          const Check& check) {
  std::mt19937_64 random(seed);
  const auto total = static_cast<double>(full_run.count());
  std::uniform_real_distribution<double> anywhere(0.0, 1.2 * total);
  std::uniform_real_distribution<double> late(0.7 * total, 1.2 * total);
  int completed = 0;
  for (int i = 0; i < kills; ++i) {
    const auto delay = std::chrono::microseconds(
        static_cast<long long>(i % 2 == 0 ? anywhere(random) : late(random)));
    const pid_t pid = spawn(args, options);
    std::this_thread::sleep_for(delay);
    ::kill(pid, SIGKILL);
    const int status = wait_for(pid);
    if (status == 0)
      ++completed;
    else
      EXPECT_EQ(status, 128 + SIGKILL) << "run " << i;
    check(i);
    if (::testing::Test::HasFailure())
      return completed;
  }
  return completed;
}

TEST_F(ProcessFaults, KillNineDuringDownloadLeavesValidCacheAndCompleteFiles) {
  const auto cache = m_dir / "cache";
  const auto expected_dir = m_dir / "expected";
  auto options = env_for(m_dir / "reference-cache");
  const auto started = std::chrono::steady_clock::now();
  ASSERT_EQ(run_to_end(download_args(expected_dir), options), 0);
  const auto full_run = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - started);
  const auto expected = visible_files(expected_dir);
  ASSERT_EQ(expected.size(), k_tickers.size());

  const auto out = m_dir / "out";
  options = env_for(cache);
  auto args = download_args(out);
  args.emplace_back("--refresh"); // every run downloads and rewrites the cache entries
  const int completed =
      kill_at_random_points(args, options, full_run, kill_runs(), 7001, [&](int run) {
        for (const auto& [name, text] : visible_files(out))
          EXPECT_EQ(text, expected.at(name)) << "run " << run << ": partial " << name;
        EXPECT_LE(check_cache(cache), k_tickers.size()) << "run " << run;
      });
  std::cout << "download: uninterrupted run " << full_run.count() / 1000 << " ms; " << completed
            << " of " << kill_runs() << " runs completed before their kill; "
            << temp_files(m_dir / "out") << " temp files in the output folder, "
            << temp_files(cache) << " in the cache\n";
  // The next run succeeds, from the cache or the network, with the complete files.
  ASSERT_EQ(run_to_end(download_args(out), options), 0);
  EXPECT_EQ(visible_files(out), expected);
  EXPECT_EQ(check_cache(cache), k_tickers.size());
}

TEST_F(ProcessFaults, KillNineDuringReportWriteLeavesNoPartialReport) {
  const auto data = (test::data_dir() / "prices").string();
  const auto report = m_dir / "out" / "report.json";
  std::filesystem::create_directories(report.parent_path());
  const std::vector<std::string> args{
      "study",    "--event", "2025-01-27", "--data", data,       "--tickers",    "NVDA,AMD,AVGO",
      "--market", "SPY",     "--format",   "json",   "--output", report.string()};
  const auto options = env_for(m_dir / "cache");
  const auto expected_path = m_dir / "expected.json";
  const std::vector<std::string> expected_args{"study",
                                               "--event",
                                               "2025-01-27",
                                               "--data",
                                               data,
                                               "--tickers",
                                               "NVDA,AMD,AVGO",
                                               "--market",
                                               "SPY",
                                               "--format",
                                               "json",
                                               "--output",
                                               expected_path.string()};
  const auto started = std::chrono::steady_clock::now();
  ASSERT_EQ(run_to_end(expected_args, options), 0);
  const auto full_run = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - started);
  const auto expected = test::read_file(expected_path);
  ASSERT_FALSE(expected.empty());

  const int completed =
      kill_at_random_points(args, options, full_run, kill_runs(), 7002, [&](int run) {
        if (std::filesystem::exists(report)) {
          EXPECT_EQ(test::read_file(report), expected) << "run " << run;
          std::filesystem::remove(report); // the next run starts without a report again
        }
      });
  std::cout << "report: uninterrupted run " << full_run.count() / 1000 << " ms; " << completed
            << " of " << kill_runs() << " runs completed before their kill; "
            << temp_files(report.parent_path()) << " temp files left in the output folder\n";
  ASSERT_EQ(run_to_end(args, options), 0);
  EXPECT_EQ(test::read_file(report), expected);
}

TEST_F(ProcessFaults, TwoProcessesDownloadingIntoOneCacheLoseNothing) {
  const auto expected_dir = m_dir / "expected";
  ASSERT_EQ(run_to_end(download_args(expected_dir), env_for(m_dir / "reference-cache")), 0);
  const auto expected = visible_files(expected_dir);
  const auto cache = m_dir / "cache";
  const auto options = env_for(cache);
  for (int round = 0; round < 5; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    auto first_args = download_args(m_dir / "a");
    auto second_args = download_args(m_dir / "b");
    if (round > 0) { // round 0 starts from an empty cache, later rounds rewrite every entry
      first_args.emplace_back("--refresh");
      second_args.emplace_back("--refresh");
    }
    const pid_t first = spawn(first_args, options);
    const pid_t second = spawn(second_args, options);
    EXPECT_EQ(wait_for(first), 0);
    EXPECT_EQ(wait_for(second), 0);
    EXPECT_EQ(visible_files(m_dir / "a"), expected);
    EXPECT_EQ(visible_files(m_dir / "b"), expected);
    EXPECT_EQ(check_cache(cache), k_tickers.size());
    EXPECT_EQ(temp_files(cache), 0U);
  }
  // The cache alone now serves every ticker.
  auto offline = download_args(m_dir / "c");
  offline.emplace_back("--offline");
  EXPECT_EQ(run_to_end(offline, options), 0);
  EXPECT_EQ(visible_files(m_dir / "c"), expected);
}

TEST_F(ProcessFaults, DiskFullIsAClearErrorWithoutPartialFiles) {
  const auto data = (test::data_dir() / "prices").string();
  const auto out = m_dir / "out";
  std::filesystem::create_directories(out);
  auto options = env_for(m_dir / "cache");
  options.stderr_path = m_dir / "stderr.txt";
  options.file_size_limit = 4096; // the JSON report is larger: as if the disk filled up
  const std::vector<std::string> study{"study",
                                       "--event",
                                       "2025-01-27",
                                       "--data",
                                       data,
                                       "--tickers",
                                       "NVDA,AMD",
                                       "--market",
                                       "SPY",
                                       "--format",
                                       "json",
                                       "--output",
                                       (out / "report.json").string()};
  EXPECT_EQ(run_to_end(study, options), 1);
  const auto err = test::read_file(m_dir / "stderr.txt");
  EXPECT_NE(err.find("aftershock: error: cannot write"), std::string::npos) << err;
  EXPECT_NE(err.find("report.json"), std::string::npos) << err;
  EXPECT_NE(err.find("hint: free some disk space"), std::string::npos) << err;
  EXPECT_TRUE(std::filesystem::is_empty(out)) << "a partial or temp file was left";

  // download: the per-ticker files do not fit either.
  EXPECT_EQ(run_to_end(download_args(out / "prices"), options), 1);
  const auto download_err = test::read_file(m_dir / "stderr.txt");
  EXPECT_NE(download_err.find("aftershock: error: cannot write"), std::string::npos)
      << download_err;
  EXPECT_TRUE(visible_files(out / "prices").empty());
  EXPECT_EQ(temp_files(out), 0U);

  // Standard output on a full device.
  options.file_size_limit = RLIM_INFINITY;
  options.stdout_path = "/dev/full";
  auto to_stdout = study;
  to_stdout.resize(to_stdout.size() - 2);
  EXPECT_EQ(run_to_end(to_stdout, options), 1);
  const auto full_err = test::read_file(m_dir / "stderr.txt");
  EXPECT_NE(full_err.find("cannot write to standard output: No space left on device"),
            std::string::npos)
      << full_err;
}

TEST_F(ProcessFaults, UnwritableOutputFolderIsAClearError) {
  const auto data = (test::data_dir() / "prices").string();
  // A path whose parent is a regular file cannot be written, even by root.
  const auto blocker = m_dir / "not-a-folder";
  { std::ofstream(blocker) << "x"; }
  auto options = env_for(m_dir / "cache");
  options.stderr_path = m_dir / "stderr.txt";
  const std::vector<std::string> study{"study",
                                       "--event",
                                       "2025-01-27",
                                       "--data",
                                       data,
                                       "--tickers",
                                       "NVDA",
                                       "--market",
                                       "SPY",
                                       "--output",
                                       (blocker / "report.txt").string()};
  EXPECT_EQ(run_to_end(study, options), 1);
  auto err = test::read_file(m_dir / "stderr.txt");
  EXPECT_NE(err.find("aftershock: error: cannot write"), std::string::npos) << err;
  EXPECT_NE(err.find("Not a directory"), std::string::npos) << err;
  EXPECT_NE(err.find("hint: "), std::string::npos) << err;
  EXPECT_EQ(test::read_file(blocker), "x");

  EXPECT_EQ(run_to_end(download_args(blocker / "prices"), options), 1);
  err = test::read_file(m_dir / "stderr.txt");
  EXPECT_NE(err.find("aftershock: error: cannot create the output folder"), std::string::npos)
      << err;

  // A read-only folder: only meaningful for a user without CAP_DAC_OVERRIDE.
  if (::geteuid() == 0) {
    std::cout << "read-only folder case skipped: running as root, which ignores permission bits "
                 "(the regular-file parent above covers the unwritable case)\n";
    return;
  }
  const auto locked = m_dir / "locked";
  std::filesystem::create_directories(locked);
  std::filesystem::permissions(locked, std::filesystem::perms::owner_read |
                                           std::filesystem::perms::owner_exec);
  auto locked_study = study;
  locked_study.back() = (locked / "report.txt").string();
  EXPECT_EQ(run_to_end(locked_study, options), 1);
  err = test::read_file(m_dir / "stderr.txt");
  EXPECT_NE(err.find("Permission denied"), std::string::npos) << err;
  EXPECT_TRUE(std::filesystem::is_empty(locked));
  std::filesystem::permissions(locked, std::filesystem::perms::owner_all);
}

} // namespace
} // namespace aftershock::cli
