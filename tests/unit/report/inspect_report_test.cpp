// The inspect renderers on hand-built descriptions: JSON keys, order and nulls; escaping of text
// taken from files.
#include <aftershock/report/inspect_report.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>

namespace aftershock::report {
namespace {

using namespace std::chrono;
using ::testing::HasSubstr;

sources::FileDescription sample() {
  sources::FileDescription file;
  file.file = "prices/NVDA.csv";
  file.sniff.encoding = csv::Encoding::utf8_bom;
  file.sniff.dialect.delimiter = ';';
  file.sniff.dialect.line_ending = csv::LineEnding::crlf;
  file.sniff.dialect.reason = "3 of 3 sampled records have 2 fields with the semicolon";
  file.sniff.has_header = true;
  file.sniff.header_reason = "the first record has no number or date, so it is the header";
  file.sniff.date_column = 0;
  file.sniff.date_format = calendar::DateFormat::dmy_dot;
  file.sniff.date_reason = "all 2 values match DD.MM.YYYY";
  file.columns = {{"Date", csv::ColumnType::date}, {"Close", csv::ColumnType::number}};
  file.layout = "per-ticker";
  file.layout_reason = "column \"Close\" and no ticker column; ticker from file name";
  file.tickers = {"NVDA"};
  file.rows = 2;
  file.first_date = calendar::Date{year{2025} / 1 / 24};
  file.last_date = calendar::Date{year{2025} / 1 / 27};
  return file;
}

TEST(InspectReport, Json) {
  const auto json = nlohmann::ordered_json::parse(render_inspect_json({sample()}));
  const auto& file = json.at("files").at(0);
  EXPECT_EQ(file.at("file"), "prices/NVDA.csv");
  EXPECT_EQ(file.at("bom"), true);
  EXPECT_EQ(file.at("line_endings"), "CRLF");
  EXPECT_EQ(file.at("delimiter"), ";");
  EXPECT_EQ(file.at("header"), true);
  EXPECT_EQ(file.at("columns").at(1).at("name"), "Close");
  EXPECT_EQ(file.at("columns").at(1).at("type"), "number");
  EXPECT_EQ(file.at("date_column"), "Date");
  EXPECT_EQ(file.at("date_format"), "DD.MM.YYYY");
  EXPECT_EQ(file.at("layout"), "per-ticker");
  EXPECT_EQ(file.at("tickers"), nlohmann::ordered_json::array({"NVDA"}));
  EXPECT_EQ(file.at("rows"), 2);
  EXPECT_EQ(file.at("first_date"), "2025-01-24");
  EXPECT_EQ(file.at("last_date"), "2025-01-27");
  EXPECT_EQ(file.at("skipped_rows"), 0);
  EXPECT_TRUE(file.at("problem").is_null());
  std::vector<std::string> keys;
  for (const auto& item : file.items())
    keys.push_back(item.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"file",         "encoding",     "bom",
                                            "line_endings", "delimiter",    "delimiter_reason",
                                            "quote",        "header",       "header_reason",
                                            "columns",      "date_column",  "date_format",
                                            "date_reason",  "layout",       "layout_reason",
                                            "tickers",      "rows",         "first_date",
                                            "last_date",    "skipped_rows", "row_errors",
                                            "notes",        "problem"}));
}

TEST(InspectReport, JsonNullsWhenNothingWasFound) {
  sources::FileDescription file;
  file.file = "x.csv";
  const auto json = nlohmann::json::parse(render_inspect_json({file}));
  const auto& entry = json.at("files").at(0);
  EXPECT_TRUE(entry.at("date_column").is_null());
  EXPECT_TRUE(entry.at("date_format").is_null());
  EXPECT_TRUE(entry.at("layout").is_null());
  EXPECT_TRUE(entry.at("first_date").is_null());
}

TEST(InspectReport, Text) {
  auto file = sample();
  file.problem = "prices/NVDA.csv:3: duplicate date";
  file.row_errors = {"bad \x1b[2J"};
  const auto text = render_inspect_text({file});
  EXPECT_THAT(text, HasSubstr("prices/NVDA.csv\n"));
  EXPECT_THAT(text, HasSubstr("  encoding     UTF-8 with BOM\n"));
  EXPECT_THAT(text, HasSubstr("  line endings CRLF\n"));
  EXPECT_THAT(text, HasSubstr("  delimiter    semicolon (3 of 3 sampled"));
  EXPECT_THAT(text, HasSubstr("  header       yes ("));
  EXPECT_THAT(text, HasSubstr("  columns      \"Date\" [date], \"Close\" [number]\n"));
  EXPECT_THAT(text, HasSubstr("  dates        DD.MM.YYYY in column \"Date\""));
  EXPECT_THAT(text, HasSubstr("  layout       per-ticker ("));
  EXPECT_THAT(text, HasSubstr("  tickers      NVDA\n"));
  EXPECT_THAT(text, HasSubstr("  date range   2025-01-24 .. 2025-01-27\n"));
  EXPECT_THAT(text, HasSubstr("  PROBLEM      prices/NVDA.csv:3: duplicate date\n"));
  EXPECT_THAT(text, HasSubstr("bad row: bad \\x1b[2J")); // escaped, never raw
  EXPECT_EQ(text.find('\x1b'), std::string::npos);
}

TEST(InspectReport, TextShowsTheFirstTenRowErrors) {
  auto file = sample();
  for (int i = 0; i < 12; ++i)
    file.row_errors.push_back("error " + std::to_string(i));
  const auto text = render_inspect_text({file});
  EXPECT_THAT(text, HasSubstr("bad row: error 9\n"));
  EXPECT_EQ(text.find("error 10"), std::string::npos);
  EXPECT_THAT(text, HasSubstr("... and 2 more (all of them with --format json)"));
  const auto json = nlohmann::json::parse(render_inspect_json({file}));
  EXPECT_EQ(json["files"][0]["row_errors"].size(), 12U);
}

} // namespace
} // namespace aftershock::report
