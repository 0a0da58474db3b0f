#include <aftershock/series/factor_table.hpp>
#include <aftershock/util/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <map>

namespace aftershock::series {
namespace {

constexpr double k_same_value_tolerance = 1e-12;

bool same_value(double a, double b) {
  if (std::isnan(a) || std::isnan(b))
    return std::isnan(a) && std::isnan(b);
  return std::fabs(a - b) <= k_same_value_tolerance;
}

} // namespace

const std::vector<double>* FactorTable::find(std::string_view column) const noexcept {
  for (std::size_t c = 0; c < columns.size(); ++c)
    if (columns[c] == column)
      return &values[c];
  return nullptr;
}

FactorTable join_on_date(const std::vector<FactorTable>& tables) {
  FactorTable joined;
  if (tables.empty())
    return joined;
  // Dates present in every table.
  std::vector<calendar::Date> dates = tables.front().dates;
  for (std::size_t t = 1; t < tables.size(); ++t) {
    std::vector<calendar::Date> common;
    std::set_intersection(dates.begin(), dates.end(), tables[t].dates.begin(),
                          tables[t].dates.end(), std::back_inserter(common));
    dates = std::move(common);
  }
  joined.dates = dates;
  std::map<std::string, std::size_t> column_owner; // column name -> table index
  for (std::size_t t = 0; t < tables.size(); ++t) {
    const auto& table = tables[t];
    if (!joined.origin.empty())
      joined.origin += " + ";
    joined.origin += table.origin;
    // Row index in `table` of each joined date (both lists are sorted).
    std::vector<std::size_t> rows;
    rows.reserve(dates.size());
    std::size_t cursor = 0;
    for (const auto date : dates) {
      while (table.dates[cursor] != date)
        ++cursor;
      rows.push_back(cursor);
    }
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      std::vector<double> column;
      column.reserve(rows.size());
      for (const auto row : rows)
        column.push_back(table.values[c][row]);
      const auto owner = column_owner.find(table.columns[c]);
      if (owner == column_owner.end()) {
        column_owner.emplace(table.columns[c], t);
        joined.columns.push_back(table.columns[c]);
        joined.values.push_back(std::move(column));
        continue;
      }
      const auto* existing = joined.find(table.columns[c]);
      for (std::size_t d = 0; d < dates.size(); ++d) {
        if (!same_value((*existing)[d], column[d]))
          throw Error(fmt::format("factor column \"{}\" is in both {} and {} with different "
                                  "values on {} ({} vs {})",
                                  table.columns[c], tables[owner->second].origin, table.origin,
                                  calendar::format_iso(dates[d]), (*existing)[d], column[d]),
                      "pass only one of the files that hold this column, or files from the "
                      "same release");
      }
    }
  }
  return joined;
}

} // namespace aftershock::series
