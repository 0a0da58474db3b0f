// The human-readable renderers: content present, width within 100 columns, Markdown tables.
#include <aftershock/report/markdown_renderer.hpp>
#include <aftershock/report/render.hpp>
#include <aftershock/report/sections.hpp>
#include <aftershock/report/table_renderer.hpp>
#include <aftershock/report/text_table.hpp>
#include <aftershock/util/parse.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sample_result.hpp"

namespace aftershock::report {
namespace {

using ::testing::HasSubstr;

const RunInputs k_inputs{{"data/"}, "data/shares_outstanding.csv"};

TEST(TableRenderer, ShowsConventionsEventAndTables) {
  const auto text = render_table(test::sample_result(), k_inputs);
  const auto& c = test::sample_result().conventions;
  for (const auto* value :
       {&c.convention, &c.return_type, &c.gap_policy, &c.price_basis, &c.variance_divisor,
        &c.prediction_error, &c.market_mean_basis, &c.car_variance, &c.p_values,
        &c.non_trading_policy, &c.dollar_measure, &c.market_cap})
    EXPECT_THAT(text, HasSubstr(*value));
  EXPECT_THAT(text, HasSubstr("requested 2025-01-26 (Sun), day 0 2025-01-27 (Mon)"));
  EXPECT_THAT(text, HasSubstr("-16.97%"));      // NVDA day-0 return
  EXPECT_THAT(text, HasSubstr("-$593.0bn"));    // NVDA day-0 market-cap change
  EXPECT_THAT(text, HasSubstr("-4.00 (.250)")); // t_cda on day 0: statistic (p)
  EXPECT_THAT(text, HasSubstr("1 firms without shares excluded: ARM"));
  EXPECT_THAT(text, HasSubstr("edatamissing  only 40 estimation returns, need 100"));
  EXPECT_THAT(text, HasSubstr("28 price files read"));
}

TEST(TableRenderer, FitsIn100Columns) {
  auto result = test::sample_result();
  // Long engine notes and convention strings are wrapped, not cut.
  result.notes.push_back("Window tests use CAR_i and SCAR_i = CAR_i / sqrt(Var(CAR_i)) (Kolari & "
                         "Pynnonen 2010 form); Patell Z uses residual df M_i - k and more words");
  result.conventions.prediction_error =
      "s^2(1 + 1/M + (Rm_t - Rbar_m)^2/S_xx), Rbar_m and S_xx over the whole estimation window "
      "(estudy2)";
  const auto text = render_table(result, k_inputs);
  EXPECT_THAT(text, HasSubstr("Patell\n    Z uses")); // continuation line, indented
  EXPECT_THAT(text, HasSubstr("window (estudy2)"));
  for (const auto& line : util::split(text, '\n'))
    EXPECT_LE(line.size(), 100U) << line;
}

TEST(MarkdownRenderer, TablesAndConventions) {
  const auto text = render_markdown(test::sample_result(), k_inputs);
  EXPECT_THAT(text, HasSubstr("- **p-values**: two-sided"));
  EXPECT_THAT(text, HasSubstr("| Ticker | Return | AR | t |"));
  EXPECT_THAT(text, HasSubstr("|:---|---:|"));
  EXPECT_THAT(text, HasSubstr("| NVDA | -16.97% |"));
}

TEST(TextTable, AlignsAndEscapes) {
  TextTable table{{"Name", "Value"}, {Align::left}, {{"a", "1"}, {"long|name", "22"}}};
  EXPECT_EQ(render_aligned(table, 0), "Name       Value\n"
                                      "---------  -----\n"
                                      "a              1\n"
                                      "long|name     22\n");
  EXPECT_EQ(render_markdown(table), "| Name | Value |\n"
                                    "|:---|---:|\n"
                                    "| a | 1 |\n"
                                    "| long\\|name | 22 |\n");
}

TEST(Render, DispatchesOnFormat) {
  RenderOptions options;
  options.format = Format::csv;
  options.csv_table = CsvTable::firms;
  EXPECT_THAT(render(test::sample_result(), options), HasSubstr("event_id,ticker,status"));
  options.format = Format::json;
  EXPECT_THAT(render(test::sample_result(), options), HasSubstr("\"schema_version\": 1"));
  EXPECT_EQ(parse_format_name("markdown"), Format::markdown);
  EXPECT_FALSE(parse_format_name("xml").has_value());
}

} // namespace
} // namespace aftershock::report
