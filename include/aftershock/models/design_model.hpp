#pragma once
// Normal-return models written as one linear design (design/methods.md s.3-4):
//   E[R_it] = offset_t + x_t' b,   AR_it = R_it - E[R_it],
// offset_t = RF_t for the excess-return models (CAPM, Fama-French, Carhart), 0 otherwise.
// The prediction-error correction uses the full design matrix: Var(AR_t) = s^2 (1 + x_t' P x_t)
// with P = (X'X)^-1 over the estimation rows (CLM 1997 s.4.4).
//
// Regressor rows x_t by model:
//   market, market-adjusted: (1, R_mt);  mean-adjusted: (1)
//   capm: (R_mt - RF_t), no intercept;   ff3: (1, Mkt-RF, SMB, HML);  carhart: ff3 + Mom|UMD;
//   ff5: ff3 + RMW, CMA;  dimson: (1, R_m,t-K, ..., R_m,t+K);  scholes-williams: (1, R_mt).

#include <aftershock/calendar/trading_calendar.hpp>
#include <aftershock/models/model_kind.hpp>
#include <aftershock/models/normal_model.hpp>
#include <aftershock/series/factor_table.hpp>

#include <Eigen/Dense>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace aftershock::models {

// Factor returns aligned on the study calendar (one value per calendar day, fractions, NaN =
// missing), as read from Kenneth French's files.
struct FactorColumns {
  std::vector<std::string> names;          // e.g. "Mkt-RF", "SMB", "HML", "RF", "Mom"
  std::vector<std::vector<double>> values; // values[column][calendar day]
  std::string origin;                      // the file(s) they were read from

  // The column named `name` (exact), or nullptr.
  [[nodiscard]] const std::vector<double>* find(std::string_view name) const noexcept;
};

// `table` aligned on `calendar`: a calendar date the factor file lacks gets NaN (that day then
// has no expected return under a factor model: its AR is missing, never guessed).
FactorColumns align_factors(const series::FactorTable& table,
                            const calendar::TradingCalendar& calendar);

struct ModelSpec {
  ModelKind kind = ModelKind::market;
  int dimson_lags = 1; // K for Dimson (1979): lags and leads of the market return
};

// Calendar-long inputs of one firm (index = calendar day, NaN = missing).
struct CalendarInputs {
  std::span<const double> firm;
  std::span<const double> market;
};

// offset_t and x_t of one day.
struct DesignRow {
  double offset = 0.0;
  Eigen::VectorXd x;
};

// True for the models fitted by fit_design_model (capm, ff3, carhart, ff5, dimson,
// scholes-williams); false for market, market-adjusted and mean-adjusted (fit_normal_model).
bool is_design_model(ModelKind kind) noexcept;

// The factor columns `kind` needs ("Mkt-RF", ... , "RF"; "Mom|UMD" for either momentum name).
std::vector<std::string> required_factor_columns(ModelKind kind);

class Design {
public:
  // Resolves the factor columns of `spec.kind`. Throws aftershock::Error naming every missing
  // column and the files read (factors->origin) when a factor model lacks them (or no factors
  // were given), and for Dimson K outside 1..10.
  Design(ModelSpec spec, const FactorColumns* factors);

  // The row of calendar day `day`; nullopt when an input it needs is missing (or a lag/lead
  // falls outside the calendar).
  [[nodiscard]] std::optional<DesignRow> row(const CalendarInputs& in, std::size_t day) const;
  // row() into `out`, reusing its storage (no allocation when x keeps its size); false (and
  // `out` unspecified) where row() gives nullopt.
  bool row_into(const CalendarInputs& in, std::size_t day, DesignRow& out) const;
  // Coefficient names, one per entry of x.
  [[nodiscard]] const std::vector<std::string>& names() const noexcept { return m_names; }
  [[nodiscard]] const ModelSpec& spec() const noexcept { return m_spec; }

private:
  ModelSpec m_spec;
  std::vector<const std::vector<double>*> m_factors; // in x order (after the intercept)
  const std::vector<double>* m_rf = nullptr;
  std::vector<std::string> m_names;
};

// Fits a design model on the calendar days [first, last] (the estimation window):
// - capm / ff3 / carhart / ff5 / dimson: OLS of R - offset on x; s^2 = SSE / (M - k); P = (X'X)^-1.
//   CAPM has k = 1 (intercept restricted to 0), so its divisor is M - 1.
// - scholes-williams (Scholes & Williams 1977): on the days with R_t and R_m,t-1, R_mt,
//   R_m,t+1, slopes b-, b0, b+ of three simple regressions, rho_m the first-order
//   autocorrelation of R_m on those days; beta = (b- + b0 + b+)/(1 + 2 rho_m),
//   alpha = mean R - beta mean R_m. Variance convention: s^2 = sum of squared SW residuals /
//   (M - 2), and P = (X'X)^-1 of (1, R_mt) (the OLS market-model form; the extra sampling
//   error of the SW beta is not modelled); SEs of alpha and beta use the same form.
// The Dimson coefficients are reported per lag plus "beta_sum" (sum of the slopes, SE from
// 1'V1). Residuals are returned one per day of [first, last] (NaN = unused day).
util::Result<FittedModel, FitError> fit_design_model(const Design& design, const CalendarInputs& in,
                                                     std::size_t first, std::size_t last);

} // namespace aftershock::models
