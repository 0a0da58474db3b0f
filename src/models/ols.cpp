#include <aftershock/models/ols.hpp>

#include <cmath>
#include <limits>

namespace aftershock::models {

std::optional<OlsFit> fit_ols(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                              std::vector<std::string> names, VarianceDivisor divisor) {
  const auto rows = x.rows();
  const auto cols = x.cols();
  if (cols < 1 || rows <= cols || y.size() != rows)
    return std::nullopt;
  // b = (X'X)^-1 X'y (Campbell, Lo & MacKinlay 1997, s.4.4), solved by QR.
  Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(x);
  if (qr.rank() < cols)
    return std::nullopt;
  OlsFit fit;
  fit.names = std::move(names);
  fit.coefficients = qr.solve(y);
  fit.residuals = y - x * fit.coefficients;
  fit.sse = fit.residuals.squaredNorm();
  fit.n = static_cast<int>(rows);
  fit.df = static_cast<int>(rows - cols);
  const double divide = divisor == VarianceDivisor::residual_df ? static_cast<double>(fit.df)
                                                                : static_cast<double>(rows - 1);
  const double s2 = fit.sse / divide; // CLM 1997 s.4.4: divisor M-2 for the market model
  fit.sigma = std::sqrt(s2);
  const Eigen::MatrixXd xtx = x.transpose() * x;
  fit.xtx_inverse = xtx.ldlt().solve(Eigen::MatrixXd::Identity(cols, cols));
  fit.standard_errors = (s2 * fit.xtx_inverse.diagonal().array()).sqrt().matrix();
  const double sst = (y.array() - y.mean()).square().sum();
  fit.r2 = sst > 0.0 ? 1.0 - fit.sse / sst : std::numeric_limits<double>::quiet_NaN();
  return fit;
}

} // namespace aftershock::models
