// The direct JSON writer on real results (issue 6): render_json must equal the nlohmann tree's
// dump (to_json(...).dump(2), the independent serializer), render_jsonl must equal
// json_to_jsonl(render_json(...)) (which re-parses and re-dumps with nlohmann), and the streamed
// pieces (json_head / json_firms / json_tail, jsonl_firm_lines / jsonl_summary_line) must join
// to the same bytes for any chunk size and thread count. On the bundled DeepSeek study and on a
// batch with per-row windows, dropped rows and groups. Equivalence only: no number is asserted.
#include <aftershock/report/json_renderer.hpp>
#include <aftershock/report/json_stream.hpp>
#include <aftershock/report/jsonl.hpp>
#include <aftershock/study/batch.hpp>
#include <aftershock/study/run.hpp>

#include <gtest/gtest.h>

#include <initializer_list>
#include <map>
#include <string>
#include <vector>

#include "support/deepseek_study.hpp"
#include "support/paths.hpp"
#include "support/ref_csv.hpp"

namespace aftershock::report {
namespace {

std::string tree_dump(const study::StudyResult& result, const RunInputs& inputs) {
  return to_json(result, inputs).dump(2) + "\n";
}

TEST(JsonStream, DeepSeekEqualsTheTreeDumpAndItsJsonLines) {
  const auto deepseek = test::load_deepseek_study();
  const auto& [shares, panel, config] = deepseek;
  const RunInputs inputs{{"data/"}, "data/shares_outstanding.csv"};
  for (const std::size_t threads : {1U, 2U, 3U}) {
    auto c = config;
    c.threads = threads;
    const auto result = study::run_study(panel, &shares, c);
    const std::string json = render_json(result, inputs);
    EXPECT_EQ(json, tree_dump(result, inputs)) << threads << " threads";
    EXPECT_EQ(render_jsonl(result, inputs), json_to_jsonl(json)) << threads << " threads";
  }
}

events::FirmEvent row(std::string id, std::string ticker, const char* iso, std::size_t line) {
  events::FirmEvent e;
  e.id = std::move(id);
  e.ticker = std::move(ticker);
  e.date = *calendar::parse_iso_date(iso);
  e.line = line;
  return e;
}

// A batch on the bundled prices: rows with their own windows, a ticker not in the data and a
// date outside the calendar (dropped), groups.
struct Batch {
  std::map<std::string, study::MarketData> markets;
  series::SharesTable shares;
  study::StudyConfig config;
  std::vector<events::FirmEvent> rows;
  RunInputs inputs{{"data/"}, "data/shares_outstanding.csv"};
  Batch() {
    markets["SPY"].panel = test::read_price_dir_panel(test::data_dir() / "prices",
                                                      {"NVDA", "AMD", "MSFT", "SPY"}, "SPY");
    shares = test::read_shares(test::data_dir() / "shares_outstanding.csv");
    config.market = "SPY";
    config.car_windows = {{0, 0}, {-1, 1}, {0, 2}};
    config.events_file = "events.csv";
    config.event_id = "events";
    config.group_by = study::GroupBy::group;
    const char* dates[] = {"2024-08-05", "2025-01-27", "2025-04-03", "2024-03-08", "2024-10-15"};
    const char* tickers[] = {"NVDA", "AMD", "MSFT"};
    for (std::size_t i = 0; i < 12; ++i) {
      auto e = row(std::to_string(i + 1), tickers[i % 3], dates[i % 5], i + 2);
      e.group = i % 2 == 0 ? "even" : "odd";
      if (i % 4 == 1)
        e.event_window = events::Window{-1, 2};
      if (i % 5 == 2)
        e.estimation_end = -21;
      rows.push_back(e);
    }
    rows.push_back(row("13", "NOPE", "2025-01-27", 14)); // unitmissing
    rows.push_back(row("14", "NVDA", "1990-01-02", 15)); // outside the calendar
  }
};

TEST(JsonStream, BatchEqualsTheTreeDumpAndItsJsonLines) {
  const Batch b;
  for (const std::size_t threads : {1U, 2U}) {
    auto config = b.config;
    config.threads = threads;
    const auto result = study::run_batch_study(b.rows, b.markets, &b.shares, config, {});
    ASSERT_EQ(result.events.size(), 1U);
    const std::string json = render_json(result, b.inputs);
    EXPECT_EQ(json, tree_dump(result, b.inputs));
    EXPECT_EQ(render_jsonl(result, b.inputs), json_to_jsonl(json));
    // The batch exercises the additive keys: per-row windows, dropped rows, groups.
    EXPECT_NE(json.find("\"estimation_window\": [\n            -270"), std::string::npos);
    EXPECT_NE(json.find("\"unitmissing\""), std::string::npos);
    EXPECT_NE(json.find("\"groups\": ["), std::string::npos);
  }
}

TEST(JsonStream, StreamedPiecesJoinToTheWholeText) {
  const Batch b;
  const auto whole_result = study::run_batch_study(b.rows, b.markets, &b.shares, b.config, {});
  const std::string json = render_json(whole_result, b.inputs);
  const std::string jsonl = render_jsonl(whole_result, b.inputs);
  for (const std::size_t threads : {1U, 2U})
    for (const std::size_t chunk : {1U, 2U, 5U, 15U, 100U}) {
      auto config = b.config;
      config.threads = threads;
      std::string streamed_json;
      std::string streamed_lines;
      std::size_t written = 0;
      const study::StudyStart start = [&](const study::StudyResult& head) {
        streamed_json += json_head(head, b.inputs);
      };
      const study::FirmSink sink = [&](const std::vector<study::FirmResult>& firms) {
        streamed_json += json_firms(firms, written, threads);
        streamed_lines += jsonl_firm_lines(firms, config.event_id, threads);
        written += firms.size();
      };
      const auto result = study::run_batch_study_streaming(b.rows, b.markets, &b.shares, config, {},
                                                           sink, chunk, start);
      streamed_json += json_tail(result, written);
      streamed_lines += jsonl_summary_line(result, result.events.front(), b.inputs);
      SCOPED_TRACE(::testing::Message() << threads << " threads, chunks of " << chunk);
      EXPECT_EQ(written, b.rows.size());
      EXPECT_EQ(streamed_json, json);
      EXPECT_EQ(streamed_lines, jsonl);
    }
}

// The pieces variants write into recycled buffers (stale text in them must not leak into the
// output) and join to the same text as json_firms / jsonl_firm_lines.
TEST(JsonStream, PiecesInRecycledBuffersJoinToTheWholeText) {
  const Batch b;
  const auto result = study::run_batch_study(b.rows, b.markets, &b.shares, b.config, {});
  const auto& firms = result.events.front().firms;
  for (const std::size_t threads : {1U, 2U, 3U}) {
    SCOPED_TRACE(::testing::Message() << threads << " threads");
    std::vector<std::string> pieces{std::string(5000, 'x'), "stale", std::string(100, '{')};
    json_firms_into(pieces, firms, 3, threads);
    EXPECT_EQ(pieces.size(), std::min<std::size_t>(threads, firms.size()));
    std::string joined;
    for (const auto& piece : pieces)
      joined += piece;
    EXPECT_EQ(joined, json_firms(firms, 3, threads));
    jsonl_firm_lines_into(pieces, firms, "ev", threads);
    joined.clear();
    for (const auto& piece : pieces)
      joined += piece;
    EXPECT_EQ(joined, jsonl_firm_lines(firms, "ev", threads));
  }
  std::vector<std::string> pieces{"stale"};
  json_firms_into(pieces, {}, 0, 2);
  EXPECT_TRUE(pieces.empty());
}

} // namespace
} // namespace aftershock::report
