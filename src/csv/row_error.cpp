#include <aftershock/csv/row_error.hpp>

#include <fmt/format.h>

namespace aftershock::csv {

std::string RowError::message() const {
  std::string out = file;
  if (line > 0)
    out += fmt::format(":{}", line);
  out += ": ";
  if (!column.empty())
    out += fmt::format("column \"{}\": ", column);
  out += problem;
  return out;
}

Error to_error(const RowError& error) {
  return Error(error.message(), error.hint);
}

} // namespace aftershock::csv
