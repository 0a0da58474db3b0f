#pragma once
// The CSV rendering of one table of a study result (`--format csv --table NAME`), for scripts:
// a header row of stable column names in a stable order, numbers at full precision (shortest
// round-trip), missing values as empty fields, RFC 4180 quoting where a field needs it.
//
// Columns (every table starts with event_id):
//   firms:          ticker,status,reason,alpha,beta,sigma,r2,n_estimation,market_cap_before,
//                   shares,shares_as_of
//   days:           ticker,offset,date,return,market_return,expected_return,abnormal_return,se,t
//   cars:           ticker,window_start,window_end,car,se,t,p_value,bhar,market_cap_change,
//                   abnormal_dollar_change,normal_dollar_change
//   aggregate-days: offset,date,n,aar, then <test>_statistic,<test>_p_value per test
//   aggregate-cars: window_start,window_end,n,caar, the test pairs, market_cap_change,
//                   abnormal_dollar_change,normal_dollar_change,gross_abnormal_loss,
//                   gross_abnormal_gain,gross_market_cap_loss,gross_market_cap_gain,
//                   value_weighted_caar
// Tests: the selected ones (config --tests), in the battery order (study/test_selection.hpp).

#include <aftershock/report/render.hpp>
#include <aftershock/study/result.hpp>
#include <aftershock/study/test_selection.hpp>

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace aftershock::report {

// Every aggregate test key, in the engine's documented order (README "Tests"; defined once, in
// study/test_selection.hpp); CSV tables carry a statistic and a p-value column for each selected
// test.
inline constexpr const auto& k_test_names = study::k_test_names;

// The headline tests shown in the people-facing tables (table, markdown), which must fit 100
// columns: the ones to read for a one-date shock are t_cda and bmp_kp.
inline constexpr std::array<std::string_view, 5> k_headline_test_names{"t_csect", "t_cda", "patell",
                                                                       "bmp", "bmp_kp"};

// Renders `table` of `result` as CSV (LF line ends, header first). With `columns` not empty,
// only those columns, in that order (throws UsageError for an unknown name). Under
// CellSafety::spreadsheet_safe, cells a spreadsheet would run as a formula get a leading '
// (csv/writer.hpp).
std::string render_csv(const study::StudyResult& result, CsvTable table,
                       const std::vector<std::string>& columns = {},
                       csv::CellSafety safety = csv::CellSafety::plain);

// Quotes `field` when it holds a comma, a double quote, CR or LF (quotes doubled).
std::string csv_field(std::string_view field);

} // namespace aftershock::report
