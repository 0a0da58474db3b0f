#include <aftershock/sources/source_failure.hpp>

namespace aftershock::sources {

std::string_view failure_kind_name(FailureKind kind) noexcept {
  switch (kind) {
  case FailureKind::not_found:
    return "not_found";
  case FailureKind::empty_range:
    return "empty_range";
  case FailureKind::rate_limited:
    return "rate_limited";
  case FailureKind::unauthorized:
    return "unauthorized";
  case FailureKind::refused_premium:
    return "refused_premium";
  case FailureKind::refused_with_200:
    return "refused_with_200";
  case FailureKind::bad_request:
    return "bad_request";
  case FailureKind::bad_payload:
    return "bad_payload";
  case FailureKind::timeout:
    return "timeout";
  case FailureKind::network:
    return "network";
  case FailureKind::too_large:
    return "too_large";
  case FailureKind::not_in_cache:
    return "not_in_cache";
  }
  return "network";
}

} // namespace aftershock::sources
