// Design rows and fits of the factor, CAPM, Dimson and Scholes-Williams models.
#include <aftershock/models/design_model.hpp>
#include <aftershock/models/ols.hpp>
#include <aftershock/util/error.hpp>

#include <cmath>
#include <limits>

namespace aftershock::models {

namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

util::Unexpected<FitError> fail(FitFailure failure, std::string reason) {
  return util::unexpected(FitError{failure, std::move(reason)});
}

bool uses_factors(ModelKind kind) noexcept {
  return kind == ModelKind::capm || kind == ModelKind::ff3 || kind == ModelKind::carhart ||
         kind == ModelKind::ff5;
}

double at(std::span<const double> x, long long day) {
  if (day < 0 || static_cast<std::size_t>(day) >= x.size())
    return k_nan;
  return x[static_cast<std::size_t>(day)];
}

// Zero residual variance (constant prices give exactly zero returns and residuals).
bool constant(double sse, const Eigen::VectorXd& y) {
  return !(sse > 1e-28 * std::max(1.0, y.squaredNorm()));
}

} // namespace

const std::vector<double>* FactorColumns::find(std::string_view name) const noexcept {
  for (std::size_t c = 0; c < names.size(); ++c)
    if (names[c] == name)
      return &values[c];
  return nullptr;
}

FactorColumns align_factors(const series::FactorTable& table,
                            const calendar::TradingCalendar& calendar) {
  FactorColumns out;
  out.names = table.columns;
  out.origin = table.origin;
  out.values.assign(table.columns.size(), std::vector<double>(calendar.size(), k_nan));
  // Both date lists increase strictly: one merge pass.
  std::size_t f = 0;
  for (std::size_t d = 0; d < calendar.size(); ++d) {
    while (f < table.dates.size() && table.dates[f] < calendar.at(d))
      ++f;
    if (f < table.dates.size() && table.dates[f] == calendar.at(d))
      for (std::size_t c = 0; c < table.columns.size(); ++c)
        out.values[c][d] = table.values[c][f];
  }
  return out;
}

bool is_design_model(ModelKind kind) noexcept {
  return uses_factors(kind) || kind == ModelKind::dimson || kind == ModelKind::scholes_williams;
}

std::vector<std::string> required_factor_columns(ModelKind kind) {
  switch (kind) {
  case ModelKind::capm:
    return {"RF"};
  case ModelKind::ff3:
    return {"Mkt-RF", "SMB", "HML", "RF"};
  case ModelKind::carhart:
    return {"Mkt-RF", "SMB", "HML", "Mom|UMD", "RF"};
  case ModelKind::ff5:
    return {"Mkt-RF", "SMB", "HML", "RMW", "CMA", "RF"};
  default:
    return {};
  }
}

Design::Design(ModelSpec spec, const FactorColumns* factors) : m_spec(spec) {
  const ModelKind kind = spec.kind;
  if (kind == ModelKind::dimson && (spec.dimson_lags < 1 || spec.dimson_lags > 10))
    throw Error("Dimson lags " + std::to_string(spec.dimson_lags) + " outside 1..10",
                "give --dimson-lags between 1 and 10");
  std::vector<std::string> missing;
  const auto column = [&](const std::string& name) -> const std::vector<double>* {
    const std::vector<double>* found = nullptr;
    if (factors != nullptr) {
      // "Mom|UMD": either name.
      std::size_t start = 0;
      while (found == nullptr && start <= name.size()) {
        const std::size_t bar = std::min(name.find('|', start), name.size());
        found = factors->find(std::string_view(name).substr(start, bar - start));
        start = bar + 1;
      }
    }
    if (found == nullptr)
      missing.push_back(name);
    return found;
  };
  for (const auto& name : required_factor_columns(kind)) {
    const auto* values = column(name);
    if (name == "RF")
      m_rf = values;
    else
      m_factors.push_back(values);
  }
  if (!missing.empty()) {
    std::string list;
    for (const auto& m : missing)
      list += (list.empty() ? "" : ", ") + m;
    const std::string read = factors == nullptr ? std::string("no factor file was given")
                                                : "factor files read: " + factors->origin;
    throw Error("model " + std::string(model_name(kind)) + " needs the factor column(s) " + list +
                    " (" + read + ")",
                "pass --factors FILE with these columns (Kenneth French daily files)");
  }
  switch (kind) {
  case ModelKind::mean_adjusted:
    m_names = {"mean"};
    break;
  case ModelKind::capm:
    m_names = {"beta"};
    break;
  case ModelKind::ff3:
    m_names = {"alpha", "b_mkt", "s_smb", "h_hml"};
    break;
  case ModelKind::carhart:
    m_names = {"alpha", "b_mkt", "s_smb", "h_hml", "m_mom"};
    break;
  case ModelKind::ff5:
    m_names = {"alpha", "b_mkt", "s_smb", "h_hml", "r_rmw", "c_cma"};
    break;
  case ModelKind::dimson:
    m_names = {"alpha"};
    for (int k = -spec.dimson_lags; k <= spec.dimson_lags; ++k)
      m_names.push_back(k == 0 ? "beta_0"
                               : (k < 0 ? "beta_lag" : "beta_lead") + std::to_string(std::abs(k)));
    break;
  default:
    m_names = {"alpha", "beta"};
  }
}

