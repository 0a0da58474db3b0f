#pragma once
// Calendar dates and the date formats aftershock reads. A `Date` is a day count
// (std::chrono::sys_days); all arithmetic is exact and time-zone free.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace aftershock::calendar {

using Date = std::chrono::sys_days;

// The textual date layouts accepted in input files and options.
enum class DateFormat {
  iso,       // 2025-01-27
  yyyymmdd,  // 20250127 (Kenneth French files, CRSP)
  mdy_slash, // 01/27/2025 (US spreadsheets)
  dmy_slash, // 27/01/2025 (European spreadsheets)
  dmy_dot,   // 27.01.2025 (EventStudyTools request files)
};

// Parses `text` in `format`; nullopt when it does not match the layout or names no real day,
// e.g. "2025-02-30" or "2025-13-01". Years outside 1000..9999 are refused.
std::optional<Date> parse_date(std::string_view text, DateFormat format) noexcept;

// Parses an ISO date (YYYY-MM-DD).
std::optional<Date> parse_iso_date(std::string_view text) noexcept;

// Formats as YYYY-MM-DD.
std::string format_iso(Date date);

// The layout as users write it, e.g. "YYYY-MM-DD" or "DD.MM.YYYY", for messages.
std::string_view format_pattern(DateFormat format) noexcept;

// The option spelling ("iso", "yyyymmdd", "mdy", "dmy", "dmy.") and its inverse.
std::string_view format_name(DateFormat format) noexcept;
std::optional<DateFormat> parse_format_name(std::string_view name) noexcept;

// Monday = 1 ... Sunday = 7 (ISO weekday).
unsigned iso_weekday(Date date) noexcept;

} // namespace aftershock::calendar
