#include <aftershock/csv/cell.hpp>
#include <aftershock/util/parse.hpp>

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <system_error>

namespace aftershock::csv {

util::Result<double, NumberProblem> parse_number(std::string_view text) noexcept {
  text = util::trim(text);
  if (text.empty())
    return util::unexpected(NumberProblem::empty);
  const auto value = util::parse_double(text);
  if (value) {
    if (!std::isfinite(*value))
      return util::unexpected(NumberProblem::not_finite);
    return *value;
  }
  // util::parse_double refuses out-of-range values; find out whether that was the reason.
  std::string_view digits = text;
  if (digits.front() == '+')
    digits.remove_prefix(1);
  double probe = 0.0;
  const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), probe);
  if (ec == std::errc::result_out_of_range && ptr == digits.data() + digits.size())
    return util::unexpected(NumberProblem::out_of_range);
  return util::unexpected(NumberProblem::not_a_number);
}

std::string describe_number_problem(NumberProblem problem, std::string_view text) {
  switch (problem) {
  case NumberProblem::empty:
    return "empty cell where a number is required";
  case NumberProblem::not_a_number:
    return fmt::format("cannot parse {} as a number", util::quote_for_message(text));
  case NumberProblem::out_of_range:
    return fmt::format("{} is out of the range of a double-precision number",
                       util::quote_for_message(text));
  case NumberProblem::not_finite:
    return fmt::format("{} is not a finite number", util::quote_for_message(text));
  }
  return "bad number";
}

std::string_view number_problem_hint(NumberProblem problem) noexcept {
  switch (problem) {
  case NumberProblem::empty:
    return "fill in the value or delete the row (or pass --on-bad-row skip)";
  case NumberProblem::not_a_number:
    return "write numbers with '.' as the decimal point and no thousands separators or "
           "currency signs, e.g. 1234.5";
  case NumberProblem::out_of_range:
    return "check the value; numbers must lie within about 1e-308..1e308";
  case NumberProblem::not_finite:
    return "NaN/Inf are not data: delete the row or leave optional cells empty";
  }
  return "";
}

std::string_view column_type_name(ColumnType type) noexcept {
  switch (type) {
  case ColumnType::empty:
    return "empty";
  case ColumnType::number:
    return "number";
  case ColumnType::date:
    return "date";
  case ColumnType::text:
    return "text";
  }
  return "?";
}

} // namespace aftershock::csv
