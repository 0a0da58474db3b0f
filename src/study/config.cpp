#include <aftershock/study/config.hpp>

namespace aftershock::study {

std::vector<events::Window> default_car_windows() {
  return {{0, 0}, {-1, 1}};
}

} // namespace aftershock::study
