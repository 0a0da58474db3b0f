#pragma once
// Sniffer phase 4 (dates): which column holds the dates and in which layout. Layouts are tried
// in the order ISO, YYYYMMDD, MM/DD/YYYY, DD/MM/YYYY, DD.MM.YYYY; when both slash layouts fit
// every value (all day and month fields <= 12) the file is ambiguous and is refused.

#include <aftershock/calendar/date.hpp>
#include <aftershock/csv/row_error.hpp>
#include <aftershock/util/result.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aftershock::csv {

struct DateSniff {
  calendar::DateFormat format = calendar::DateFormat::iso;
  std::string reason; // e.g. `all 624 values match YYYY-MM-DD`
};

// What the values of one column say about their date layout.
enum class DateFit {
  all,  // every non-empty value parses in one layout
  some, // a layout parses at least half of the non-empty values (the rest will be row errors)
  none, // not a date column
};

struct DateCandidate {
  DateFit fit = DateFit::none;
  DateSniff sniff;
};

// Examines the trimmed non-empty `values` of a column. With `forced`, that layout is used and
// the fit says how many values match it. Fails (problem and hint filled, file/line left for the
// caller) when the values fit both MM/DD/YYYY and DD/MM/YYYY. `needed` DateFit::all: the caller
// takes only a column where every value fits one layout, so a layout is dropped at its first
// miss and the scan stops when none is left (a text column costs a few parses, not five per
// value); the result is the same when the fit is all, else fit none.
util::Result<DateCandidate, RowError> sniff_date_format(const std::vector<std::string_view>& values,
                                                        std::optional<calendar::DateFormat> forced,
                                                        DateFit needed = DateFit::some);

} // namespace aftershock::csv
