#pragma once
// The normal-return models and the convention sets that change how they are estimated.

#include <optional>
#include <string_view>

namespace aftershock::models {

enum class ModelKind {
  market,          // R_it = a_i + b_i R_mt + e_it by OLS (MacKinlay 1997, eq. 7)
  market_adjusted, // E[R_it] = R_mt (a = 0, b = 1)
  mean_adjusted,   // E[R_it] = mean of R_i over the estimation window
};

// Convention sets (design/methods.md section 5). `textbook` is the default; `estudy2`
// reproduces the R package estudy2: residual divisor M-1, market mean and S_xx over the whole
// estimation window, log returns spanning gaps.
enum class Convention { textbook, estudy2 };

std::string_view model_name(ModelKind kind) noexcept;
std::optional<ModelKind> parse_model_name(std::string_view name) noexcept;
std::string_view convention_name(Convention convention) noexcept;
std::optional<Convention> parse_convention_name(std::string_view name) noexcept;

} // namespace aftershock::models
