#pragma once
// A problem with one row or cell of an input file: where it is, what the original text was and
// how to fix it. Row errors are values; a caller turns one into aftershock::Error when the
// command cannot go on (see architecture.md section 5).

#include <aftershock/util/error.hpp>

#include <cstddef>
#include <string>

namespace aftershock::csv {

struct RowError {
  std::string file;     // the file as the user named it
  std::size_t line = 0; // 1-based physical line where the record starts; 0 = whole file
  std::string column;   // column name; empty when the problem concerns the whole row or file
  std::string problem;  // e.g. `cannot parse "12,5x" as a number` (values already quoted)
  std::string hint;     // a possible fix; may be empty

  // `file:line: column "name": problem` (parts that are absent are left out).
  [[nodiscard]] std::string message() const;
};

// The error that ends a command for `error` (message() plus its hint, exit code 1).
Error to_error(const RowError& error);

} // namespace aftershock::csv
