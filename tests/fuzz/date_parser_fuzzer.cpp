// libFuzzer target: the date parser and date-format sniffer (issue 7).
#include "entry_points.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  aftershock::fuzz::run_date_parser(data, size);
  return 0;
}
