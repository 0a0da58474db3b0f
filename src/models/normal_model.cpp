#include <aftershock/models/normal_model.hpp>
#include <aftershock/models/ols.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace aftershock::models {

namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

bool usable(const EstimationData& data, std::size_t d) {
  return std::isfinite(data.firm[d]) && std::isfinite(data.market[d]);
}

util::Unexpected<FitError> fail(FitFailure failure, std::string reason) {
  return util::unexpected(FitError{failure, std::move(reason)});
}

// Zero residual variance (constant prices give exactly zero returns and residuals).
bool constant(double sse, const Eigen::VectorXd& y) {
  return !(sse > 1e-28 * std::max(1.0, y.squaredNorm()));
}

// estudy2's prediction-error form (estudy2 R/parametric_tests.R, patell): the market mean and
// S_xx run over every estimation day of the market series, while 1/M uses the firm's M.
// x'Px = 1/M + (R_m - Rbar)^2 / S_xx = 1/M + (Rbar^2 - 2 Rbar R_m + R_m^2) / S_xx.
Eigen::MatrixXd whole_window_matrix(std::span<const double> market, int m) {
  double sum = 0.0;
  int count = 0;
  for (double r : market)
    if (std::isfinite(r)) {
      sum += r;
      ++count;
    }
  const double mean = sum / count;
  double sxx = 0.0;
  for (double r : market)
    if (std::isfinite(r))
      sxx += (r - mean) * (r - mean);
  Eigen::MatrixXd p(2, 2);
  p(0, 0) = 1.0 / m + mean * mean / sxx;
  p(0, 1) = -mean / sxx;
  p(1, 0) = -mean / sxx;
  p(1, 1) = 1.0 / sxx;
  return p;
}

} // namespace

int usable_days(const EstimationData& data) noexcept {
  int count = 0;
  for (std::size_t d = 0; d < data.firm.size(); ++d)
    count += usable(data, d) ? 1 : 0;
  return count;
}

Eigen::VectorXd FittedModel::regressors(double market_return) const {
  if (kind == ModelKind::mean_adjusted)
    return Eigen::VectorXd::Ones(1);
  Eigen::VectorXd x(2);
  x << 1.0, market_return;
  return x;
}

double FittedModel::expected_return(double market_return) const {
  if (kind == ModelKind::mean_adjusted)
    return coefficients(0);
  return coefficients.dot(regressors(market_return)); // a + b R_m (MacKinlay 1997, market model)
}

double FittedModel::ar_variance(double market_return) const {
  const Eigen::VectorXd x = regressors(market_return);
  return sigma * sigma * (1.0 + x.dot(prediction_matrix * x));
}

double FittedModel::car_variance(std::span<const double> market_returns) const {
  // 1'X* is the sum of the event-day regressor rows.
  Eigen::VectorXd total = Eigen::VectorXd::Zero(prediction_matrix.rows());
  for (double r : market_returns)
    total += regressors(r);
  const auto length = static_cast<double>(market_returns.size());
  return sigma * sigma * (length + total.dot(prediction_matrix * total));
}

double FittedModel::expected_return_at(const Eigen::VectorXd& x, double offset) const {
  return offset + coefficients.dot(x);
}

double FittedModel::ar_variance_at(const Eigen::VectorXd& x) const {
  // Prediction-error variance with the full design matrix (CLM 1997 s.4.4, eq. 4.4.8 form).
  return sigma * sigma * (1.0 + x.dot(prediction_matrix * x));
}

double FittedModel::car_variance_of(std::span<const Eigen::VectorXd> rows) const {
  Eigen::VectorXd total = Eigen::VectorXd::Zero(prediction_matrix.rows());
  for (const auto& x : rows)
    total += x;
  return sigma * sigma * (static_cast<double>(rows.size()) + total.dot(prediction_matrix * total));
}

util::Result<FittedModel, FitError> fit_normal_model(ModelKind kind, Convention convention,
                                                     const EstimationData& data) {
  const int m = usable_days(data);
  if (kind != ModelKind::market && kind != ModelKind::market_adjusted &&
      kind != ModelKind::mean_adjusted)
    return fail(FitFailure::singular_design,
                "fit_normal_model: use fit_design_model for " + std::string(model_name(kind)));
  const int k = kind == ModelKind::market ? 2 : 1;
  if (m <= k)
    return fail(FitFailure::too_few_returns,
                std::to_string(m) + " estimation returns, too few to fit the model");
  Eigen::VectorXd y(m);
  Eigen::VectorXd rm(m);
  for (std::size_t d = 0, row = 0; d < data.firm.size(); ++d)
    if (usable(data, d)) {
      y(static_cast<Eigen::Index>(row)) = data.firm[d];
      rm(static_cast<Eigen::Index>(row)) = data.market[d];
      ++row;
    }

  FittedModel model;
  model.kind = kind;
  model.convention = convention;
  model.n = m;
  Eigen::VectorXd residuals;
  if (kind == ModelKind::market_adjusted) {
    // AR = R_i - R_m; s^2 = sum (AR - mean AR)^2 / (M - 1) (Brown & Warner 1985; methods s.3).
    model.names = {"alpha", "beta"};
    model.coefficients = Eigen::Vector2d(0.0, 1.0);
    model.standard_errors = Eigen::Vector2d(k_nan, k_nan);
    residuals = y - rm;
    const double mean = residuals.mean();
    const double ss = (residuals.array() - mean).square().sum();
    if (constant(ss, residuals))
      return fail(FitFailure::constant_returns,
                  "the estimation returns minus the market returns are constant");
    model.sigma = std::sqrt(ss / (m - 1));
    model.r2 = k_nan;
    model.df = m - 1;
    model.prediction_matrix = Eigen::MatrixXd::Zero(2, 2);
  } else {
    Eigen::MatrixXd x(m, k);
    x.col(0).setOnes();
    if (kind == ModelKind::market)
      x.col(1) = rm;
    const auto divisor = kind == ModelKind::market && convention == Convention::estudy2
                             ? VarianceDivisor::n_minus_one
                             : VarianceDivisor::residual_df;
    std::vector<std::string> names = kind == ModelKind::market
                                         ? std::vector<std::string>{"alpha", "beta"}
                                         : std::vector<std::string>{"mean"};
    auto fit = fit_ols(x, y, std::move(names), divisor);
    if (!fit)
      return fail(FitFailure::singular_design,
                  "the market returns are constant in the estimation window");
    if (constant(fit->sse, y))
      return fail(FitFailure::constant_returns, "the estimation returns are constant (" +
                                                    std::to_string(m) +
                                                    " returns, zero residual variance)");
    model.names = fit->names;
    model.coefficients = fit->coefficients;
    model.standard_errors = fit->standard_errors;
    model.sigma = fit->sigma;
    model.r2 = kind == ModelKind::market ? fit->r2 : k_nan;
    model.df = fit->df;
    residuals = fit->residuals;
    model.prediction_matrix = kind == ModelKind::market && convention == Convention::estudy2
                                  ? whole_window_matrix(data.market, m)
                                  : fit->xtx_inverse;
  }
  model.residuals.assign(data.firm.size(), k_nan);
  for (std::size_t d = 0, row = 0; d < data.firm.size(); ++d)
    if (usable(data, d))
      model.residuals[d] = residuals(static_cast<Eigen::Index>(row++));
  return model;
}

} // namespace aftershock::models