std::optional<DesignRow> Design::row(const CalendarInputs& in, std::size_t day) const {
  DesignRow r;
  if (!row_into(in, day, r))
    return std::nullopt;
  return r;
}

bool Design::row_into(const CalendarInputs& in, std::size_t day, DesignRow& r) const {
  r.offset = 0.0;
  const auto d = static_cast<long long>(day);
  const double rm = at(in.market, d);
  switch (m_spec.kind) {
  case ModelKind::mean_adjusted:
    r.x.resize(1);
    r.x(0) = 1.0;
    return true;
  case ModelKind::capm: {
    const double rf = at(*m_rf, d);
    if (!std::isfinite(rm) || !std::isfinite(rf))
      return false;
    r.offset = rf; // excess return over the risk-free rate (Sharpe 1964; CLM 1997 s.4.3)
    r.x.resize(1);
    r.x(0) = rm - rf;
    return true;
  }
  case ModelKind::ff3:
  case ModelKind::carhart:
  case ModelKind::ff5: {
    const double rf = at(*m_rf, d);
    if (!std::isfinite(rf))
      return false;
    r.offset = rf;
    r.x.resize(static_cast<Eigen::Index>(m_factors.size() + 1));
    r.x(0) = 1.0;
    for (std::size_t c = 0; c < m_factors.size(); ++c) {
      const double f = at(*m_factors[c], d);
      if (!std::isfinite(f))
        return false;
      r.x(static_cast<Eigen::Index>(c + 1)) = f;
    }
    return true;
  }
  case ModelKind::dimson: {
    const int k = m_spec.dimson_lags;
    r.x.resize(2 * k + 2);
    r.x(0) = 1.0;
    for (int j = -k; j <= k; ++j) {
      const double v = at(in.market, d + j);
      if (!std::isfinite(v))
        return false;
      r.x(j + k + 1) = v;
    }
    return true;
  }
  default:
    if (!std::isfinite(rm))
      return false;
    r.x.resize(2);
    r.x(0) = 1.0;
    r.x(1) = rm;
    return true;
  }
}

