#include <aftershock/study/config.hpp>

namespace aftershock::study {

std::vector<events::Window> default_car_windows() {
  return {{0, 0}, {-1, 1}};
}

std::optional<PAdjust> parse_adjust_name(std::string_view name) noexcept {
  if (name == "none")
    return PAdjust::none;
  if (name == "holm")
    return PAdjust::holm;
  if (name == "bh")
    return PAdjust::bh;
  return std::nullopt;
}

} // namespace aftershock::study
