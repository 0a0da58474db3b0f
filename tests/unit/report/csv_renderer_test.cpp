// CSV tables: stable headers, full precision, empty fields for missing values, quoting.
// Expected values are the inputs of sample_result.hpp.
#include <aftershock/report/csv_renderer.hpp>
#include <aftershock/util/parse.hpp>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "sample_result.hpp"

namespace aftershock::report {
namespace {

std::vector<std::string> lines(const std::string& text) {
  auto out = util::split(text, '\n');
  EXPECT_EQ(out.back(), ""); // ends with a newline
  out.pop_back();
  return out;
}

TEST(CsvRenderer, CarsIsTheDefaultTable) {
  EXPECT_EQ(RenderOptions{}.csv_table, CsvTable::cars);
}

TEST(CsvRenderer, Cars) {
  const auto rows = lines(render_csv(test::sample_result(), CsvTable::cars));
  ASSERT_EQ(rows.size(), 5U); // header + 2 firms x 2 windows; the not-ok firm has no CARs
  EXPECT_EQ(rows[0], "event_id,ticker,window_start,window_end,car,se,t,p_value,bhar,"
                     "market_cap_change,abnormal_dollar_change,normal_dollar_change,event_window_"
                     "start,event_window_end,estimation_start,estimation_end");
  EXPECT_EQ(rows[1], "deepseek,NVDA,0,0,-0.1482,0.02,-7.41,0,-0.1482,-593000000000,"
                     "-520000000000,-73000000000,-1,1,-260,-11");
  EXPECT_EQ(rows[3], "deepseek,ARM,0,0,-0.07,0.03,-2.25,0.03,-0.07,,,,-1,1,-260,-11");
}

TEST(CsvRenderer, Days) {
  const auto rows = lines(render_csv(test::sample_result(), CsvTable::days));
  ASSERT_EQ(rows.size(), 7U);
  EXPECT_EQ(
      rows[0],
      "event_id,ticker,offset,date,return,market_return,expected_return,"
      "abnormal_return,se,t,event_window_start,event_window_end,estimation_start,estimation_end");
  EXPECT_EQ(rows[2],
            "deepseek,NVDA,0,2025-01-27,-0.1697,-0.015,-0.0215,-0.1482,0.02,-7.41,-1,1,-260,-11");
  EXPECT_EQ(rows[4], "deepseek,ARM,-1,2025-01-24,,0.005,0.009,,0.03,,-1,1,-260,-11");
}

TEST(CsvRenderer, FirmsQuotesReasonsWithCommas) {
  const auto rows = lines(render_csv(test::sample_result(), CsvTable::firms));
  ASSERT_EQ(rows.size(), 4U);
  EXPECT_EQ(rows[0], "event_id,ticker,status,reason,alpha,beta,sigma,r2,n_estimation,"
                     "market_cap_before,shares,shares_as_of,event_window_start,event_window_end,"
                     "estimation_start,estimation_end");
  EXPECT_EQ(rows[1], "deepseek,NVDA,ok,,0.001,1.5,0.02,0.25,250,3500000000000,24490000000,"
                     "2024-11-15,-1,1,-260,-11");
  EXPECT_EQ(rows[2], "deepseek,ARM,ok,,-0.0005,2,0.03,,240,,,,-1,1,-260,-11");
  EXPECT_EQ(rows[3], "deepseek,XYZ,edatamissing,\"only 40 estimation returns, need 100\","
                     ",,,,40,,,,-1,1,-260,-11");
}

// The value of column `name` in `row`, both split on commas (no quoted fields here).
std::string column(const std::string& header, const std::string& row, std::string_view name) {
  const auto names = util::split(header, ',');
  const auto values = util::split(row, ',');
  for (std::size_t i = 0; i < names.size() && i < values.size(); ++i)
    if (names[i] == name)
      return values[i];
  return "<no column " + std::string(name) + ">";
}

TEST(CsvRenderer, AggregateDays) {
  const auto rows = lines(render_csv(test::sample_result(), CsvTable::aggregate_days));
  ASSERT_EQ(rows.size(), 4U);
  std::string expected_header = "event_id,offset,date,n,aar";
  for (const auto name : k_test_names)
    expected_header += fmt::format(",{0}_statistic,{0}_p_value", name);
  EXPECT_EQ(rows[0], expected_header);
  EXPECT_TRUE(rows[2].starts_with("deepseek,0,2025-01-27,2,-0.1091,"));
  EXPECT_EQ(column(rows[0], rows[2], "t_csect_statistic"), "-4");
  EXPECT_EQ(column(rows[0], rows[2], "t_csect_p_value"), "0.5");
  EXPECT_EQ(column(rows[0], rows[2], "t_cda_p_value"), "0.25");
  EXPECT_EQ(column(rows[0], rows[2], "patell_p_value"), "0.125");
  EXPECT_EQ(column(rows[0], rows[2], "bmp_p_value"), "0.0625");
  EXPECT_EQ(column(rows[0], rows[2], "bmp_kp_statistic"), ""); // absent test: empty fields
  EXPECT_EQ(column(rows[0], rows[2], "wilcoxon_p_value"), "");
}

TEST(CsvRenderer, AggregateCars) {
  const auto rows = lines(render_csv(test::sample_result(), CsvTable::aggregate_cars));
  ASSERT_EQ(rows.size(), 3U);
  std::string expected_header = "event_id,window_start,window_end,n,caar";
  for (const auto name : k_test_names)
    expected_header += fmt::format(",{0}_statistic,{0}_p_value", name);
  expected_header += ",market_cap_change,abnormal_dollar_change,normal_dollar_change,"
                     "gross_abnormal_loss,gross_abnormal_gain,gross_market_cap_loss,"
                     "gross_market_cap_gain,value_weighted_caar";
  EXPECT_EQ(rows[0], expected_header);
  EXPECT_TRUE(rows[1].starts_with("deepseek,0,0,2,-0.1091,-4,0.5,"));
  EXPECT_TRUE(rows[1].ends_with(
      ",-593000000000,-520000000000,-73000000000,-520000000000,0,-593000000000,0,-0.1482"));
  EXPECT_EQ(column(rows[0], rows[1], "bmp_statistic"), "-4");
  EXPECT_EQ(column(rows[0], rows[1], "bmp_p_value"), "0.0625");
}

TEST(CsvRenderer, FieldQuoting) {
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
}

TEST(CsvRenderer, TableNames) {
  EXPECT_EQ(parse_csv_table_name("aggregate-days"), CsvTable::aggregate_days);
  EXPECT_EQ(csv_table_name(CsvTable::aggregate_cars), "aggregate-cars");
  EXPECT_FALSE(parse_csv_table_name("ar").has_value());
}

} // namespace
} // namespace aftershock::report