namespace {

// Scholes & Williams (1977): beta_SW = (b- + b0 + b+) / (1 + 2 rho_m), alpha_SW = mean R -
// beta_SW mean R_m (their eqs. for the consistent beta and intercept).
util::Result<FittedModel, FitError> fit_scholes_williams(const Design& design,
                                                         const CalendarInputs& in,
                                                         std::size_t first, std::size_t last) {
  std::vector<std::size_t> days;
  for (std::size_t d = first; d <= last; ++d) {
    const auto t = static_cast<long long>(d);
    if (std::isfinite(at(in.firm, t)) && std::isfinite(at(in.market, t - 1)) &&
        std::isfinite(at(in.market, t)) && std::isfinite(at(in.market, t + 1)))
      days.push_back(d);
  }
  const auto m = static_cast<Eigen::Index>(days.size());
  if (m <= 3)
    return fail(FitFailure::too_few_returns,
                std::to_string(m) + " estimation returns with lag and lead, too few to fit");
  Eigen::VectorXd y(m), lag(m), now(m), lead(m);
  for (Eigen::Index i = 0; i < m; ++i) {
    const auto t = static_cast<long long>(days[static_cast<std::size_t>(i)]);
    y(i) = at(in.firm, t);
    lag(i) = at(in.market, t - 1);
    now(i) = at(in.market, t);
    lead(i) = at(in.market, t + 1);
  }
  const auto slope = [&](const Eigen::VectorXd& x) {
    const Eigen::ArrayXd dx = x.array() - x.mean();
    const double sxx = dx.square().sum();
    return sxx > 0.0 ? (dx * (y.array() - y.mean())).sum() / sxx : k_nan;
  };
  // rho_m: correlation of R_mt with R_m,t-1 on the same days (SW 1977, the denominator 1 + 2 rho).
  const Eigen::ArrayXd a = now.array() - now.mean();
  const Eigen::ArrayXd b = lag.array() - lag.mean();
  const double rho = (a * b).sum() / std::sqrt(a.square().sum() * b.square().sum());
  const double beta = (slope(lag) + slope(now) + slope(lead)) / (1.0 + 2.0 * rho);
  if (!std::isfinite(beta))
    return fail(FitFailure::singular_design, "the market returns are constant in the estimation "
                                             "window");
  const double alpha = y.mean() - beta * now.mean();
  Eigen::MatrixXd x(m, 2);
  x.col(0).setOnes();
  x.col(1) = now;
  const Eigen::VectorXd residuals = y - x * Eigen::Vector2d(alpha, beta);
  const double sse = residuals.squaredNorm();
  if (constant(sse, y))
    return fail(FitFailure::constant_returns, "the estimation returns are constant");
  FittedModel model;
  model.kind = ModelKind::scholes_williams;
  model.names = design.names();
  model.coefficients = Eigen::Vector2d(alpha, beta);
  model.n = static_cast<int>(m);
  model.df = static_cast<int>(m) - 2;
  model.sigma = std::sqrt(sse / model.df);
  model.prediction_matrix = (x.transpose() * x).inverse();
  model.standard_errors =
      (model.sigma * model.sigma * model.prediction_matrix.diagonal().array()).sqrt().matrix();
  const double sst = (y.array() - y.mean()).square().sum();
  model.r2 = sst > 0.0 ? 1.0 - sse / sst : k_nan;
  model.residuals.assign(last - first + 1, k_nan);
  for (std::size_t i = 0; i < days.size(); ++i)
    model.residuals[days[i] - first] = residuals(static_cast<Eigen::Index>(i));
  return model;
}

} // namespace

util::Result<FittedModel, FitError> fit_design_model(const Design& design, const CalendarInputs& in,
                                                     std::size_t first, std::size_t last) {
  if (design.spec().kind == ModelKind::scholes_williams)
    return fit_scholes_williams(design, in, first, last);
  std::vector<std::size_t> days;
  std::vector<DesignRow> rows;
  for (std::size_t d = first; d <= last; ++d) {
    if (!std::isfinite(at(in.firm, static_cast<long long>(d))))
      continue;
    if (auto r = design.row(in, d)) {
      days.push_back(d);
      rows.push_back(std::move(*r));
    }
  }
  const auto m = static_cast<Eigen::Index>(rows.size());
  const auto k = static_cast<Eigen::Index>(design.names().size());
  if (m <= k)
    return fail(FitFailure::too_few_returns,
                std::to_string(m) + " estimation returns, too few to fit the model");
  Eigen::MatrixXd x(m, k);
  Eigen::VectorXd y(m);
  for (Eigen::Index i = 0; i < m; ++i) {
    const auto& r = rows[static_cast<std::size_t>(i)];
    x.row(i) = r.x.transpose();
    y(i) = in.firm[days[static_cast<std::size_t>(i)]] - r.offset;
  }
  auto fit = fit_ols(x, y, design.names(), VarianceDivisor::residual_df);
  if (!fit)
    return fail(FitFailure::singular_design, "the regressors are collinear or constant in the "
                                             "estimation window");
  if (constant(fit->sse, y))
    return fail(FitFailure::constant_returns, "the estimation returns are constant (" +
                                                  std::to_string(m) +
                                                  " returns, zero residual variance)");
  FittedModel model;
  model.kind = design.spec().kind;
  model.names = fit->names;
  model.coefficients = fit->coefficients;
  model.standard_errors = fit->standard_errors;
  model.sigma = fit->sigma;
  // CAPM without intercept: R^2 about the mean of the excess return, as for the others.
  model.r2 = fit->r2;
  model.n = fit->n;
  model.df = fit->df;
  model.prediction_matrix = fit->xtx_inverse;
  model.residuals.assign(last - first + 1, k_nan);
  for (std::size_t i = 0; i < days.size(); ++i)
    model.residuals[days[i] - first] = fit->residuals(static_cast<Eigen::Index>(i));
  return model;
}

} // namespace aftershock::models
