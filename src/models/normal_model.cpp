#include <aftershock/models/normal_model.hpp>

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

namespace {

// x' P x through a per-thread product buffer: the same Eigen product as x.dot(P * x), without
// a heap temporary per call (issue 6).
double quadratic_form(const Eigen::MatrixXd& p, const Eigen::VectorXd& x) {
  thread_local Eigen::VectorXd product;
  product.resize(p.rows());
  product.noalias() = p * x;
  return x.dot(product);
}

} // namespace

double FittedModel::ar_variance_at(const Eigen::VectorXd& x) const {
  // Prediction-error variance with the full design matrix (CLM 1997 s.4.4, eq. 4.4.8 form).
  return sigma * sigma * (1.0 + quadratic_form(prediction_matrix, x));
}

double FittedModel::car_variance_of(std::span<const Eigen::VectorXd> rows) const {
  Eigen::VectorXd total = Eigen::VectorXd::Zero(prediction_matrix.rows());
  for (const auto& x : rows)
    total += x;
  return car_variance_of_sum(total, rows.size());
}

double FittedModel::car_variance_of_sum(const Eigen::VectorXd& total, std::size_t length) const {
  // Var(CAR) = s^2 (L + 1'X* P X*'1) (CLM 1997 s.4.4; MacKinlay 1997).
  return sigma * sigma * (static_cast<double>(length) + quadratic_form(prediction_matrix, total));
}

