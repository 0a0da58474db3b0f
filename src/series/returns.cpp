#include <aftershock/series/returns.hpp>

#include <cmath>
#include <limits>

namespace aftershock::series {

std::vector<double> compute_returns(std::span<const double> prices, ReturnType type,
                                    GapPolicy gaps) {
  constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> returns(prices.size(), k_nan);
  double previous = k_nan; // last available price (for GapPolicy::span)
  for (std::size_t d = 0; d < prices.size(); ++d) {
    const double price = prices[d];
    if (std::isnan(price)) {
      if (gaps == GapPolicy::missing)
        previous = k_nan;
      continue;
    }
    if (!std::isnan(previous)) {
      // Simple: P_t/P_{t-1} - 1; log: ln(P_t/P_{t-1}) (Campbell, Lo & MacKinlay 1997, 1.4).
      returns[d] = type == ReturnType::simple ? price / previous - 1.0 : std::log(price / previous);
    }
    previous = price;
  }
  return returns;
}

SelectedPrices select_prices(const PanelColumn& column, PriceBasis basis) noexcept {
  if (basis == PriceBasis::adjusted_if_present && column.has_adj_close)
    return {column.adj_close, true};
  return {column.close, false};
}

std::string_view return_type_name(ReturnType type) noexcept {
  return type == ReturnType::simple ? "simple" : "log";
}

std::optional<ReturnType> parse_return_type(std::string_view name) noexcept {
  if (name == "simple")
    return ReturnType::simple;
  if (name == "log")
    return ReturnType::log;
  return std::nullopt;
}

std::string_view gap_policy_name(GapPolicy policy) noexcept {
  return policy == GapPolicy::missing ? "missing" : "span";
}

std::optional<GapPolicy> parse_gap_policy(std::string_view name) noexcept {
  if (name == "missing")
    return GapPolicy::missing;
  if (name == "span")
    return GapPolicy::span;
  return std::nullopt;
}

} // namespace aftershock::series
