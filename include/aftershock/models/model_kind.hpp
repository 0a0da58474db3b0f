#pragma once
// The normal-return models and the convention sets that change how they are estimated.

#include <optional>
#include <string_view>

namespace aftershock::models {

enum class ModelKind {
  market,           // R_it = a_i + b_i R_mt + e_it by OLS (MacKinlay 1997, eq. 7)
  market_adjusted,  // E[R_it] = R_mt (a = 0, b = 1)
  mean_adjusted,    // E[R_it] = mean of R_i over the estimation window
  capm,             // R_i - RF = b (R_m - RF) + e, intercept restricted to 0 (Sharpe 1964)
  ff3,              // R_i - RF = a + b Mkt-RF + s SMB + h HML + e (Fama & French 1993)
  carhart,          // ff3 + m Mom (Carhart 1997); momentum column "Mom" or "UMD"
  ff5,              // ff3 + r RMW + c CMA (Fama & French 2015)
  scholes_williams, // Scholes & Williams (1977) beta from lag, lead and same-day slopes
  dimson,           // Dimson (1979): R_i on R_m,t-K .. R_m,t+K (K lags and leads)
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
