#pragma once
// Locale-independent parsing of numbers, and small string helpers shared by every module.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aftershock::util {

// Parses a whole field as a finite or non-finite double with std::from_chars (no locale, no
// iostreams). Leading and trailing ASCII blanks are ignored; a leading '+' is accepted.
// Returns nullopt when any other character remains, e.g. "12,5x" or "".
std::optional<double> parse_double(std::string_view text) noexcept;

// Parses a whole field as a signed 64-bit integer; nullopt on junk or overflow.
std::optional<long long> parse_int(std::string_view text) noexcept;

// Removes leading and trailing spaces, tabs, CR and LF.
std::string_view trim(std::string_view text) noexcept;

// Splits on `separator` without any quoting rules ("a,,b" gives "a", "", "b").
std::vector<std::string> split(std::string_view text, char separator);

// ASCII upper/lower case copies.
std::string to_upper(std::string_view text);
std::string to_lower(std::string_view text);

// Quotes a user-supplied value for an error message, escaping control characters so that
// nothing from an input file can move the cursor or change colours on a terminal.
std::string quote_for_message(std::string_view text, std::size_t max_length = 80);

} // namespace aftershock::util
