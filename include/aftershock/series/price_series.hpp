#pragma once
// One ticker's prices as read from a source, before alignment to the trading calendar.

#include <aftershock/calendar/date.hpp>

#include <string>
#include <vector>

namespace aftershock::series {

struct PriceSeries {
  std::string ticker;
  std::vector<calendar::Date> dates; // strictly increasing
  std::vector<double> close;         // split-adjusted close, > 0 (Yahoo "Close")
  std::vector<double> adj_close;     // split- and dividend-adjusted; empty when the column is
                                     // absent, NaN on rows where the cell is empty
  std::vector<double> volume;        // empty when absent, NaN on empty cells
  std::string origin;                // where it came from, e.g. "data/prices/NVDA.csv:2"
};

} // namespace aftershock::series
