// Per-row windows in the batch outputs (issue 5): the CSV firm, day and CAR tables carry each
// firm-event's own windows (event_window_start/_end, estimation_start/_end as offsets), also
// after `report RESULT.json`; and a padded event-time day outside the market's calendar has no
// date (JSON null, empty CSV cell, no SVG date label) instead of 1970-01-01.
//
// Expected values come from the inputs, not from our output: the windows are the events
// file's columns (estimation_start = estimation_end - estimation_length + 1), and the dates
// are the last rows of data/prices/SPY.csv (2025-06-26, -27, -30 are its last three trading
// days, so day 0 = 2025-06-26 has day 2 = 2025-06-30 and no day 3).
#include <aftershock/util/error.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "commands.hpp"
#include "support/paths.hpp"
#include "support/temp_dir.hpp"

namespace aftershock::cli {
namespace {

namespace fs = std::filesystem;

// Row 1: AMD on 2024-08-05, window -1..10 (the union), estimation -260..-11 (the longest).
// Row 2: NVDA on 2025-06-26, window -1..2, estimation -210..-11; its padded days 3..10 lie
// after the data's last date.
constexpr const char* k_events =
    "event_id,ticker,event_date,event_window_start,event_window_end,estimation_end,"
    "estimation_length\n"
    "1,AMD,2024-08-05,-1,10,-11,250\n"
    "2,NVDA,2025-06-26,-1,2,-11,200\n";

class BatchOwnWindowsTest : public ::testing::Test {
protected:
  void SetUp() override { m_temp.write("events.csv", k_events); }

  // `study` on the events file with AFTERSHOCK_BATCH_CHUNK=`chunk` ("" = default); stdout.
  std::string study(const std::vector<std::string>& args, const std::string& chunk = "") {
    std::vector<std::string> all{"--events", (m_dir / "events.csv").string(),
                                 "--data",   test::data_dir().string(),
                                 "--market", "SPY",
                                 "-q"};
    all.insert(all.end(), args.begin(), args.end());
    std::ostringstream out;
    std::ostringstream err;
    CommandContext context{out, err};
    context.getenv = [chunk](std::string_view name) {
      return name == "AFTERSHOCK_BATCH_CHUNK" ? chunk : std::string();
    };
    EXPECT_EQ(run_study(all, context), 0) << err.str();
    return out.str();
  }

  std::string report(const std::vector<std::string>& args) {
    std::ostringstream out;
    std::ostringstream err;
    CommandContext context{out, err};
    context.getenv = [](std::string_view) { return std::string(); };
    EXPECT_EQ(run_report(args, context), 0) << err.str();
    return out.str();
  }

