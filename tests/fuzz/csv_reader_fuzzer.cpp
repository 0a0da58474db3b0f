// libFuzzer target: the CSV sniffer, reader and price extraction (issue 7).
#include "entry_points.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  aftershock::fuzz::run_csv_reader(data, size);
  return 0;
}
