#include <aftershock/study/result.hpp>

namespace aftershock::study {

std::string_view status_code(FirmStatus status) noexcept {
  switch (status) {
  case FirmStatus::ok:
    return "ok";
  case FirmStatus::unit_missing:
    return "unitmissing";
  case FirmStatus::wrong_span:
    return "wrongspan";
  case FirmStatus::edata_missing:
    return "edatamissing";
  case FirmStatus::wdata_missing:
    return "wdatamissing";
  case FirmStatus::constant_returns:
    return "constant_returns";
  case FirmStatus::source_failed:
    return "sourcefailed";
  case FirmStatus::event_outside:
    return "eventoutside";
  case FirmStatus::window_overlap:
    return "windowoverlap";
  case FirmStatus::event_overlap:
    return "eventoverlap";
  }
  return "?";
}

namespace {
std::optional<double> coefficient(const ModelFitSummary& fit, std::string_view name) {
  for (const auto& c : fit.coefficients)
    if (c.name == name)
      return c.value;
  return std::nullopt;
}
} // namespace

std::optional<double> ModelFitSummary::alpha() const {
  return coefficient(*this, "alpha");
}
std::optional<double> ModelFitSummary::beta() const {
  return coefficient(*this, "beta");
}

} // namespace aftershock::study
