#pragma once
// Convention switches on the residual variance and the prediction-error correction, applied
// after a fit. The defaults change nothing; other settings reproduce packages that deviate from
// the textbook (e.g. Python `eventstudy` 0.1a10 by Lemaire: ddof 0, no correction, so that
// Var(CAR) = L s^2).

#include <aftershock/models/normal_model.hpp>

namespace aftershock::models {

enum class ResidualDivisor {
  model_default, // the model's own divisor (M - k textbook; M - 1 estudy2 market model)
  population,    // M (numpy var with ddof = 0)
};

enum class PredictionError {
  full, // s^2 (1 + x'Px) (Patell 1976; CLM 1997 s.4.4)
  none, // s^2 only: P = 0, so Var(AR) = s^2 and Var(CAR) = L s^2
};

struct VarianceOptions {
  ResidualDivisor divisor = ResidualDivisor::model_default;
  PredictionError prediction = PredictionError::full;
};

// Rewrites model.sigma (population: sqrt(sum e^2 / M) over the used estimation residuals) and
// the prediction matrix (none: zero) per `options`; the residual df and coefficient SEs are
// left as fitted.
void apply_variance_options(FittedModel& model, const VarianceOptions& options);

} // namespace aftershock::models
