// --columns, one-table output in the people formats, LaTeX escaping and --csv-safe. Expected
// cells are the sample's inputs (sample_result.hpp) formatted by hand.
#include <aftershock/report/csv_renderer.hpp>
#include <aftershock/report/data_table.hpp>
#include <aftershock/report/latex_renderer.hpp>
#include <aftershock/report/render.hpp>
#include <aftershock/util/error.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sample_result.hpp"

namespace aftershock::report {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST(Columns, CsvKeepsTheChosenColumnsInTheGivenOrder) {
  const auto csv = render_csv(test::sample_result(), CsvTable::firms, {"status", "ticker"});
  EXPECT_EQ(csv, "status,ticker\nok,NVDA\nok,ARM\nedatamissing,XYZ\n");
}

TEST(Columns, UnknownNameIsAUsageErrorListingTheValidOnes) {
  try {
    check_columns(CsvTable::firms, {"ticker", "tickr"});
    FAIL() << "no error";
  } catch (const UsageError& error) {
    EXPECT_EQ(error.code(), ExitCode::usage);
    EXPECT_THAT(error.what(), HasSubstr("unknown column \"tickr\" for --table firms"));
    EXPECT_THAT(error.what(),
                HasSubstr("valid columns: event_id,ticker,status,reason,alpha,beta,sigma,r2,"
                          "n_estimation,market_cap_before,shares,shares_as_of"));
  }
}

TEST(Columns, EveryTableListsItsCsvHeader) {
  for (const auto table : {CsvTable::firms, CsvTable::days, CsvTable::cars,
                           CsvTable::aggregate_days, CsvTable::aggregate_cars}) {
    const auto csv = render_csv(test::sample_result(), table);
    std::string header;
    for (const auto& name : data_table_columns(table))
      header += (header.empty() ? "" : ",") + name;
    EXPECT_THAT(csv, StartsWith(header + "\n")) << csv_table_name(table);
  }
}

TEST(Columns, MarkdownShowsOneTableFormattedByColumnKind) {
  RenderOptions options;
  options.format = Format::markdown;
  options.csv_table = CsvTable::firms;
  options.columns = {"ticker", "status"};
  EXPECT_EQ(
      render(test::sample_result(), options),
      "| ticker | status |\n|:---|:---|\n| NVDA | ok |\n| ARM | ok |\n| XYZ | edatamissing |\n");
}

TEST(Latex, EscapesEverySpecialCharacter) {
  EXPECT_EQ(latex_escape(R"(a_b & 5% $x #1 {y} ~ ^ \ <.001 |)"),
            R"(a\_b \& 5\% \$x \#1 \{y\} \textasciitilde{} \textasciicircum{} \textbackslash{} )"
            R"(\textless{}.001 \textbar{})");
}

TEST(Latex, TableIsBooktabs) {
  TextTable table;
  table.headers = {"Ticker", "CAR"};
  table.align = {Align::left};
  table.rows = {{"NVDA", "-16.97%"}};
  EXPECT_EQ(render_latex(table), "\\begin{tabular}{lr}\n\\toprule\nTicker & CAR \\\\\n\\midrule\n"
                                 "NVDA & -16.97\\% \\\\\n\\bottomrule\n\\end{tabular}\n");
}

TEST(Latex, FullReportHasEverySection) {
  RenderOptions options;
  options.format = Format::latex;
  const auto text = render(test::sample_result(), options);
  EXPECT_THAT(text, HasSubstr("\\section*{Conventions}"));
  EXPECT_THAT(text, HasSubstr("\\subsection*{Firms not included}"));
  EXPECT_THAT(text, HasSubstr("\\toprule"));
  EXPECT_THAT(text, HasSubstr("\\item 28 price files read"));
}

TEST(CsvSafe, NeutralisesFormulaCellsButNotNumbers) {
  auto result = test::sample_result();
  result.events.at(0).firms.at(2).reason = "=HYPERLINK(\"http://x\")";
  result.events.at(0).firms.at(0).ticker = "@SUM";
  const auto csv = render_csv(result, CsvTable::firms, {"ticker", "reason", "alpha"},
                              csv::CellSafety::spreadsheet_safe);
  EXPECT_THAT(csv, HasSubstr("'@SUM,"));
  EXPECT_THAT(csv, HasSubstr("\"'=HYPERLINK(\"\"http://x\"\")\""));
  const auto plain = render_csv(result, CsvTable::firms, {"ticker", "reason"});
  EXPECT_THAT(plain, HasSubstr("\n@SUM,"));
}

} // namespace
} // namespace aftershock::report
