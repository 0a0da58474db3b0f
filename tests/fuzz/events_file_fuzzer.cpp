// libFuzzer target: fuzz::run_events_file (issue 7; see entry_points.hpp).
#include "entry_points.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  aftershock::fuzz::run_events_file(data, size);
  return 0;
}
