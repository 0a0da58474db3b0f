#pragma once
// Sniffer phase 4 (types) and the cell parsers the typed reader uses: numbers without locale,
// with the reasons a cell is not a usable number kept apart so messages can say which one.

#include <aftershock/util/result.hpp>

#include <string>
#include <string_view>

namespace aftershock::csv {

// The detected type of a column (every non-empty cell matches it).
enum class ColumnType {
  empty,  // no cell has text
  number, // finite decimal numbers
  date,   // the date column (see date_sniffer.hpp)
  text,   // anything else
};

// Why a cell is not a finite number.
enum class NumberProblem {
  empty,        // nothing but blanks
  not_a_number, // junk such as "12,5x"
  out_of_range, // beyond the range of a double, such as "1e400"
  not_finite,   // "NaN", "inf" and friends: never accepted as data
};

// Parses a cell as a finite double (blanks around it ignored, '.' as decimal separator).
util::Result<double, NumberProblem> parse_number(std::string_view text) noexcept;

// The problem as message text naming the quoted cell, e.g. `cannot parse "12,5x" as a number`.
std::string describe_number_problem(NumberProblem problem, std::string_view text);

// A fix hint for `problem`.
std::string_view number_problem_hint(NumberProblem problem) noexcept;

// "empty", "number", "date" or "text".
std::string_view column_type_name(ColumnType type) noexcept;

} // namespace aftershock::csv
