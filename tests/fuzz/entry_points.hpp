#pragma once
// The code the fuzz targets run, shared with the replay test (tests/unit/csv/fuzz_replay_test)
// so every corpus and regression input also runs in the normal gcc + sanitizer test suite.
// Each entry point returns normally for any input; a crash, a sanitizer report, an exception
// other than aftershock::Error or a broken invariant (std::abort) is a finding.

#include <cstddef>
#include <cstdint>

namespace aftershock::fuzz {

// The CSV sniffer and reader on `data` as a file, every typed accessor on every cell, the price
// layout detection and extraction, and a writer round trip of each record.
void run_csv_reader(const std::uint8_t* data, std::size_t size);

// calendar::parse_date in every layout (a parsed date must format and re-parse to itself) and
// the date sniffer on the input's lines.
void run_date_parser(const std::uint8_t* data, std::size_t size);

} // namespace aftershock::fuzz
