// GLIBC_TUNABLES for the heap huge pages of `study` (src/cli/heap_tuning.hpp). The expected
// strings follow the tunables syntax of the glibc manual ("Tunables": name=value pairs
// separated by ':').
#include <gtest/gtest.h>

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "heap_tuning.hpp"
#include "support/temp_dir.hpp"

namespace aftershock::cli {
namespace {

// The expected strings spell out the three tunables of heap_tuning.hpp by hand.
TEST(HeapTuning, AddsTheTunablesToAnEmptyEnvironment) {
  EXPECT_EQ(with_heap_tunables(""), "glibc.malloc.hugetlb=1:glibc.malloc.top_pad=67108864:"
                                    "glibc.malloc.mmap_threshold=33554432");
}

TEST(HeapTuning, AppendsToTheUsersTunables) {
  EXPECT_EQ(with_heap_tunables("glibc.malloc.arena_max=2"),
            "glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1:glibc.malloc.top_pad=67108864:"
            "glibc.malloc.mmap_threshold=33554432");
  // Names are compared whole: a longer name that starts with ours is another tunable.
  EXPECT_EQ(with_heap_tunables("glibc.malloc.hugetlb_x=1"),
            "glibc.malloc.hugetlb_x=1:glibc.malloc.hugetlb=1:glibc.malloc.top_pad=67108864:"
            "glibc.malloc.mmap_threshold=33554432");
}

TEST(HeapTuning, KeepsTheUsersOwnValues) {
  EXPECT_EQ(with_heap_tunables("glibc.malloc.hugetlb=0"),
            "glibc.malloc.hugetlb=0:glibc.malloc.top_pad=67108864:"
            "glibc.malloc.mmap_threshold=33554432");
  EXPECT_EQ(with_heap_tunables("glibc.malloc.top_pad=0:glibc.malloc.arena_max=2"),
            "glibc.malloc.top_pad=0:glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1:"
            "glibc.malloc.mmap_threshold=33554432");
  EXPECT_FALSE(with_heap_tunables(
      "glibc.malloc.top_pad=4096:glibc.malloc.hugetlb=2:glibc.malloc.mmap_threshold=0"));
  EXPECT_FALSE(
      with_heap_tunables("glibc.malloc.hugetlb:glibc.malloc.mmap_threshold:glibc.malloc.top_pad"));
}

// The sizes below are those of the files the test writes (string lengths), not program output.
TEST(HeapTuning, InputBytesCountDataFilesFoldersWithPricesAndEvents) {
  const test::TempDir dir;
  const auto file = dir.write("long.csv", std::string(1000, 'x')).string();
  dir.write("folder/a.csv", std::string(10, 'x'));
  dir.write("folder/prices/b.csv", std::string(200, 'x'));
  dir.write("folder/prices/deeper/c.csv", std::string(5000, 'x')); // not counted: two levels
  const auto folder = (dir.path() / "folder").string();
  const auto events = dir.write("events.csv", std::string(30, 'x')).string();
  const auto missing = (dir.path() / "missing.csv").string();

  const std::array<std::string_view, 4> spaced{"--data", file, "--events", events};
  EXPECT_EQ(study_input_bytes(spaced), 1030U);
  const std::string data_eq = "--data=" + folder;
  const std::string events_eq = "--events=" + events;
  const std::array<std::string_view, 5> joined{"--event", "deepseek", data_eq, events_eq,
                                               "--quiet"};
  EXPECT_EQ(study_input_bytes(joined), 240U);
  const std::array<std::string_view, 6> repeated{"--data", file,     "--data",
                                                 folder,   "--data", missing};
  EXPECT_EQ(study_input_bytes(repeated), 1210U);
  const std::array<std::string_view, 1> dangling{"--data"}; // no value: the default data/ counts
  const std::array<std::string_view, 0> none{};
  EXPECT_EQ(study_input_bytes(dangling), study_input_bytes(none));
}

// A study whose data and events come from the configuration file is sized by them too, unless
// the command line gives the option (the command line wins) or --no-config drops the file.
TEST(HeapTuning, InputsFromTheConfigurationFileCount) {
  const test::TempDir dir;
  const auto prices = dir.write("prices.csv", std::string(5000, 'x')).string();
  const auto events = dir.write("events.csv", std::string(70, 'x')).string();
  const auto other = dir.write("other.csv", std::string(300, 'x')).string();
  const auto config =
      dir.write("config.ini", "market = MKT\n[study]\ndata = " + prices + "\nevents = " + events +
                                  "\n[download]\nsource = yahoo\n")
          .string();
  const auto no_env = [](std::string_view) { return std::string(); };
  const auto total = [&](const std::vector<std::string>& given) {
    const auto extra = config_study_inputs(given, no_env);
    std::vector<std::string_view> args(given.begin(), given.end());
    args.insert(args.end(), extra.begin(), extra.end());
    return study_input_bytes(args);
  };
  EXPECT_EQ(total({"--config", config}), 5070U);
  EXPECT_EQ(total({"--config=" + config, "--data", other}), 370U); // --data from the line
  EXPECT_EQ(total({"--events", other, "--config", config}), 5300U);
  // No file: the default folder data/ of the working directory, as before.
  EXPECT_EQ(
      config_study_inputs(std::vector<std::string>{"--config", config, "--no-config"}, no_env),
      std::vector<std::string>{});
  // The default file under $XDG_CONFIG_HOME.
  dir.write("xdg/aftershock/config.ini", "[study]\ndata = " + other + "\n");
  const auto xdg = (dir.path() / "xdg").string();
  const auto with_xdg = [&](std::string_view name) {
    return name == "XDG_CONFIG_HOME" ? xdg : std::string();
  };
  EXPECT_EQ(config_study_inputs(std::vector<std::string>{}, with_xdg),
            (std::vector<std::string>{"--data", other}));
  // A file that does not parse or does not exist gives nothing (the study reports it).
  const auto broken = dir.write("broken.ini", "this is not key = value [\n[study\n").string();
  EXPECT_EQ(config_study_inputs(std::vector<std::string>{"--config", broken}, no_env),
            std::vector<std::string>{});
  EXPECT_EQ(config_study_inputs(
                std::vector<std::string>{"--config", (dir.path() / "none.ini").string()}, no_env),
            std::vector<std::string>{});
}

TEST(HeapTuning, TheBundledDataIsASmallStudy) {
  const std::string data = std::string(AFTERSHOCK_SOURCE_DIR) + "/data";
  const std::array<std::string_view, 2> args{"--data", data};
  EXPECT_GT(study_input_bytes(args), 0U);
  EXPECT_LT(study_input_bytes(args), k_huge_pages_min_input);
}

TEST(HeapTuning, TheEnvironmentSettingOfHugePages) {
  EXPECT_EQ(huge_pages_setting("0"), util::HugePages::off);
  EXPECT_EQ(huge_pages_setting("1"), util::HugePages::on);
  EXPECT_EQ(huge_pages_setting(nullptr), util::HugePages::automatic);
  EXPECT_EQ(huge_pages_setting(""), util::HugePages::automatic);
  EXPECT_EQ(huge_pages_setting("yes"), util::HugePages::automatic);
}

} // namespace
} // namespace aftershock::cli
