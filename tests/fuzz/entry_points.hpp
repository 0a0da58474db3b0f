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

// Provider payload decoders (source_entry_points.cpp). `data` is a response body; each decoder
// runs it as HTTP 200 and as an error status over a wide and a narrow date range. A decoded
// series must hold strictly increasing dates inside the range, finite closes > 0 and columns of
// equal length; a failure must carry a message.
void run_yahoo_decoder(const std::uint8_t* data, std::size_t size);
void run_alphavantage_decoder(const std::uint8_t* data, std::size_t size);
void run_stooq_decoder(const std::uint8_t* data, std::size_t size);
// The SEC ticker map and company-concept parsers, and the filing choice on what they return.
void run_sec_parsers(const std::uint8_t* data, std::size_t size);
// The Kenneth French factor-file reader (sources::read_factor_text) in both date modes.
void run_french_factors(const std::uint8_t* data, std::size_t size);
// The events-file reader (sources::read_events_text: named columns and the EventStudyTools
// request file, sniffed and with forced dates) and the ARC long price reader on the same bytes.
// Events: at least one, unique ids, non-blank tickers, ordered windows, positive estimation
// lengths, increasing lines; prices: per ID strictly increasing dates and finite closes > 0.
void run_events_file(const std::uint8_t* data, std::size_t size);

// The option parser: `data` split at NUL bytes or newlines into arguments, run through
// cli::run with stdout and stderr sent to a null stream (cli_entry_point.cpp). Arguments that
// could write a file outside the scratch folder or reach the network are dropped before the
// call (see there); the literal "@DATA@" in an argument is replaced by `data_dir`.
void run_cli_args(const std::uint8_t* data, std::size_t size, const char* data_dir);

} // namespace aftershock::fuzz
