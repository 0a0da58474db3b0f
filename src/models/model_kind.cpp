#include <aftershock/models/model_kind.hpp>

namespace aftershock::models {

std::string_view model_name(ModelKind kind) noexcept {
  switch (kind) {
  case ModelKind::market:
    return "market";
  case ModelKind::market_adjusted:
    return "market-adjusted";
  case ModelKind::mean_adjusted:
    return "mean-adjusted";
  case ModelKind::capm:
    return "capm";
  case ModelKind::ff3:
    return "ff3";
  case ModelKind::carhart:
    return "carhart";
  case ModelKind::ff5:
    return "ff5";
  case ModelKind::scholes_williams:
    return "scholes-williams";
  case ModelKind::dimson:
    return "dimson";
  }
  return "?";
}

std::optional<ModelKind> parse_model_name(std::string_view name) noexcept {
  if (name == "market" || name == "market-model" || name == "ols")
    return ModelKind::market;
  if (name == "market-adjusted" || name == "market_adjusted")
    return ModelKind::market_adjusted;
  if (name == "mean-adjusted" || name == "mean_adjusted" || name == "constant-mean")
    return ModelKind::mean_adjusted;
  if (name == "capm")
    return ModelKind::capm;
  if (name == "ff3" || name == "fama-french-3")
    return ModelKind::ff3;
  if (name == "carhart" || name == "ff4")
    return ModelKind::carhart;
  if (name == "ff5" || name == "fama-french-5")
    return ModelKind::ff5;
  if (name == "scholes-williams" || name == "scholes_williams" || name == "sw")
    return ModelKind::scholes_williams;
  if (name == "dimson")
    return ModelKind::dimson;
  return std::nullopt;
}

std::string_view convention_name(Convention convention) noexcept {
  return convention == Convention::textbook ? "textbook" : "estudy2";
}

std::optional<Convention> parse_convention_name(std::string_view name) noexcept {
  if (name == "textbook")
    return Convention::textbook;
  if (name == "estudy2")
    return Convention::estudy2;
  return std::nullopt;
}

} // namespace aftershock::models