namespace {

// The three passes of fit_simple, each a small function of its own so the accumulators stay in
// registers: inside fit_simple GCC 12 kept them on the stack, and every addition waited on a
// store and a reload (BM_fit_normal_model_market in bench/bench_stats.cpp: 3.3 us per 250-day
// fit before, 1.1 us with these functions; the bare kernel there takes 0.3 us). `all_usable`
// (every day has both returns) drops the per-day check. The additions happen in the same order
// either way, so the sums are the same to the bit.
struct RawSums {
  double y = 0.0;
  double x = 0.0;
  double xx = 0.0; // sum R_m^2: the scale of the rank check
  double yy = 0.0; // sum R_i^2: the scale of the constant check
};

template <bool all_usable> [[gnu::noinline]] RawSums raw_sums(const EstimationData& data) noexcept {
  RawSums s;
  const std::size_t n_days = data.firm.size();
  for (std::size_t d = 0; d < n_days; ++d)
    if (all_usable || usable(data, d)) {
      const double y = data.firm[d];
      const double x = data.market[d];
      s.y += y;
      s.x += x;
      s.xx += x * x;
      s.yy += y * y;
    }
  return s;
}

struct CentredSums {
  double xx = 0.0;
  double xy = 0.0;
  double yy = 0.0; // SST about the mean of y
};

template <bool all_usable>
[[gnu::noinline]] CentredSums centred_sums(const EstimationData& data, double mean_y,
                                           double mean_x) noexcept {
  CentredSums s;
  const std::size_t n_days = data.firm.size();
  for (std::size_t d = 0; d < n_days; ++d)
    if (all_usable || usable(data, d)) {
      const double dy = data.firm[d] - mean_y;
      const double dx = data.market[d] - mean_x;
      s.xx += dx * dx;
      s.xy += dx * dy;
      s.yy += dy * dy;
    }
  return s;
}

// e_t = R_i - (alpha + beta R_m) into `residuals` (NaN where a return is missing); returns SSE.
template <bool all_usable>
[[gnu::noinline]] double residuals_into(const EstimationData& data, double alpha, double beta,
                                        double* residuals) noexcept {
  double sse = 0.0;
  const std::size_t n_days = data.firm.size();
  for (std::size_t d = 0; d < n_days; ++d)
    if (all_usable || usable(data, d)) {
      const double e = data.firm[d] - (alpha + beta * data.market[d]);
      residuals[d] = e;
      sse += e * e;
    } else {
      residuals[d] = k_nan;
    }
  return sse;
}

// The market model (intercept + R_m) and the mean model (intercept only) in closed form, with
// two-pass centred sums (issue 6: no design matrix, QR or copies per firm-event). Campbell, Lo &
// MacKinlay (1997) s.4.4, eq. 4.4.5-4.4.7: beta = sum (R_m - mean_m)(R_i - mean_i) / S_xx,
// alpha = mean_i - beta mean_m, s^2 = SSE / divisor; (X'X)^-1 of X = [1, R_m] is
// [[1/M + mean_m^2 / S_xx, -mean_m / S_xx], [-mean_m / S_xx, 1 / S_xx]]. The mean model is the
// same with beta = 0 and (X'X)^-1 = 1/M. Equals fit_ols (QR) to rounding (normal_model_test).
util::Result<FittedModel, FitError> fit_simple(ModelKind kind, Convention convention,
                                               const EstimationData& data, int m) {
  const bool market = kind == ModelKind::market;
  const std::size_t n_days = data.firm.size();
  const bool all_usable = static_cast<std::size_t>(m) == n_days;
  const double count = static_cast<double>(m);
  const RawSums raw = all_usable ? raw_sums<true>(data) : raw_sums<false>(data);
  const double sum_xx_raw = raw.xx;
  const double sum_yy = raw.yy;
  const double mean_y = raw.y / count;
  const double mean_x = market ? raw.x / count : 0.0;
  const CentredSums centred = all_usable ? centred_sums<true>(data, mean_y, mean_x)
                                         : centred_sums<false>(data, mean_y, mean_x);
  const double sxx = centred.xx;
  const double sxy = centred.xy;
  const double syy = centred.yy;
  if (market) {
    // Rank check of [1, R_m] as the column-pivoting QR of fit_ols makes it: the second pivot's
    // |r_11| must exceed 2 eps |r_00|. With 1 pivoted first |r_00|^2 = M, |r_11|^2 = S_xx; with
    // R_m first |r_00|^2 = sum R_m^2, |r_11|^2 = M S_xx / sum R_m^2.
    const double eps2 =
        4.0 * std::numeric_limits<double>::epsilon() * std::numeric_limits<double>::epsilon();
    const double scale = std::max(count, sum_xx_raw * sum_xx_raw / count);
    if (!(sxx > eps2 * scale))
      return fail(FitFailure::singular_design,
                  "the market returns are constant in the estimation window");
  }
  const double beta = market ? sxy / sxx : 0.0;
  const double alpha = mean_y - beta * mean_x;

  FittedModel model;
  model.kind = kind;
  model.convention = convention;
  model.n = m;
  model.residuals.resize(n_days);
  const double sse = all_usable ? residuals_into<true>(data, alpha, beta, model.residuals.data())
                                : residuals_into<false>(data, alpha, beta, model.residuals.data());
  if (!(sse > 1e-28 * std::max(1.0, sum_yy))) // as constant(): zero residual variance
    return fail(FitFailure::constant_returns, "the estimation returns are constant (" +
                                                  std::to_string(m) +
                                                  " returns, zero residual variance)");
  const int k = market ? 2 : 1;
  model.df = m - k;
  // s^2 = SSE/(M-2) (textbook market model; CLM 1997 s.4.4), SSE/(M-1) (estudy2; mean model).
  const double divisor =
      market && convention == Convention::estudy2 ? count - 1.0 : static_cast<double>(m - k);
  const double s2 = sse / divisor;
  model.sigma = std::sqrt(s2);
  if (market) {
    model.names = {"alpha", "beta"};
    model.coefficients = Eigen::Vector2d(alpha, beta);
    Eigen::MatrixXd p(2, 2);
    p(0, 0) = 1.0 / count + mean_x * mean_x / sxx;
    p(0, 1) = -mean_x / sxx;
    p(1, 0) = -mean_x / sxx;
    p(1, 1) = 1.0 / sxx;
    model.standard_errors = Eigen::Vector2d(std::sqrt(s2 * p(0, 0)), std::sqrt(s2 * p(1, 1)));
    model.r2 = syy > 0.0 ? 1.0 - sse / syy : k_nan;
    model.prediction_matrix =
        convention == Convention::estudy2 ? whole_window_matrix(data.market, m) : std::move(p);
  } else {
    model.names = {"mean"};
    model.coefficients = Eigen::VectorXd::Constant(1, alpha);
    model.standard_errors = Eigen::VectorXd::Constant(1, std::sqrt(s2 / count));
    model.r2 = k_nan;
    model.prediction_matrix = Eigen::MatrixXd::Constant(1, 1, 1.0 / count);
  }
  return model;
}

} // namespace

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
  if (kind != ModelKind::market_adjusted)
    return fit_simple(kind, convention, data, m);
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
  // AR = R_i - R_m; s^2 = sum (AR - mean AR)^2 / (M - 1) (Brown & Warner 1985; methods s.3).
  model.names = {"alpha", "beta"};
  model.coefficients = Eigen::Vector2d(0.0, 1.0);
  model.standard_errors = Eigen::Vector2d(k_nan, k_nan);
  const Eigen::VectorXd residuals = y - rm;
  const double mean = residuals.mean();
  const double ss = (residuals.array() - mean).square().sum();
  if (constant(ss, residuals))
    return fail(FitFailure::constant_returns,
                "the estimation returns minus the market returns are constant");
  model.sigma = std::sqrt(ss / (m - 1));
  model.r2 = k_nan;
  model.df = m - 1;
  model.prediction_matrix = Eigen::MatrixXd::Zero(2, 2);
  model.residuals.assign(data.firm.size(), k_nan);
  for (std::size_t d = 0, row = 0; d < data.firm.size(); ++d)
    if (usable(data, d))
      model.residuals[d] = residuals(static_cast<Eigen::Index>(row++));
  return model;
}

} // namespace aftershock::models
