#include <aftershock/csv/date_sniffer.hpp>
#include <aftershock/util/parse.hpp>

#include <fmt/format.h>

#include <array>
#include <cstddef>

namespace aftershock::csv {
namespace {

using calendar::DateFormat;

constexpr std::array<DateFormat, 5> k_formats{DateFormat::iso, DateFormat::yyyymmdd,
                                              DateFormat::mdy_slash, DateFormat::dmy_slash,
                                              DateFormat::dmy_dot};

std::size_t count_matches(const std::vector<std::string_view>& values, DateFormat format) {
  std::size_t count = 0;
  for (const auto value : values)
    if (calendar::parse_date(value, format))
      ++count;
  return count;
}

// A value that parses in `format` but not in `other`, to explain why `other` was ruled out.
std::string_view witness(const std::vector<std::string_view>& values, DateFormat format,
                         DateFormat other) {
  for (const auto value : values)
    if (calendar::parse_date(value, format) && !calendar::parse_date(value, other))
      return value;
  return {};
}

} // namespace

util::Result<DateCandidate, RowError> sniff_date_format(const std::vector<std::string_view>& values,
                                                        std::optional<calendar::DateFormat> forced,
                                                        DateFit needed) {
  DateCandidate candidate;
  if (values.empty())
    return candidate;
  const std::size_t total = values.size();
  if (forced) {
    const std::size_t count = count_matches(values, *forced);
    candidate.sniff.format = *forced;
    candidate.sniff.reason = fmt::format("given by --date-format ({} of {} values match {})", count,
                                         total, calendar::format_pattern(*forced));
    candidate.fit = count == total ? DateFit::all : count > 0 ? DateFit::some : DateFit::none;
    return candidate;
  }
  std::array<std::size_t, k_formats.size()> counts{};
  if (needed == DateFit::all) {
    // Only the layouts every value fits matter: counts[i] is `total` for those, 0 for the rest.
    std::array<bool, k_formats.size()> fits{};
    fits.fill(true);
    std::size_t left = k_formats.size();
    for (std::size_t v = 0; v < total && left > 0; ++v)
      for (std::size_t i = 0; i < k_formats.size(); ++i)
        if (fits[i] && !calendar::parse_date(values[v], k_formats[i])) {
          fits[i] = false;
          --left;
        }
    for (std::size_t i = 0; i < k_formats.size(); ++i)
      counts[i] = fits[i] ? total : 0;
  } else {
    for (std::size_t i = 0; i < k_formats.size(); ++i)
      counts[i] = count_matches(values, k_formats[i]);
  }
  const std::size_t mdy = counts[2];
  const std::size_t dmy = counts[3];
  if (mdy == total && dmy == total)
    return util::unexpected(
        RowError{{},
                 0,
                 {},
                 fmt::format("dates are ambiguous: all {} values (e.g. {}) fit both MM/DD/YYYY and "
                             "DD/MM/YYYY",
                             total, util::quote_for_message(values.front())),
                 "pass --date-format mdy (MM/DD/YYYY) or --date-format dmy (DD/MM/YYYY)"});
  for (std::size_t i = 0; i < k_formats.size(); ++i) {
    if (counts[i] != total)
      continue;
    const DateFormat format = k_formats[i];
    candidate.fit = DateFit::all;
    candidate.sniff.format = format;
    candidate.sniff.reason =
        fmt::format("all {} values match {}", total, calendar::format_pattern(format));
    if (format == DateFormat::mdy_slash || format == DateFormat::dmy_slash) {
      const DateFormat other =
          format == DateFormat::mdy_slash ? DateFormat::dmy_slash : DateFormat::mdy_slash;
      candidate.sniff.reason +=
          fmt::format("; {} is ruled out by {}", calendar::format_pattern(other),
                      util::quote_for_message(witness(values, format, other)));
    }
    return candidate;
  }
  if (needed == DateFit::all)
    return candidate; // no layout fits every value: fit none
  std::size_t best = 0;
  for (std::size_t i = 1; i < k_formats.size(); ++i)
    if (counts[i] > counts[best])
      best = i;
  if (counts[best] > 0 && 2 * counts[best] >= total) {
    candidate.fit = DateFit::some;
    candidate.sniff.format = k_formats[best];
    candidate.sniff.reason = fmt::format("{} of {} values match {}", counts[best], total,
                                         calendar::format_pattern(k_formats[best]));
  }
  return candidate;
}

} // namespace aftershock::csv
