#include <aftershock/models/variance_options.hpp>

#include <cmath>

namespace aftershock::models {

void apply_variance_options(FittedModel& model, const VarianceOptions& options) {
  if (options.divisor == ResidualDivisor::population) {
    // Population variance (ddof 0) of the residuals; OLS residuals with an intercept have mean
    // 0, so this is SSE / M (Lemaire eventstudy models.py, numpy var).
    double sum = 0.0;
    double sum_sq = 0.0;
    int m = 0;
    for (const double e : model.residuals)
      if (std::isfinite(e)) {
        sum += e;
        sum_sq += e * e;
        ++m;
      }
    if (m > 0) {
      const double mean = sum / m;
      model.sigma = std::sqrt(sum_sq / m - mean * mean);
    }
  }
  if (options.prediction == PredictionError::none)
    model.prediction_matrix.setZero();
}

} // namespace aftershock::models
