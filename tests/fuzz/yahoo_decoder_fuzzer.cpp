// libFuzzer target: fuzz::run_yahoo_decoder (issue 7; see entry_points.hpp).
#include "entry_points.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  aftershock::fuzz::run_yahoo_decoder(data, size);
  return 0;
}
