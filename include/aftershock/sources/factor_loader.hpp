#pragma once
// Reads Kenneth French daily factor files: the original CSV layout (description lines before
// the header, YYYYMMDD dates, annual section or copyright after the data) and the ISO variant
// in data/ (date,Mkt-RF,...). Values in percent are converted to fractions.

#include <aftershock/calendar/date.hpp>
#include <aftershock/csv/table.hpp>
#include <aftershock/series/factor_table.hpp>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aftershock::sources {

// A factor file as read, with what the CSV sniffer found in its data block (for `inspect`).
struct FactorFile {
  series::FactorTable factors;
  csv::SniffReport sniff;           // of the data block (header + dated rows)
  std::vector<csv::Column> columns; // of the data block
  std::size_t lines_before = 0;     // description lines above the header
  std::size_t lines_after = 0;      // lines after the data block (annual section, copyright)
};

// Reads the bytes of a factor file named `file` (for messages); see load_factor_file. Used by
// read_factor_file and by the fuzz target.
FactorFile read_factor_text(std::string_view bytes, const std::string& file,
                            std::optional<calendar::DateFormat> date_format = {});

// Reads one factor file; see load_factor_file.
FactorFile read_factor_file(const std::filesystem::path& path,
                            std::optional<calendar::DateFormat> date_format = {});

// Reads one factor file. The data block starts at the first row whose first field is a date
// (the header is the non-blank line above it) and ends at the first row after it that is not
// (a blank line, "Annual Factors: ...", the copyright line). Throws aftershock::Error naming
// file, line, column and value on a bad cell, unordered or duplicate dates, or no data.
series::FactorTable load_factor_file(const std::filesystem::path& path,
                                     std::optional<calendar::DateFormat> date_format = {});

// Reads every file and joins them on date (series::join_on_date).
series::FactorTable load_factors(const std::vector<std::filesystem::path>& paths,
                                 std::optional<calendar::DateFormat> date_format = {});

} // namespace aftershock::sources
