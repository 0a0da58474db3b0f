#include <aftershock/calendar/date.hpp>

#include <fmt/format.h>

#include <array>

namespace aftershock::calendar {
namespace {

// Reads exactly `count` ASCII digits starting at `pos`.
std::optional<int> digits(std::string_view text, std::size_t pos, std::size_t count) noexcept {
  if (pos + count > text.size())
    return std::nullopt;
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9')
      return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::optional<Date> make_date(int year, int month, int day) noexcept {
  if (year < 1000 || year > 9999)
    return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{year},
                                        std::chrono::month{static_cast<unsigned>(month)},
                                        std::chrono::day{static_cast<unsigned>(day)}};
  if (!ymd.ok())
    return std::nullopt;
  return Date{ymd};
}

// Parses fixed layouts of the form "AA?BB?YYYY" where ? is `separator`.
std::optional<Date> parse_day_month_year(std::string_view text, char separator,
                                         bool month_first) noexcept {
  if (text.size() != 10 || text[2] != separator || text[5] != separator)
    return std::nullopt;
  const auto a = digits(text, 0, 2);
  const auto b = digits(text, 3, 2);
  const auto y = digits(text, 6, 4);
  if (!a || !b || !y)
    return std::nullopt;
  return month_first ? make_date(*y, *a, *b) : make_date(*y, *b, *a);
}

} // namespace

std::optional<Date> parse_date(std::string_view text, DateFormat format) noexcept {
  switch (format) {
  case DateFormat::iso: {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
      return std::nullopt;
    const auto y = digits(text, 0, 4);
    const auto m = digits(text, 5, 2);
    const auto d = digits(text, 8, 2);
    if (!y || !m || !d)
      return std::nullopt;
    return make_date(*y, *m, *d);
  }
  case DateFormat::yyyymmdd: {
    if (text.size() != 8)
      return std::nullopt;
    const auto y = digits(text, 0, 4);
    const auto m = digits(text, 4, 2);
    const auto d = digits(text, 6, 2);
    if (!y || !m || !d)
      return std::nullopt;
    return make_date(*y, *m, *d);
  }
  case DateFormat::mdy_slash:
    return parse_day_month_year(text, '/', true);
  case DateFormat::dmy_slash:
    return parse_day_month_year(text, '/', false);
  case DateFormat::dmy_dot:
    return parse_day_month_year(text, '.', false);
  }
  return std::nullopt;
}

std::optional<Date> parse_iso_date(std::string_view text) noexcept {
  return parse_date(text, DateFormat::iso);
}

std::string format_iso(Date date) {
  const std::chrono::year_month_day ymd{date};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

std::string_view format_pattern(DateFormat format) noexcept {
  switch (format) {
  case DateFormat::iso:
    return "YYYY-MM-DD";
  case DateFormat::yyyymmdd:
    return "YYYYMMDD";
  case DateFormat::mdy_slash:
    return "MM/DD/YYYY";
  case DateFormat::dmy_slash:
    return "DD/MM/YYYY";
  case DateFormat::dmy_dot:
    return "DD.MM.YYYY";
  }
  return "?";
}

namespace {
constexpr std::array<std::pair<std::string_view, DateFormat>, 5> k_format_names{{
    {"iso", DateFormat::iso},
    {"yyyymmdd", DateFormat::yyyymmdd},
    {"mdy", DateFormat::mdy_slash},
    {"dmy", DateFormat::dmy_slash},
    {"dmy.", DateFormat::dmy_dot},
}};
} // namespace

std::string_view format_name(DateFormat format) noexcept {
  for (const auto& [name, value] : k_format_names)
    if (value == format)
      return name;
  return "?";
}

std::optional<DateFormat> parse_format_name(std::string_view name) noexcept {
  for (const auto& [candidate, value] : k_format_names)
    if (candidate == name)
      return value;
  // Also accept the patterns themselves, e.g. --date-format DD.MM.YYYY.
  for (const auto& [candidate, value] : k_format_names)
    if (format_pattern(value) == name)
      return value;
  return std::nullopt;
}

unsigned iso_weekday(Date date) noexcept {
  return std::chrono::weekday{date}.iso_encoding();
}

} // namespace aftershock::calendar
