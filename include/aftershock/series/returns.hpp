#pragma once
// Daily returns from aligned prices.

#include <aftershock/series/panel.hpp>

#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace aftershock::series {

// Convention: simple P_t/P_{t-1} - 1 (default) or log ln(P_t/P_{t-1}).
enum class ReturnType { simple, log };

// Convention for a return whose previous trading day has no price.
enum class GapPolicy {
  missing, // default: the return after a gap is missing (Eventus: the first return after a
           // missing price is not usable)
  span,    // the return spans the gap, P_t / P_prev with P_prev the last available price
           // (estudy2 multi_day = TRUE)
};

// Which price column returns are computed from.
enum class PriceBasis {
  adjusted_if_present, // adj_close when the column has it for every priced day, else close
  close,               // always close
};

// Returns on the calendar of `prices`: element d is the return from trading day d-1 to d;
// element 0, days without a price and (under GapPolicy::missing) days after a gap are NaN.
std::vector<double> compute_returns(std::span<const double> prices, ReturnType type,
                                    GapPolicy gaps);

// The price column of `column` that `basis` selects, and whether it is the adjusted one.
struct SelectedPrices {
  std::span<const double> prices;
  bool adjusted = false;
};
SelectedPrices select_prices(const PanelColumn& column, PriceBasis basis) noexcept;

std::string_view return_type_name(ReturnType type) noexcept;
std::optional<ReturnType> parse_return_type(std::string_view name) noexcept;
std::string_view gap_policy_name(GapPolicy policy) noexcept;
std::optional<GapPolicy> parse_gap_policy(std::string_view name) noexcept;

} // namespace aftershock::series
