// libFuzzer target: the option parser through cli::run (issue 7; see entry_points.hpp).
#include "entry_points.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  aftershock::fuzz::run_cli_args(data, size, AFTERSHOCK_FUZZ_DATA_DIR);
  return 0;
}
