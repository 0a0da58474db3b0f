#pragma once
// Ordinary least squares on a general design matrix, keeping what the prediction-error
// correction needs ((X'X)^-1). The market model uses X = [1, R_m]; CAPM and factor models plug
// in by passing more columns and names.

#include <Eigen/Dense>

#include <optional>
#include <string>
#include <vector>

namespace aftershock::models {

// Divisor of the residual variance s^2 = SSE / divisor (design/methods.md s.3 and s.5 item 1).
enum class VarianceDivisor {
  residual_df, // M - k (textbook; MacKinlay 1997; methods.md s.3)
  n_minus_one, // M - 1 (estudy2: sample variance of the residuals)
};

struct OlsFit {
  std::vector<std::string> names;  // one per column of X
  Eigen::VectorXd coefficients;    // b = (X'X)^-1 X'y
  Eigen::VectorXd standard_errors; // sqrt(s^2 diag((X'X)^-1)), s^2 by the chosen divisor
  Eigen::MatrixXd xtx_inverse;     // (X'X)^-1
  Eigen::VectorXd residuals;       // y - X b
  double sse = 0.0;                // sum of squared residuals
  double sigma = 0.0;              // sqrt(SSE / divisor)
  double r2 = 0.0;                 // 1 - SSE/SST (SST about the mean of y); NaN when SST = 0
  int n = 0;                       // rows M
  int df = 0;                      // M - k
};

// Fits y = X b + e by OLS (column-pivoting Householder QR). `names` labels the columns.
// Returns nullopt when X has no more rows than columns or is rank deficient.
std::optional<OlsFit> fit_ols(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                              std::vector<std::string> names, VarianceDivisor divisor);

} // namespace aftershock::models