  test::TempDir m_temp;
  fs::path m_dir = m_temp.path();
};

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  std::istringstream in(line);
  while (std::getline(in, cell, ','))
    cells.push_back(cell);
  if (!line.empty() && line.back() == ',')
    cells.emplace_back();
  return cells;
}

// A CSV table as rows of header -> cell.
std::vector<std::map<std::string, std::string>> rows_of(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  std::getline(in, line);
  const auto header = split(line);
  std::vector<std::map<std::string, std::string>> rows;
  while (std::getline(in, line)) {
    const auto cells = split(line);
    EXPECT_EQ(cells.size(), header.size()) << line;
    std::map<std::string, std::string> row;
    for (std::size_t i = 0; i < header.size() && i < cells.size(); ++i)
      row[header[i]] = cells[i];
    rows.push_back(std::move(row));
  }
  return rows;
}

void expect_windows(const std::map<std::string, std::string>& row) {
  const bool first = row.at("event_id") == "1";
  EXPECT_EQ(row.at("event_window_start"), "-1");
  EXPECT_EQ(row.at("event_window_end"), first ? "10" : "2");
  EXPECT_EQ(row.at("estimation_start"), first ? "-260" : "-210");
  EXPECT_EQ(row.at("estimation_end"), "-11");
}

TEST_F(BatchOwnWindowsTest, CsvTablesCarryEachFirmEventsWindows) {
  for (const char* table : {"firms", "days", "cars"}) {
    SCOPED_TRACE(table);
    for (const char* chunk : {"0", "1"}) { // whole result and streamed
      const auto rows = rows_of(study({"--format", "csv", "--table", table}, chunk));
      ASSERT_FALSE(rows.empty());
      for (const auto& row : rows)
        expect_windows(row);
    }
  }
  // The last four columns, in this order (README "Output formats").
  const std::string firms = study({"--format", "csv", "--table", "firms"});
  const std::string header = firms.substr(0, firms.find('\n'));
  EXPECT_TRUE(
      header.ends_with(",event_window_start,event_window_end,estimation_start,estimation_end"))
      << header;
}

TEST_F(BatchOwnWindowsTest, ReportOfTheSavedResultShowsTheSameColumns) {
  const auto saved = (m_dir / "result.json").string();
  (void)study({"--format", "json", "-o", saved});
  for (const char* table : {"firms", "days", "cars"}) {
    SCOPED_TRACE(table);
    EXPECT_EQ(report({saved, "--format", "csv", "--table", table}),
              study({"--format", "csv", "--table", table}));
  }
  // People formats of the same table show the columns too.
  const std::string markdown = report({saved, "--format", "markdown", "--table", "firms",
                                       "--columns", "event_id,event_window_end,estimation_start"});
  EXPECT_NE(markdown.find("| 1 | 10 | -260 |"), std::string::npos) << markdown;
  EXPECT_NE(markdown.find("| 2 | 2 | -210 |"), std::string::npos) << markdown;
}

TEST_F(BatchOwnWindowsTest, DefaultReportListsOwnWindows) {
  const std::string text = study({"--format", "markdown"});
  EXPECT_NE(text.find("Estimation"), std::string::npos);
  EXPECT_NE(text.find("| -1:2 | -210:-11 |"), std::string::npos) << text;
  EXPECT_NE(text.find("| -1:10 | -260:-11 |"), std::string::npos) << text;
}

TEST_F(BatchOwnWindowsTest, DaysOutsideTheCalendarHaveNoDate) {
  const auto json = nlohmann::json::parse(study({"--format", "json"}));
  EXPECT_EQ(json.dump().find("1970-01-01"), std::string::npos);
  const auto& firms = json.at("events").at(0).at("firms");
  ASSERT_EQ(firms.size(), 2U);
  const auto& nvda = firms.at(1);
  ASSERT_EQ(nvda.at("ticker"), "NVDA");
  for (const auto& day : nvda.at("days")) {
    const int offset = day.at("offset").get<int>();
    if (offset <= 2)
      EXPECT_TRUE(day.at("date").is_string()) << offset;
    else
      EXPECT_TRUE(day.at("date").is_null()) << offset;
    if (offset == 2) {
      EXPECT_EQ(day.at("date"), "2025-06-30");
    }
    if (offset == 0) {
      EXPECT_EQ(day.at("date"), "2025-06-26");
    }
  }
  // Pooled days over different dates have no date; the CAAR path neither.
  for (const auto& day : json.at("events").at(0).at("aggregate").at("days"))
    EXPECT_TRUE(day.at("date").is_null());
  for (const auto& point : json.at("events").at(0).at("aggregate").at("caar_path"))
    EXPECT_TRUE(point.at("date").is_null());

  // CSV days: an empty date cell; JSON Lines: null; report of the saved JSON: the same.
  for (const char* chunk : {"0", "1"}) {
    const auto rows = rows_of(study({"--format", "csv", "--table", "days"}, chunk));
    for (const auto& row : rows) {
      if (row.at("ticker") != "NVDA")
        continue;
      const int offset = std::stoi(row.at("offset"));
      EXPECT_EQ(row.at("date").empty(), offset > 2) << offset;
      if (offset > 2) {
        EXPECT_TRUE(row.at("abnormal_return").empty());
      }
    }
    EXPECT_EQ(study({"--format", "jsonl"}, chunk).find("1970-01-01"), std::string::npos);
  }
  const auto saved = (m_dir / "result.json").string();
  (void)study({"--format", "json", "-o", saved});
  const std::string days = report({saved, "--format", "csv", "--table", "days"});
  EXPECT_EQ(days, study({"--format", "csv", "--table", "days"}));
  EXPECT_EQ(report({saved, "--format", "json"}).find("1970-01-01"), std::string::npos);
}

TEST_F(BatchOwnWindowsTest, ChartHasNoDateLabelsForPooledDays) {
  const auto chart = (m_dir / "chart.svg").string();
  (void)study({"--format", "csv", "--table", "aggregate-days", "--chart", chart});
  std::ifstream in(chart);
  const std::string svg{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  ASSERT_NE(svg.find("<svg"), std::string::npos);
  EXPECT_EQ(svg.find("1970-01-01"), std::string::npos);
  EXPECT_EQ(svg.find("class=\"x-date\""), std::string::npos);  // days without one date
  EXPECT_NE(svg.find("class=\"x-label\""), std::string::npos); // offsets are still labelled
  EXPECT_NE(svg.find("pooled in event time"), std::string::npos);
}

} // namespace
} // namespace aftershock::cli
