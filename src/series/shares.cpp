#include <aftershock/series/shares.hpp>

namespace aftershock::series {

const SharesRecord* SharesTable::find(std::string_view ticker) const noexcept {
  for (const auto& record : records)
    if (record.ticker == ticker)
      return &record;
  return nullptr;
}

} // namespace aftershock::series
