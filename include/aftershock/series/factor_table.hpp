#pragma once
// Daily factor returns (Fama-French, momentum, risk-free rate) on their own dates, as fractions.

#include <aftershock/calendar/date.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace aftershock::series {

struct FactorTable {
  std::vector<calendar::Date> dates;       // strictly increasing
  std::vector<std::string> columns;        // factor names as in the file, e.g. "Mkt-RF", "RF"
  std::vector<std::vector<double>> values; // values[column][date], fractions (0.01 = 1%); NaN
                                           // where the source marks a value missing
  std::string origin;                      // file(s) it was read from

  // The values of `column` (exact name), or nullptr.
  [[nodiscard]] const std::vector<double>* find(std::string_view column) const noexcept;
};

// Joins tables on date (inner join: dates present in every table). A column name present in
// several tables is kept once when its values agree on every joined date (to 1e-12, e.g. RF in
// both the 3- and the 5-factor file); otherwise aftershock::Error is thrown naming the column,
// the date and both files.
FactorTable join_on_date(const std::vector<FactorTable>& tables);

} // namespace aftershock::series
