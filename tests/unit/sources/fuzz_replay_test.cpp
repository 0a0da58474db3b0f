// Replays the provider-decoder fuzz corpora and regression inputs (tests/fuzz) through the fuzz
// entry points under gcc + ASan/UBSan, plus hostile bodies written here (issue 7): deeply nested
// and enormous JSON, NUL bytes, UTF-16, -0 and 9999-12-31. None may crash or abort.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "fuzz/entry_points.hpp"
#include "support/fuzz_replay.hpp"
#include "support/paths.hpp"

namespace aftershock::fuzz {
namespace {

using Entry = test::FuzzEntry;

// The corpus and the regression inputs of fuzz target `target`.
std::size_t replay(const std::string& target, Entry entry) {
  const auto root = test::source_dir() / "tests" / "fuzz";
  return test::replay_fuzz_inputs({root / "corpus" / target, root / "regressions" / target}, entry);
}

void run(Entry entry, const std::string& body) {
  entry(reinterpret_cast<const std::uint8_t*>(body.data()), body.size());
}

TEST(DecoderFuzzReplay, CorporaAndRegressions) {
  EXPECT_GE(replay("yahoo_decoder", run_yahoo_decoder), 5U);
  EXPECT_GE(replay("alphavantage_decoder", run_alphavantage_decoder), 4U);
  EXPECT_GE(replay("stooq_decoder", run_stooq_decoder), 4U);
  EXPECT_GE(replay("sec_parsers", run_sec_parsers), 2U);
  EXPECT_GE(replay("french_factors", run_french_factors), 2U);
}

// The events-file target's seeds: its corpus and regressions plus the bundled events file and
// the EventStudyTools fixture (request, firm and market price files), as scripts/fuzz gives it.
TEST(EventsFileFuzzReplay, CorporaRegressionsAndSeedFolders) {
  EXPECT_GE(replay("events_file", run_events_file), 5U);
  std::size_t count = 0;
  for (const auto& dir : {test::source_dir() / "data" / "events",
                          test::source_dir() / "tests" / "fixtures" / "sources" / "arc"}) {
    for (const auto& item : std::filesystem::directory_iterator(dir)) {
      if (!item.is_regular_file())
        continue;
      SCOPED_TRACE(item.path().string());
      const auto bytes = test::read_file(item.path());
      run_events_file(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
      ++count;
    }
  }
  EXPECT_GE(count, 4U);
}

std::vector<std::string> hostile_bodies() {
  std::vector<std::string> bodies;
  bodies.emplace_back();
  bodies.emplace_back("{\"chart\":\0}", 11);
  // -0 closes on 9999-12-31 23:59:59Z; 1e400 everywhere; -0 and year 0 in the other shapes.
  bodies.emplace_back("{\"chart\":{\"result\":[{\"meta\":{\"gmtoffset\":-18000},"
                      "\"timestamp\":[253402300799],\"indicators\":{\"quote\":[{\"close\":"
                      "[-0.0]}],\"adjclose\":[{\"adjclose\":[-0.0]}]}}],\"error\":null}}");
  bodies.emplace_back(
      "{\"chart\":{\"result\":[{\"meta\":{\"gmtoffset\":1e400},\"timestamp\":"
      "[1e400],\"indicators\":{\"quote\":[{\"close\":[1e400]}]}}],\"error\":null}}");
  bodies.emplace_back("{\"Time Series (Daily)\":{\"9999-12-31\":{\"4. close\":\"-0\"},"
                      "\"0000-01-01\":{\"4. close\":\"1\"}}}");
  bodies.emplace_back("Date,Open,High,Low,Close,Volume\n9999-12-31,1,1,1,-0,1\n"
                      "2025-02-30,1,1,1,1,1\n");
  bodies.emplace_back("{\"units\":{\"shares\":[{\"end\":\"9999-12-31\",\"val\":-0.0,"
                      "\"accn\":\"x\",\"form\":\"10-Q\",\"filed\":\"9999-12-31\"}]}}");
  // UTF-16LE with a byte-order mark: {"chart":null}
  std::string utf16 = "\xff\xfe";
  for (const char c : std::string("{\"chart\":null}")) {
    utf16 += c;
    utf16 += '\0';
  }
  bodies.push_back(utf16);
  // Deeply nested JSON: 100,000 open brackets, and a chain of 20,000 nested objects.
  bodies.emplace_back(std::size_t{100000}, '[');
  std::string objects;
  for (int i = 0; i < 20000; ++i)
    objects += "{\"a\":";
  bodies.push_back(objects);
  // Enormous JSON: a 1 MB string value, and 20,000 timestamps with a single close.
  bodies.push_back("{\"chart\":{\"result\":[{\"meta\":{\"symbol\":\"" +
                   std::string(std::size_t{1000000}, 'A') + "\"}}],\"error\":null}}");
  std::string stamps = "{\"chart\":{\"result\":[{\"meta\":{\"gmtoffset\":0},\"timestamp\":[";
  for (long long i = 0; i < 20000; ++i)
    stamps += std::to_string(1700000000LL + i * 86400LL) + ",";
  stamps += "0],\"indicators\":{\"quote\":[{\"close\":[1]}]}}],\"error\":null}}";
  bodies.push_back(stamps);
  return bodies;
}

TEST(DecoderFuzzReplay, HostileBodiesEndInAFailureOrAValidSeries) {
  for (const auto& body : hostile_bodies()) {
    SCOPED_TRACE(body.substr(0, 60));
    run(run_yahoo_decoder, body);
    run(run_alphavantage_decoder, body);
    run(run_stooq_decoder, body);
    run(run_sec_parsers, body);
    run(run_french_factors, body);
    run(run_events_file, body);
  }
}

} // namespace
} // namespace aftershock::fuzz
