#pragma once
// Shares outstanding per ticker, on the same split basis as the bundled close prices.

#include <aftershock/calendar/date.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aftershock::series {

struct SharesRecord {
  std::string ticker;
  double shares = 0.0;                 // count of shares (not millions)
  std::optional<calendar::Date> as_of; // cover date of the filing, when known
  std::string source;                  // free text: filing, URL, caveats
};

struct SharesTable {
  std::vector<SharesRecord> records;
  std::string origin; // file it was read from

  // The record for `ticker`, or nullptr when the table has none.
  [[nodiscard]] const SharesRecord* find(std::string_view ticker) const noexcept;
};

} // namespace aftershock::series
