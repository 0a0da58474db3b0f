// The writer: RFC 4180 quoting (section 2, rules 5-7) and spreadsheet neutralisation (OWASP).
#include <aftershock/csv/table.hpp>
#include <aftershock/csv/writer.hpp>

#include <gtest/gtest.h>

#include <sstream>

namespace aftershock::csv {
namespace {

TEST(Writer, QuotesOnlyWhenNeeded) {
  const WriterOptions options;
  EXPECT_EQ(format_row({"NVDA", "-0.1697", "", "a,b", "say \"hi\"", "two\nlines", " pad"}, options),
            "NVDA,-0.1697,,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" pad\"\n");
}

TEST(Writer, NeverWritesCrlf) {
  std::ostringstream out;
  Writer writer(out, {});
  writer.write_row({"a", "b"});
  writer.write_row({"c\r", "d"});
  EXPECT_EQ(out.str(), "a,b\n\"c\r\",d\n");
}

TEST(Writer, SpreadsheetSafeNeutralisesFormulas) {
  WriterOptions options;
  options.safety = CellSafety::spreadsheet_safe;
  EXPECT_EQ(format_cell("=HYPERLINK(\"http://x\")", options), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(format_cell("+1+2", options), "'+1+2");
  EXPECT_EQ(format_cell("-2+3", options), "'-2+3");
  EXPECT_EQ(format_cell("@SUM(A1)", options), "'@SUM(A1)");
  EXPECT_EQ(format_cell("-0.1697", options), "-0.1697"); // a plain number stays numeric
  EXPECT_EQ(format_cell("+5", options), "+5");
  EXPECT_EQ(format_cell("NVDA", options), "NVDA");
  EXPECT_EQ(format_cell("=1", {}), "=1"); // plain mode leaves it alone
}

TEST(Writer, RoundTripsThroughTheReader) {
  const std::vector<std::string> cells{"2025-01-27", "x,\"y\"\nz", "118.42"};
  const std::string text = "date,note,close\n" + format_row(cells, {});
  const auto table = parse_table(text, "round.csv", {});
  ASSERT_EQ(table.rows.size(), 1U);
  EXPECT_EQ(table.rows[0].fields, cells);
}

} // namespace
} // namespace aftershock::csv
